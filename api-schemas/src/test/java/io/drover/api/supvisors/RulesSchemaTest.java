package io.drover.api.supvisors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.drover.api.model.Distribution;
import io.drover.api.model.RunningFailureStrategy;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * rules.xsd says what Supvisors accepts; the model enums and the vocabulary used in messages must say the same, or
 * a valid value would fail to convert, or a message would list the wrong names.
 */
class RulesSchemaTest {

    private static Document xsd;

    @BeforeAll
    static void readTheSchema() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = RulesSchema.class.getResourceAsStream(RulesSchema.RESOURCE)) {
            xsd = factory.newDocumentBuilder().parse(in);
        }
    }

    @Test
    void theSchemaCompiles() {
        assertNotNull(RulesSchema.get());
    }

    @Test
    void enumerationsAreTheModelEnumsInSupvisorsOrder() {
        assertEquals(names(Distribution.values()), enumeration("DistributionRule"));
        assertEquals(names(StartingStrategy.values()), enumeration("StartingStrategy"));
        assertEquals(names(StartingFailureStrategy.values()), enumeration("StartingFailureStrategy"));
        assertEquals(names(RunningFailureStrategy.values()), enumeration("RunningFailureStrategy"));
    }

    @Test
    void valueTypesAreSupvisorsOnes() {
        Map<String, String> program = childTypes("ProgramModel");
        Map<String, String> application = childTypes("ApplicationModel");

        for (Map<String, String> types : List.of(program, application)) {
            assertEquals("xs:byte", types.get("start_sequence"));
            assertEquals("xs:byte", types.get("stop_sequence"));
            assertEquals("xs:string", types.get("identifiers"));
        }
        assertEquals("xs:boolean", program.get("required"));
        assertEquals("xs:boolean", program.get("wait_exit"));
        assertEquals("Loading", program.get("expected_loading"));
        assertEquals(List.of("0", "100"), List.of(facet("Loading", "minInclusive"), facet("Loading", "maxInclusive")));
        assertEquals("DistributionRule", application.get("distribution"));
        assertEquals("Programs", application.get("programs"));
    }

    @Test
    void theVocabularyListsTheChildrenTheSchemaAllows() {
        assertEquals(List.copyOf(childTypes("ProgramModel").keySet()), RulesVocabulary.childrenOf("program"));
        assertEquals(List.copyOf(childTypes("ProgramModel").keySet()), RulesVocabulary.childrenOf("model"));
        assertEquals(List.copyOf(childTypes("ApplicationModel").keySet()), RulesVocabulary.childrenOf("application"));
        assertEquals(List.copyOf(childTypes("Programs").keySet()), RulesVocabulary.childrenOf("programs"));
        assertEquals(List.of("alias", "model", "application"), RulesVocabulary.childrenOf(RulesVocabulary.ROOT));
    }

    @Test
    void theVocabularyQuotesTheSchemaEnumerations() {
        Map<String, String> types = new LinkedHashMap<>(childTypes("ApplicationModel"));
        types.putAll(childTypes("ProgramModel"));
        types.forEach((element, type) -> RulesVocabulary.valueRule(element)
                .filter(RulesVocabulary.ValueRule::isChoice)
                .ifPresent(rule -> assertEquals(enumeration(type), rule.choices(), element)));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    private static Element named(String tag, String name) {
        NodeList nodes = xsd.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (name.equals(element.getAttribute("name"))) {
                return element;
            }
        }
        throw new AssertionError("no " + tag + " named " + name + " in rules.xsd");
    }

    private static List<String> enumeration(String simpleType) {
        NodeList values = named("simpleType", simpleType).getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "enumeration");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.getLength(); i++) {
            names.add(((Element) values.item(i)).getAttribute("value"));
        }
        return names;
    }

    private static String facet(String simpleType, String facet) {
        return ((Element) named("simpleType", simpleType)
                .getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, facet).item(0)).getAttribute("value");
    }

    /** The child elements a complex type declares, in order, with their types. */
    private static Map<String, String> childTypes(String complexType) {
        NodeList children = named("complexType", complexType).getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "element");
        Map<String, String> types = new LinkedHashMap<>();
        for (int i = 0; i < children.getLength(); i++) {
            Element child = (Element) children.item(i);
            types.put(child.getAttribute("name"), child.getAttribute("type"));
        }
        return types;
    }
}
