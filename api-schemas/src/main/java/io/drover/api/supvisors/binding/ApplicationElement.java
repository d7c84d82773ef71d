package io.drover.api.supvisors.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlTransient;
import org.glassfish.jaxb.core.annotation.XmlLocation;
import org.xml.sax.Locator;

/** An {@code <application>} element: application-level rules and the rules of its programs. */
public final class ApplicationElement {

    @XmlAttribute(name = "name")
    private String name;

    @XmlAttribute(name = "pattern")
    private String pattern;

    @XmlElement(name = "distribution")
    private ValueElement distribution;

    @XmlElement(name = "identifiers")
    private ValueElement identifiers;

    @XmlElement(name = "start_sequence")
    private ValueElement startSequence;

    @XmlElement(name = "stop_sequence")
    private ValueElement stopSequence;

    @XmlElement(name = "starting_strategy")
    private ValueElement startingStrategy;

    @XmlElement(name = "starting_failure_strategy")
    private ValueElement startingFailureStrategy;

    @XmlElement(name = "running_failure_strategy")
    private ValueElement runningFailureStrategy;

    @XmlElement(name = "operational_status")
    private ValueElement operationalStatus;

    @XmlElement(name = "programs")
    private ProgramsElement programs;

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

    public ValueElement distribution() {
        return distribution;
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

    public ValueElement startingStrategy() {
        return startingStrategy;
    }

    public ValueElement startingFailureStrategy() {
        return startingFailureStrategy;
    }

    public ValueElement runningFailureStrategy() {
        return runningFailureStrategy;
    }

    public ValueElement operationalStatus() {
        return operationalStatus;
    }

    /** The {@code <programs>} element, or null when the application has none. */
    public ProgramsElement programs() {
        return programs;
    }

    public Locator location() {
        return location;
    }
}
