package io.drover.api.supvisors;

import io.drover.api.model.Names;

/**
 * The name a rules file gets as a RuleSet when the user gives none: its file name without directory and extension,
 * made into a valid {@link Names name} ({@code supvisors_rules_mc.xml} gives {@code supvisors_rules_mc}).
 */
final class RuleSetNames {

    static final String FALLBACK = "rules";

    private RuleSetNames() {
    }

    static String fromFileName(String fileName) {
        String base = fileName == null ? "" : fileName;
        base = base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        StringBuilder name = new StringBuilder(base.length());
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            name.append(isNameCharacter(c) ? c : '-');
        }
        // a name starts with a letter, a digit or '_'
        int start = 0;
        while (start < name.length() && !isNameStart(name.charAt(start))) {
            start++;
        }
        String result = name.substring(start, Math.min(name.length(), start + Names.MAX_LENGTH));
        return result.isEmpty() ? FALLBACK : result;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isNameCharacter(char c) {
        return isNameStart(c) || c == '.' || c == '@' || c == '+' || c == '-';
    }
}
