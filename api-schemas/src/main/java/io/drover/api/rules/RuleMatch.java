package io.drover.api.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The rule-set element that matched an application or a program: by exact {@code name} or by {@code pattern} (one of
 * the two is set), and the rule set that holds it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleMatch(String ruleSet, String name, String pattern) {

    public static RuleMatch byName(String ruleSet, String name) {
        return new RuleMatch(ruleSet, name, null);
    }

    public static RuleMatch byPattern(String ruleSet, String pattern) {
        return new RuleMatch(ruleSet, null, pattern);
    }

    /** Whether the element was selected through its pattern (Supvisors' {@code is_pattern}). */
    @JsonIgnore
    public boolean byPattern() {
        return pattern != null;
    }

    /** {@code name=scen1 (RuleSet scenario-1)} or {@code pattern=scen2_srv_ (RuleSet scenario-2)}. */
    @JsonIgnore
    public String describe() {
        return (pattern != null ? "pattern=" + pattern : "name=" + name) + " (RuleSet " + ruleSet + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
