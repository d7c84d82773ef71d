package io.drover.api.rules;

import io.drover.api.model.RuleSet;
import io.drover.api.source.SourceMap;
import io.drover.api.source.Sourced;

/**
 * Where a rule element was written: the rule set that holds it ({@code origin}, its name) and its JSON pointer there.
 */
record RuleSource(String origin, SourceMap sourceMap, String pointer) {

    static String nameOf(Sourced<RuleSet> ruleSet) {
        RuleSet value = ruleSet.value();
        if (value != null && value.name() != null) {
            return value.name();
        }
        return ruleSet.sourceMap() == null ? "<rule set>" : ruleSet.sourceMap().file();
    }

    RuleSource child(String segment) {
        return new RuleSource(origin, sourceMap, pointer + "/" + segment);
    }

    RuleSource child(int index) {
        return new RuleSource(origin, sourceMap, pointer + "/" + index);
    }
}
