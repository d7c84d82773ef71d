package io.drover.api.supvisors.binding;

import jakarta.xml.bind.annotation.XmlAnyAttribute;
import jakarta.xml.bind.annotation.XmlTransient;
import jakarta.xml.bind.annotation.XmlValue;
import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import org.glassfish.jaxb.core.annotation.XmlLocation;
import org.xml.sax.Locator;

/**
 * An element holding one value, such as {@code <start_sequence>2</start_sequence>}. The value stays text: the schema
 * has already checked it, and keeping the text lets the reader apply Supvisors' own reading (an empty element means
 * "not set").
 */
public final class ValueElement {

    @XmlValue
    private String text;

    /*
     * The schema allows no attribute here. Binding them anyway matters: a class with a value and nothing else is a
     * simple type to JAXB, converted from text without ever recording a location.
     */
    @XmlAnyAttribute
    private Map<QName, String> attributes = new HashMap<>();

    // filled by the JAXB reference implementation; transient to JAXB, which would otherwise bind it as content
    @XmlLocation
    @XmlTransient
    private Locator location;

    public String text() {
        return text == null ? "" : text;
    }

    public Locator location() {
        return location;
    }
}
