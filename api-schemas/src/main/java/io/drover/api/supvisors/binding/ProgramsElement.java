package io.drover.api.supvisors.binding;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.jaxb.core.annotation.XmlLocation;
import org.xml.sax.Locator;

/** The {@code <programs>} of an application: its program rules in declaration order. */
public final class ProgramsElement {

    @XmlElement(name = "program")
    private List<ProgramElement> programs = new ArrayList<>();

    // filled by the JAXB reference implementation; transient to JAXB, which would otherwise bind it as content
    @XmlLocation
    @XmlTransient
    private Locator location;

    public List<ProgramElement> programs() {
        return programs;
    }

    public Locator location() {
        return location;
    }
}
