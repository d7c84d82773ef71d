package io.drover.api.supvisors;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.supvisors.binding.RulesDocument;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;
import jakarta.xml.bind.UnmarshallerHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Turns the bytes of a rules file into its JAXB binding, validating against rules.xsd on the way. The pipeline is
 * explicit: hardened parser, then {@link ElementTracker}, then JAXB's validating unmarshaller. Every problem found
 * goes to the given diagnostics; the binding is returned whenever the XML was well-formed, even if invalid, so that
 * checks made later can add their findings to the same report.
 */
final class RulesUnmarshaller {

    private RulesUnmarshaller() {
    }

    static Optional<RulesDocument> unmarshal(byte[] content, String file, Diagnostics diagnostics) {
        Unmarshaller unmarshaller = newUnmarshaller();
        UnmarshallerHandler bindings = unmarshaller.getUnmarshallerHandler();
        ElementTracker tracker = new ElementTracker(bindings);
        ValidationProblems problems = new ValidationProblems(file, tracker, diagnostics);
        XMLReader parser = HardenedXml.newParser();
        parser.setContentHandler(tracker);
        parser.setErrorHandler(problems);
        try {
            // JAXB looks the event handler up when an event occurs: setting it after creating the handler is enough
            unmarshaller.setEventHandler(problems);
            parser.parse(new InputSource(new ByteArrayInputStream(content)));
            problems.finish();
            return bindings.getResult() instanceof RulesDocument document ? Optional.of(document) : Optional.empty();
        } catch (ElementTracker.TooDeeplyNested stop) {
            problems.finish();
            diagnostics.add(problems.tooDeeplyNested(stop));
        } catch (SAXException | IOException | JAXBException stop) {
            // the parse stopped (a syntax error, or enough problems to report): the diagnostics say why
            problems.finish();
            if (!diagnostics.hasErrors()) {
                diagnostics.add(problems.unreadable(stop));
            }
        }
        return Optional.empty();
    }

    private static Unmarshaller newUnmarshaller() {
        try {
            Unmarshaller unmarshaller = Context.JAXB.createUnmarshaller();
            unmarshaller.setSchema(RulesSchema.get());
            return unmarshaller;
        } catch (JAXBException e) {
            throw new IllegalStateException("the rules bindings cannot be used", e);
        }
    }

    /** A JAXB context is costly to build and thread-safe once built. */
    private static final class Context {
        static final JAXBContext JAXB = create();

        private static JAXBContext create() {
            try {
                return JAXBContext.newInstance(RulesDocument.class);
            } catch (JAXBException e) {
                throw new IllegalStateException("the rules bindings are invalid", e);
            }
        }
    }
}
