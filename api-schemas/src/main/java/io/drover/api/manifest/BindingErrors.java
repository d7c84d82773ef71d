package io.drover.api.manifest;


import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.source.SourceMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns Jackson's binding exceptions into diagnostics a person can act on: the field, the line, what was expected,
 * and for a misspelt field the closest known one. Jackson's own messages name Java classes, which users never wrote.
 */
final class BindingErrors {

    private BindingErrors() {
    }

    static Diagnostic toDiagnostic(JsonMappingException error, SourceMap sourceMap, String basePointer, String what) {
        String pointer = basePointer + pointerOf(error.getPath());
        String field = fieldName(error.getPath());
        if (error instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            String suggestion = closest(unknown.getPropertyName(), known)
                    .map(s -> "did you mean '" + s + "'? ").orElse("");
            return Diagnostic.error(sourceMap.locate(pointer),
                    "unknown field '" + unknown.getPropertyName() + "' in " + what,
                    suggestion + "known fields: " + String.join(", ", known));
        }
        if (error instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants()).map(String::valueOf)
                    .collect(Collectors.joining(", "));
            return Diagnostic.error(sourceMap.locate(pointer),
                    field + ": '" + format.getValue() + "' is not an accepted value", "use one of " + allowed);
        }
        if (error instanceof ValueInstantiationException instantiation && instantiation.getCause() != null) {
            return Diagnostic.error(sourceMap.locate(pointer), field + ": " + instantiation.getCause().getMessage(), null);
        }
        if (error instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return Diagnostic.error(sourceMap.locate(pointer),
                    field + ": expected " + describe(mismatch.getTargetType()), "check the value's type and indentation");
        }
        return Diagnostic.error(sourceMap.locate(pointer), field + ": " + firstLine(error.getOriginalMessage()), null);
    }

    private static String pointerOf(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                pointer.append('/').append(SourceMap.segment(reference.getFieldName()));
            } else if (reference.getIndex() >= 0) {
                pointer.append('/').append(reference.getIndex());
            }
        }
        return pointer.toString();
    }

    private static String fieldName(List<JsonMappingException.Reference> path) {
        StringBuilder name = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (name.length() > 0) {
                    name.append('.');
                }
                name.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                name.append('[').append(reference.getIndex()).append(']');
            }
        }
        return name.length() == 0 ? "value" : name.toString();
    }

    private static final Map<Class<?>, String> TYPE_NAMES = Map.of(
            Integer.class, "a whole number", int.class, "a whole number", Long.class, "a whole number",
            Boolean.class, "true or false", boolean.class, "true or false", String.class, "a text value");

    private static String describe(Class<?> type) {
        if (TYPE_NAMES.containsKey(type)) {
            return TYPE_NAMES.get(type);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "a mapping of names to values";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        return "a mapping (an object with fields)";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** The known name closest to {@code name} when it is close enough to be a likely typo. */
    static Optional<String> closest(String name, Collection<String> known) {
        return known.stream()
                .map(k -> Map.entry(k, distance(name.toLowerCase(), k.toLowerCase())))
                .filter(e -> e.getValue() <= Math.max(2, name.length() / 3))
                .min(Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
