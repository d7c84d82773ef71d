package io.drover.api.supvisors;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.EntityResolver;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.XMLReader;

/**
 * XML parsers that cannot be turned against the machine reading a rules file: no DTD at all (so no entity, internal
 * or external, and no "billion laughs"), no access to external DTDs or schemas, no XInclude, JDK secure processing
 * limits on. Rules files never need any of these, so refusing them costs nothing.
 */
final class HardenedXml {

    static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER_ENTITIES = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String PARSER_LOCALE = "http://apache.org/xml/properties/locale";

    /** Refuses every entity: with DOCTYPE disallowed none can be declared, this holds even if that ever changed. */
    static final EntityResolver NO_ENTITIES = (publicId, systemId) -> {
        throw new SAXException("external entities are not allowed in a rules file");
    };

    private HardenedXml() {
    }

    /**
     * A namespace-aware, non-validating SAX parser. The JDK's own parser is used whatever else is on the class path:
     * the features set here are the ones it is known to honour.
     */
    static XMLReader newParser() {
        try {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(LOAD_EXTERNAL_DTD, false);
            SAXParser parser = factory.newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            XMLReader reader = parser.getXMLReader();
            reader.setEntityResolver(NO_ENTITIES);
            useEnglishMessages(reader);
            return reader;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK XML parser does not support the hardening drover needs", e);
        }
    }

    /** Compiles a schema shipped with drover; it imports nothing, so every external access stays closed. */
    static Schema loadSchema(URL resource) {
        if (resource == null) {
            throw new IllegalStateException("the rules schema is missing from the class path");
        }
        try (InputStream in = resource.openStream()) {
            SchemaFactory factory = SchemaFactory.newDefaultInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(in, resource.toExternalForm()));
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("cannot load the rules schema " + resource, e);
        }
    }

    /** drover's messages are English; quoting a parser message in another language would mix two in one sentence. */
    private static void useEnglishMessages(XMLReader reader) {
        try {
            reader.setProperty(PARSER_LOCALE, Locale.ENGLISH);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            // another parser: its messages stay in the default locale, which only changes the quoted text
        }
    }
}
