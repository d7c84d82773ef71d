package io.drover.api.supvisors.binding;

import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlValue;
import org.glassfish.jaxb.core.annotation.XmlLocation;
import org.xml.sax.Locator;

/** {@code <alias name="servers">server_1,server_2</alias>}. */
public final class AliasElement {

    @XmlAttribute(name = "name")
    private String name;

    @XmlValue
    private String text;

    // filled by the JAXB reference implementation; transient to JAXB, which would otherwise bind it as content
    @XmlLocation
    @XmlTransient
    private Locator location;

    public String name() {
        return name;
    }

    public String text() {
        return text == null ? "" : text;
    }

    public Locator location() {
        return location;
    }
}
