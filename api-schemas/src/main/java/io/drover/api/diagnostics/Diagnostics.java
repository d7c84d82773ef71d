package io.drover.api.diagnostics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects the problems of one reading so that a user sees all of them at once, not one per attempt. */
public final class Diagnostics {

    private final List<Diagnostic> items = new ArrayList<>();

    public Diagnostics add(Diagnostic diagnostic) {
        items.add(diagnostic);
        return this;
    }

    public Diagnostics addAll(Iterable<Diagnostic> more) {
        more.forEach(items::add);
        return this;
    }

    public Diagnostics error(SourceLocation location, String message, String hint) {
        return add(Diagnostic.error(location, message, hint));
    }

    public Diagnostics warning(SourceLocation location, String message, String hint) {
        return add(Diagnostic.warning(location, message, hint));
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public List<Diagnostic> all() {
        return Collections.unmodifiableList(items);
    }

    public List<Diagnostic> errors() {
        return items.stream().filter(Diagnostic::isError).toList();
    }

    public List<Diagnostic> warnings() {
        return items.stream().filter(d -> !d.isError()).toList();
    }

    /** Throws {@link InvalidInputException} carrying every diagnostic when at least one is an error. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new InvalidInputException(items);
        }
    }
}
