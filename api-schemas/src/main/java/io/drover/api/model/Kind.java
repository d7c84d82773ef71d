package io.drover.api.model;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of manifest drover reads, with the class of each one's spec. */
public enum Kind {
    APPLICATION("Application", ApplicationSpec.class),
    RULE_SET("RuleSet", RuleSetSpec.class),
    APPLICATION_SET("ApplicationSet", ApplicationSetSpec.class);

    private final String text;
    private final Class<?> specType;

    Kind(String text, Class<?> specType) {
        this.text = text;
        this.specType = specType;
    }

    public String text() {
        return text;
    }

    public Class<?> specType() {
        return specType;
    }

    public static Optional<Kind> parse(String text) {
        return Arrays.stream(values()).filter(k -> k.text.equals(text)).findFirst();
    }

    public static String allTexts() {
        return String.join(", ", Arrays.stream(values()).map(Kind::text).toList());
    }
}
