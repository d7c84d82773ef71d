package io.drover.api.supvisors;

import java.io.CharConversionException;
import java.io.UnsupportedEncodingException;

/**
 * Phrases the parser's fatal errors: the file is not well-formed XML, so nothing in it can be read. A DOCTYPE gets
 * its own sentence because refusing it is a deliberate choice, not a syntax slip.
 */
final class SyntaxErrorMessages {

    private SyntaxErrorMessages() {
    }

    /**
     * @param rawMessage the parser's message
     * @param cause      what the parser reported it with: a decoding failure says the bytes are not text
     * @param at         where the parse stands: before the first element, the file may not be XML at all
     */
    static Problem describe(String rawMessage, Throwable cause, ElementTracker at) {
        String reason = rawMessage == null || rawMessage.isBlank() ? "syntax error" : rawMessage.strip();
        // the parser names the feature that refused the DOCTYPE, whatever the language of its message
        if (reason.contains(HardenedXml.DISALLOW_DOCTYPE) || reason.startsWith("DOCTYPE")) {
            return new Problem("DOCTYPE is not allowed in a rules file",
                    "remove the <!DOCTYPE ...> declaration and any entity it declares; Supvisors rules files need"
                            + " none, and drover never reads DTDs or expands entities");
        }
        if (cause instanceof UnsupportedEncodingException) {
            String encoding = SchemaErrorMessages.quote(reason);
            return new Problem("the file declares an encoding that cannot be read: " + encoding,
                    "declare encoding=\"UTF-8\" in <?xml ...?> and save the file as UTF-8");
        }
        if (cause instanceof CharConversionException) {
            return new Problem("the file is not text in its declared encoding: " + reason,
                    "save the file as UTF-8, or declare its real encoding in <?xml version=\"1.0\" encoding=\"...\"?>");
        }
        String message = "malformed XML: " + reason;
        if (!at.rootSeen()) {
            return new Problem(message, "a rules file is XML text that starts with"
                    + " <?xml version=\"1.0\" encoding=\"UTF-8\"?> and has <root> as its outermost element;"
                    + " check that this is the right file");
        }
        String inside = at.current().isEmpty() ? "" : " (inside <" + at.current() + ">)";
        return new Problem(message, "fix the XML syntax at this position" + inside + "; no rule is read from a file"
                + " that is not well-formed XML");
    }
}
