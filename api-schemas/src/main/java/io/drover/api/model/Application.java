package io.drover.api.model;

/** {@code kind: Application}: one application (a Supervisor group) with its programs and rules. */
public record Application(String apiVersion, String kind, ObjectMeta metadata, ApplicationSpec spec) implements Resource {

    public static final String KIND = "Application";

    public static Application of(String name, ApplicationSpec spec) {
        return new Application(API_VERSION, KIND, ObjectMeta.named(name), spec);
    }

    public static Application of(ObjectMeta metadata, ApplicationSpec spec) {
        return new Application(API_VERSION, KIND, metadata, spec);
    }
}
