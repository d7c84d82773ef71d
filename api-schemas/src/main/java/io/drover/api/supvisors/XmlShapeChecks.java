package io.drover.api.supvisors;

import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.supvisors.binding.ApplicationElement;
import io.drover.api.supvisors.binding.ProgramElement;
import io.drover.api.supvisors.binding.ProgramsElement;
import io.drover.api.supvisors.binding.RulesDocument;
import org.xml.sax.Locator;

/**
 * The checks Supvisors' schema leaves out because XSD 1.0 cannot write them: an application or a program is found by
 * its name or by its pattern, so it needs exactly one of the two; a model is found by its name only. Whether the
 * names and patterns themselves make sense is a question for rule validation, not for the XML reader.
 */
final class XmlShapeChecks {

    private XmlShapeChecks() {
    }

    static void check(RulesDocument document, SourceLocations where, Diagnostics diagnostics) {
        for (ProgramElement model : document.models()) {
            if (model.name() == null) {
                diagnostics.error(where.of(model.location()), "<model> has no name attribute",
                        "programs use a model through <reference>name</reference>: write <model name=\"...\">");
            }
        }
        for (ApplicationElement application : document.applications()) {
            nameOrPattern("application", application.name(), application.pattern(), application.location(),
                    "name=\"group\" matches one application, pattern=\"regex\" matches several", where, diagnostics);
            ProgramsElement programs = application.programs();
            if (programs != null) {
                for (ProgramElement program : programs.programs()) {
                    nameOrPattern("program", program.name(), program.pattern(), program.location(),
                            "name=\"process\" matches one program, pattern=\"regex\" matches several"
                                    + " (pattern=\"\" matches all the others)", where, diagnostics);
                }
            }
        }
    }

    private static void nameOrPattern(String element, String name, String pattern, Locator location, String meaning,
                                      SourceLocations where, Diagnostics diagnostics) {
        if (name == null && pattern == null) {
            diagnostics.error(where.of(location), "<" + element + "> has neither a name nor a pattern attribute",
                    "write one of them: " + meaning);
        } else if (name != null && pattern != null) {
            diagnostics.error(where.of(location), "<" + element + "> has both a name and a pattern attribute",
                    "keep only one: " + meaning);
        }
    }
}
