/**
 * JAXB bindings of the elements of a Supvisors rules file. They mirror the XML as written (every value is kept as
 * text with where it was written) and carry no rule semantics: the schema checks the values, the reader turns them
 * into drover's model.
 */
@XmlAccessorType(XmlAccessType.FIELD)
package io.drover.api.supvisors.binding;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
