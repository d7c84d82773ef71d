package io.drover.api.model;

/**
 * N copies of one application, named from a template: the declarative answer to {@code supvisors_breed}.
 * {@code nameTemplate} holds {@code {index}} or {@code {index:02}} (zero-padded to 2 digits); indexes run from
 * {@code startIndex} (default 1) for {@code replicas} copies.
 */
public record ApplicationSetSpec(Integer replicas, String nameTemplate, Integer startIndex, ApplicationTemplate template) {

    public int startIndexOrDefault() {
        return startIndex == null ? 1 : startIndex;
    }
}
