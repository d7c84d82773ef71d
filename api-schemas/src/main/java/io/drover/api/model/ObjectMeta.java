package io.drover.api.model;

import java.util.Map;

/** Name and labels of a resource, as in Kubernetes. */
public record ObjectMeta(String name, Map<String, String> labels, Map<String, String> annotations) {

    public ObjectMeta {
        labels = labels == null ? null : Map.copyOf(labels);
        annotations = annotations == null ? null : Map.copyOf(annotations);
    }

    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, null, null);
    }
}
