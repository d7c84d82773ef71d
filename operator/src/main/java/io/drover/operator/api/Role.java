package io.drover.operator.api;

import java.util.Locale;
import java.util.Optional;

/** What a bearer token may do; each role includes the ones before it. */
public enum Role {
    /** reads every resource and view */
    VIEWER,
    /** also starts, stops and restarts applications */
    OPERATOR,
    /** also applies and deletes resources */
    ADMIN;

    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }

    public static Optional<Role> parse(String text) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(text.trim())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
