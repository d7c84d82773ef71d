package io.drover.api.supvisors;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.Severity;
import io.drover.api.diagnostics.SourceLocation;
import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventHandler;
import jakarta.xml.bind.ValidationEventLocator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Receives every problem of one reading, from the parser (syntax) and from JAXB (schema validation, unmarshalling),
 * and keeps each as a diagnostic. It answers "go on" up to {@link #MAX_REPORTED} errors, so that one reading reports
 * all the problems of a file; the parser stops by itself after a syntax error.
 */
final class ValidationProblems implements ValidationEventHandler, ErrorHandler {

    /** Enough to fix a file in a few rounds; past this the reading stops, as more would bury the first ones. */
    static final int MAX_REPORTED = 100;

    private final String file;
    private final ElementTracker at;
    private final Diagnostics diagnostics;
    private final Set<String> reported = new HashSet<>();
    private final Map<String, Set<String>> attributesReportedByPosition = new HashMap<>();
    private final List<Diagnostic> unmarshallerComplaints = new ArrayList<>();

    ValidationProblems(String file, ElementTracker at, Diagnostics diagnostics) {
        this.file = file;
        this.at = at;
        this.diagnostics = diagnostics;
    }

    @Override
    public boolean handleEvent(ValidationEvent event) {
        SourceLocation where = locationOf(event.getLocator());
        String message = messageOf(event);
        String key = SchemaErrorMessages.keyOf(message);
        if (!key.isEmpty()) {
            // JAXB reports schema errors as fatal, although the parse goes on and finds the next one
            if (key.startsWith(SchemaErrorMessages.MISPLACED_TEXT) && at.textStart() != null) {
                // the validator notices misplaced text at the end tag; the user looks for the text itself
                where = new SourceLocation(file, at.textStart().line(), at.textStart().column());
            }
            String position = where.line() + ":" + where.column();
            Set<String> attributes = attributesReportedByPosition.computeIfAbsent(position, p -> new HashSet<>());
            Problem problem = SchemaErrorMessages.describe(message, at, attributes);
            Severity severity = event.getSeverity() == ValidationEvent.WARNING ? Severity.WARNING : Severity.ERROR;
            add(new Diagnostic(severity, where, problem.message(), problem.hint()));
        } else {
            unmarshallerComplaints.add(unmarshallerComplaint(message).at(where));
        }
        // stopping makes the unmarshaller throw; the diagnostics already say everything
        return diagnostics.errors().size() + unmarshallerComplaints.size() < MAX_REPORTED;
    }

    @Override
    public void warning(SAXParseException exception) {
        // the parser warns about nothing a rules file can get wrong once DTDs are refused
    }

    @Override
    public void error(SAXParseException exception) {
        addSyntaxError(exception);
    }

    @Override
    public void fatalError(SAXParseException exception) throws SAXException {
        addSyntaxError(exception);
        throw exception;
    }

    private void addSyntaxError(SAXParseException exception) {
        SourceLocation where = exception.getLineNumber() > 0
                ? new SourceLocation(file, exception.getLineNumber(), Math.max(exception.getColumnNumber(), 0))
                : new SourceLocation(file, at.line(), at.column());
        add(SyntaxErrorMessages.describe(exception.getMessage(), exception.getException(), at).at(where));
    }

    /**
     * The unmarshaller only complains about elements it has no place for (the schema has checked the rest); its
     * message names the element, which is the one being opened.
     */
    private Problem unmarshallerComplaint(String message) {
        if (!at.current().isEmpty() && message.contains("\"" + at.current() + "\"")) {
            return SchemaErrorMessages.unexpectedElement(at);
        }
        return new Problem("invalid rules file: " + message, null);
    }

    /**
     * Adds the unmarshaller's own complaints that say something new. They usually repeat, in Java terms, a schema
     * error on the same line that the validator may report only later (at the end tag).
     */
    void finish() {
        boolean stoppedEarly = diagnostics.errors().size() + unmarshallerComplaints.size() >= MAX_REPORTED;
        Set<Integer> linesWithErrors = new HashSet<>();
        diagnostics.errors().forEach(d -> linesWithErrors.add(d.location().line()));
        for (Diagnostic complaint : unmarshallerComplaints) {
            if (!linesWithErrors.contains(complaint.location().line())) {
                add(complaint);
            }
        }
        unmarshallerComplaints.clear();
        if (stoppedEarly) {
            diagnostics.error(SourceLocation.of(file), "more problems may follow; only the first " + MAX_REPORTED
                    + " are listed", "fix these and read the file again");
        }
    }

    /** The reading stopped at an element nested deeper than any rules file goes. */
    Diagnostic tooDeeplyNested(SAXParseException stop) {
        SourceLocation where = new SourceLocation(file, Math.max(stop.getLineNumber(), 0),
                Math.max(stop.getColumnNumber(), 0));
        return Diagnostic.error(where,
                "elements are nested more than " + ElementTracker.MAX_DEPTH + " levels deep; a rules file has 5 levels"
                        + " (root, application, programs, program, value)",
                "check that this is a Supvisors rules file and that its elements are closed where they should be");
    }

    /** The diagnostic for an unmarshalling that stopped without saying why through this handler. */
    Diagnostic unreadable(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        String reason = cause.getMessage() == null ? "unreadable content" : cause.getMessage().strip();
        return SyntaxErrorMessages.describe(reason, cause, at)
                .at(new SourceLocation(file, at.line(), at.column()));
    }

    private void add(Diagnostic diagnostic) {
        // the validator reports a bad value twice (the facet, then the element): both read the same once phrased
        String identity = diagnostic.location() + "|" + diagnostic.message();
        if (reported.add(identity)) {
            diagnostics.add(diagnostic);
        }
    }

    private SourceLocation locationOf(ValidationEventLocator locator) {
        int line = locator == null ? -1 : locator.getLineNumber();
        int column = locator == null ? -1 : locator.getColumnNumber();
        if (line <= 0) {
            return new SourceLocation(file, at.line(), at.column());
        }
        return new SourceLocation(file, line, Math.max(column, 0));
    }

    private static String messageOf(ValidationEvent event) {
        String message = event.getMessage();
        if (message == null && event.getLinkedException() != null) {
            message = event.getLinkedException().getMessage();
        }
        return message == null ? "" : message;
    }
}
