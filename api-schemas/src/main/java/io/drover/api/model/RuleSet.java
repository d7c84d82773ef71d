package io.drover.api.model;

/** {@code kind: RuleSet}: a Supvisors rules file as a drover resource. */
public record RuleSet(String apiVersion, String kind, ObjectMeta metadata, RuleSetSpec spec) implements Resource {

    public static final String KIND = "RuleSet";

    public static RuleSet of(String name, RuleSetSpec spec) {
        return new RuleSet(API_VERSION, KIND, ObjectMeta.named(name), spec);
    }
}
