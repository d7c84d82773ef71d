package io.drover.api.supvisors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.Names;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleSetNamesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            supvisors_rules_mc.xml             | supvisors_rules_mc
            etc/supvisors_rules.xml            | supvisors_rules
            C:\\rules\\site rules.v2.xml       | site-rules.v2
            .hidden.xml                        | hidden
            my:rules                           | my-rules
            --rules--.xml                      | rules--
            ...                                | rules
            ''                                 | rules
            """)
    void theDefaultNameIsTheFileBaseNameMadeValid(String fileName, String expected) {
        String name = SupvisorsRulesReader.defaultRuleSetName(fileName);

        assertEquals(expected, name);
        assertTrue(Names.isValid(name), name);
    }

    @Test
    void aLongFileNameIsCutToTheNameLimit() {
        String name = SupvisorsRulesReader.defaultRuleSetName("r".repeat(300) + ".xml");

        assertEquals(Names.MAX_LENGTH, name.length());
    }

    @Test
    void aGivenNameOverridesTheFileName() {
        byte[] content = "<root/>".getBytes(StandardCharsets.UTF_8);

        assertEquals("site", new SupvisorsRulesReader().read(content, "supvisors_rules.xml", "site")
                .value().metadata().name());
    }
}
