package io.drover.api.model;

/** A drover manifest: {@code apiVersion: drover.io/v1}, a kind, metadata and a spec. */
public sealed interface Resource permits Application, RuleSet, ApplicationSet {

    String API_VERSION = "drover.io/v1";

    String apiVersion();

    String kind();

    ObjectMeta metadata();

    default String name() {
        return metadata() == null ? null : metadata().name();
    }
}
