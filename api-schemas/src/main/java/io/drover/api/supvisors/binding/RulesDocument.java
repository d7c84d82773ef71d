package io.drover.api.supvisors.binding;

import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlTransient;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.jaxb.core.annotation.XmlLocation;
import org.xml.sax.Locator;

/**
 * The {@code <root>} of a rules file. Aliases, models and applications may be interleaved in the file; each kind keeps
 * its own declaration order, which is the only order Supvisors gives a meaning to.
 */
@XmlRootElement(name = "root")
public final class RulesDocument {

    @XmlElement(name = "alias")
    private List<AliasElement> aliases = new ArrayList<>();

    @XmlElement(name = "model")
    private List<ProgramElement> models = new ArrayList<>();

    @XmlElement(name = "application")
    private List<ApplicationElement> applications = new ArrayList<>();

    // filled by the JAXB reference implementation; transient to JAXB, which would otherwise bind it as content
    @XmlLocation
    @XmlTransient
    private Locator location;

    public List<AliasElement> aliases() {
        return aliases;
    }

    public List<ProgramElement> models() {
        return models;
    }

    public List<ApplicationElement> applications() {
        return applications;
    }

    public Locator location() {
        return location;
    }
}
