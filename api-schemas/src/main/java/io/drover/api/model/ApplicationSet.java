package io.drover.api.model;

/** {@code kind: ApplicationSet}: one application template replicated N times. */
public record ApplicationSet(String apiVersion, String kind, ObjectMeta metadata, ApplicationSetSpec spec) implements Resource {

    public static final String KIND = "ApplicationSet";

    public static ApplicationSet of(String name, ApplicationSetSpec spec) {
        return new ApplicationSet(API_VERSION, KIND, ObjectMeta.named(name), spec);
    }
}
