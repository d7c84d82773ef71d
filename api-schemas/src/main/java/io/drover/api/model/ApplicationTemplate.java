package io.drover.api.model;

import java.util.Map;

/** The application every copy of an {@link ApplicationSet} is made from: labels and spec. */
public record ApplicationTemplate(Map<String, String> labels, ApplicationSpec spec) {

    public ApplicationTemplate {
        labels = labels == null ? null : Map.copyOf(labels);
    }
}
