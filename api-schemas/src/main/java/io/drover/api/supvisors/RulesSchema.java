package io.drover.api.supvisors;

import javax.xml.validation.Schema;

/** drover's copy of Supvisors' rules.xsd, compiled once: a compiled schema is immutable and thread-safe. */
final class RulesSchema {

    static final String RESOURCE = "rules.xsd";

    private RulesSchema() {
    }

    static Schema get() {
        return Holder.SCHEMA;
    }

    private static final class Holder {
        static final Schema SCHEMA = HardenedXml.loadSchema(RulesSchema.class.getResource(RESOURCE));
    }
}
