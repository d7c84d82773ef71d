package io.drover.api.supvisors.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlTransient;
import org.glassfish.jaxb.core.annotation.XmlLocation;
import org.xml.sax.Locator;

/**
 * A {@code <program>} inside {@code <programs>}, or a {@code <model>} under {@code <root>}: both hold the same rules.
 */
public final class ProgramElement {

    @XmlAttribute(name = "name")
    private String name;

    @XmlAttribute(name = "pattern")
    private String pattern;

    @XmlElement(name = "reference")
    private ValueElement reference;

    @XmlElement(name = "identifiers")
    private ValueElement identifiers;

    @XmlElement(name = "start_sequence")
    private ValueElement startSequence;

    @XmlElement(name = "stop_sequence")
    private ValueElement stopSequence;

    @XmlElement(name = "required")
    private ValueElement required;

    @XmlElement(name = "wait_exit")
    private ValueElement waitExit;

    @XmlElement(name = "expected_loading")
    private ValueElement expectedLoading;

    @XmlElement(name = "starting_failure_strategy")
    private ValueElement startingFailureStrategy;

    @XmlElement(name = "running_failure_strategy")
    private ValueElement runningFailureStrategy;

    // filled by the JAXB reference implementation; transient to JAXB, which would otherwise bind it as content
    @XmlLocation
    @XmlTransient
    private Locator location;

    /** The {@code name} attribute, or null when it is not written. */
    public String name() {
        return name;
    }

    /** The {@code pattern} attribute, or null when it is not written ({@code pattern=""} gives the empty string). */
    public String pattern() {
        return pattern;
    }

    public ValueElement reference() {
        return reference;
    }

    public ValueElement identifiers() {
        return identifiers;
    }

    public ValueElement startSequence() {
        return startSequence;
    }

    public ValueElement stopSequence() {
        return stopSequence;
    }

    public ValueElement required() {
        return required;
    }

    public ValueElement waitExit() {
        return waitExit;
    }

    public ValueElement expectedLoading() {
        return expectedLoading;
    }

    public ValueElement startingFailureStrategy() {
        return startingFailureStrategy;
    }

    public ValueElement runningFailureStrategy() {
        return runningFailureStrategy;
    }

    public Locator location() {
        return location;
    }
}
