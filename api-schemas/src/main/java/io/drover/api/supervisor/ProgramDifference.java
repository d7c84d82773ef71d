package io.drover.api.supervisor;

import io.drover.api.model.ProgramSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Objects;
import java.util.Optional;

/**
 * The first field in which two definitions of the same program differ, in the order of {@link ProgramSpec}'s
 * fields, looking inside nested values such as the log specs ({@code stdout/logfile}). Where the program may run
 * ({@code nodes}) is not part of its definition.
 */
record ProgramDifference(String field, Object first, Object second) {

    private static final String NODES = "nodes";

    static Optional<ProgramDifference> between(ProgramSpec first, ProgramSpec second) {
        return between("", first, second);
    }

    private static Optional<ProgramDifference> between(String prefix, Record first, Record second) {
        for (RecordComponent component : first.getClass().getRecordComponents()) {
            if (prefix.isEmpty() && NODES.equals(component.getName())) {
                continue;
            }
            Object a = value(component, first);
            Object b = value(component, second);
            if (Objects.equals(a, b)) {
                continue;
            }
            String field = prefix + component.getName();
            if (a instanceof Record ra && b instanceof Record rb) {
                return between(field + "/", ra, rb);
            }
            return Optional.of(new ProgramDifference(field, a, b));
        }
        return Optional.empty();
    }

    private static Object value(RecordComponent component, Record owner) {
        try {
            return component.getAccessor().invoke(owner);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
