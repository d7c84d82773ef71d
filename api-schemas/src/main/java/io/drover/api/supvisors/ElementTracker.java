package io.drover.api.supvisors;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Sits between the XML parser and the validating unmarshaller, passes every event on, and remembers where the parse
 * is: the open elements, the attributes of the last one opened and the text of the current one. Schema errors arrive
 * as localized text without the element they are about; this context lets them be phrased per element, in any
 * locale.
 */
final class ElementTracker implements ContentHandler {

    /** Longest element text kept for messages; longer values are cut when quoted anyway. */
    private static final int MAX_TEXT = 256;

    /**
     * Deepest nesting read. Rules files have five levels (root, application, programs, program, value); a deeply
     * nested file would cost the schema validator time that grows with the square of its depth.
     */
    static final int MAX_DEPTH = 16;

    private final ContentHandler next;
    private final Deque<OpenElement> openElements = new ArrayDeque<>();
    private final StringBuilder text = new StringBuilder();
    private List<String> attributes = List.of();
    private Position textStart;
    private Locator locator;
    private boolean rootSeen;

    ElementTracker(ContentHandler next) {
        this.next = next;
    }

    /** The innermost open element (the one an error is about), or empty before the first element. */
    String current() {
        return openElements.isEmpty() ? "" : openElements.peek().name;
    }

    /** The namespace of {@link #current()}; rules files use none, so anything else is a mistake. */
    String currentNamespace() {
        return openElements.isEmpty() ? "" : openElements.peek().namespace;
    }

    /** Whether {@link #current()} holds elements so far (a value element must not). */
    boolean currentHasChildElements() {
        return !openElements.isEmpty() && openElements.peek().hasChildElements;
    }

    /** The element holding {@link #current()}, or empty for the root. */
    String parent() {
        if (openElements.size() < 2) {
            return "";
        }
        var elements = openElements.iterator();
        elements.next();
        return elements.next().name;
    }

    /** The local names of the attributes of the element opened last, without XML Schema instance attributes. */
    List<String> attributes() {
        return attributes;
    }

    /** The text read inside {@link #current()} so far (for a value element at its end tag: its whole value). */
    String text() {
        return text.toString();
    }

    /** Where the first non-blank text of {@link #current()} starts, or null when it has none so far. */
    Position textStart() {
        return textStart;
    }

    /** Whether the parser got as far as the first element. */
    boolean rootSeen() {
        return rootSeen;
    }

    /** The parser's position now, as 1-based line and column (0 when unknown). */
    int line() {
        return locator == null ? 0 : Math.max(locator.getLineNumber(), 0);
    }

    int column() {
        return locator == null ? 0 : Math.max(locator.getColumnNumber(), 0);
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
        next.setDocumentLocator(locator);
    }

    @Override
    public void startDocument() throws SAXException {
        next.startDocument();
    }

    @Override
    public void endDocument() throws SAXException {
        next.endDocument();
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        next.startPrefixMapping(prefix, uri);
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        next.endPrefixMapping(prefix);
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        rootSeen = true;
        if (openElements.size() >= MAX_DEPTH) {
            throw new TooDeeplyNested(locator);
        }
        if (!openElements.isEmpty()) {
            openElements.peek().hasChildElements = true;
        }
        openElements.push(new OpenElement(localName, uri == null ? "" : uri));
        attributes = namesOf(atts);
        text.setLength(0);
        textStart = null;
        next.startElement(uri, localName, qName, atts);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (textStart == null) {
            textStart = firstNonBlank(ch, start, length);
        }
        text.append(ch, start, Math.min(length, Math.max(0, MAX_TEXT - text.length())));
        next.characters(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        next.ignorableWhitespace(ch, start, length);
    }

    @Override
    public void processingInstruction(String target, String data) throws SAXException {
        next.processingInstruction(target, data);
    }

    @Override
    public void skippedEntity(String name) throws SAXException {
        next.skippedEntity(name);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        // the value of an element is validated at its end tag: it must still be the current element then
        next.endElement(uri, localName, qName);
        openElements.pop();
        text.setLength(0);
        textStart = null;
    }

    /**
     * The position of the first non-blank character of a chunk of text. The parser's position is the end of the
     * chunk; the start is found by counting back.
     */
    private Position firstNonBlank(char[] ch, int start, int length) {
        int end = start + length;
        int first = start;
        while (first < end && Character.isWhitespace(ch[first])) {
            first++;
        }
        if (first == end || locator == null || locator.getLineNumber() <= 0) {
            return null;
        }
        int newlinesAfter = 0;
        for (int i = first; i < end; i++) {
            if (ch[i] == '\n') {
                newlinesAfter++;
            }
        }
        int lastNewlineBefore = -1;
        for (int i = start; i < first; i++) {
            if (ch[i] == '\n') {
                lastNewlineBefore = i;
            }
        }
        // the parser may stand a little past the chunk (it has looked at the next tag): only a line break in the
        // chunk gives an exact column; otherwise the column stays unknown (0)
        int column = lastNewlineBefore >= 0 ? first - lastNewlineBefore : 0;
        return new Position(locator.getLineNumber() - newlinesAfter, column);
    }

    /** A 1-based line and column in the file. */
    record Position(int line, int column) {
    }

    /** Stops the parse at an element nested deeper than {@link #MAX_DEPTH}. */
    static final class TooDeeplyNested extends SAXParseException {

        private static final long serialVersionUID = 1L;

        TooDeeplyNested(Locator locator) {
            super("elements nested deeper than " + MAX_DEPTH, locator);
        }
    }

    private static final class OpenElement {
        final String name;
        final String namespace;
        boolean hasChildElements;

        OpenElement(String name, String namespace) {
            this.name = name;
            this.namespace = namespace;
        }
    }

    private static List<String> namesOf(Attributes atts) {
        List<String> names = new ArrayList<>(atts.getLength());
        for (int i = 0; i < atts.getLength(); i++) {
            if (!XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(atts.getURI(i))) {
                names.add(atts.getLocalName(i));
            }
        }
        return List.copyOf(names);
    }
}
