package io.drover.api.supvisors;

import io.drover.api.diagnostics.SourceLocation;
import org.xml.sax.Locator;

/**
 * Turns the positions JAXB recorded into drover locations. A SAX position is where the parser stood after the start
 * tag: the right line for a one-line tag, and the column just past its closing '>'.
 */
record SourceLocations(String file) {

    SourceLocation of(Locator locator) {
        if (locator == null || locator.getLineNumber() <= 0) {
            return SourceLocation.of(file);
        }
        return new SourceLocation(file, locator.getLineNumber(), Math.max(locator.getColumnNumber(), 0));
    }
}
