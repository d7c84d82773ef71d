package io.drover.api.supervisor;

import io.drover.api.diagnostics.Diagnostic;
import io.drover.api.diagnostics.Diagnostics;
import io.drover.api.diagnostics.SourceLocation;
import io.drover.api.manifest.ResourceValidator;
import io.drover.api.model.Application;
import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.ProgramSpec;
import io.drover.api.source.SourceMap;
import io.drover.api.source.Sourced;
import io.drover.api.supervisor.program.GroupDefinition;
import io.drover.api.supervisor.program.ProgramDefinition;
import io.drover.api.supervisor.program.SupervisorDefaults;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the groups of several configurations into applications, as Supvisors merges the groups of several
 * Supervisor instances: application {@code g} holds every program some configuration puts in group {@code g}, and
 * each program may run on the targets whose configuration defines it there. A program defined differently by two
 * configurations would behave differently depending on where it runs, which Supvisors cannot manage: an error.
 */
final class ApplicationAssembler {

    private final boolean mapsNodes;
    private final Map<String, Draft> drafts = new TreeMap<>();

    /** @param mapsNodes whether each program records the targets defining it; false leaves {@code nodes} unset (every node) */
    ApplicationAssembler(boolean mapsNodes) {
        this.mapsNodes = mapsNodes;
    }

    /** Adds the groups that {@code target}'s configuration defines. */
    void add(String target, List<GroupDefinition> groups, Diagnostics diagnostics) {
        for (GroupDefinition group : groups) {
            Draft draft = drafts.computeIfAbsent(group.name(), name -> new Draft(name, group.header()));
            draft.complete &= group.complete();
            for (ProgramDefinition program : group.programs()) {
                draft.add(target, program, mapsNodes, diagnostics);
            }
        }
    }

    /** The applications, sorted by name, each checked as any drover manifest is. */
    List<Sourced<Application>> applications(Diagnostics diagnostics) {
        ResourceValidator validator = new ResourceValidator();
        List<Sourced<Application>> applications = new ArrayList<>();
        for (Draft draft : drafts.values()) {
            Sourced<Application> application = draft.build(mapsNodes);
            if (draft.complete) {
                validator.validate(application).stream().map(ApplicationAssembler::withHint).forEach(diagnostics::add);
            }
            applications.add(application);
        }
        return applications;
    }

    /**
     * The manifest checks speak of drover's field names; the user wrote a Supervisor option on the reported line,
     * so a finding without advice gets some.
     */
    private static Diagnostic withHint(Diagnostic diagnostic) {
        if (diagnostic.hint() != null && !diagnostic.hint().isBlank()) {
            return diagnostic;
        }
        return new Diagnostic(diagnostic.severity(), diagnostic.location(), diagnostic.message(),
                "change the Supervisor option on this line to a value drover accepts");
    }

    /** One application being merged. */
    private static final class Draft {
        final String name;
        final SourceLocation header;
        final Map<String, Placed> programs = new LinkedHashMap<>();
        boolean complete = true;

        Draft(String name, SourceLocation header) {
            this.name = name;
            this.header = header;
        }

        void add(String target, ProgramDefinition program, boolean mapsNodes, Diagnostics diagnostics) {
            Placed placed = programs.get(program.name());
            if (placed == null) {
                programs.put(program.name(), new Placed(program, target));
                return;
            }
            // supervisord does not tell a written default from an absent option, so neither does the comparison
            var difference = ProgramDifference.between(SupervisorDefaults.effective(placed.definition.spec()),
                    SupervisorDefaults.effective(program.spec()));
            if (difference.isEmpty()) {
                placed.targets.add(target);
                return;
            }
            complete = false;
            ProgramDifference d = difference.get();
            SourceLocation there = placed.definition.locate(d.field());
            String whose = mapsNodes ? " (" + placed.firstTarget + ")" : "";
            String mine = mapsNodes ? " for " + target : "";
            diagnostics.error(program.locate(d.field()), "program " + program.name() + " of application " + name
                            + " is defined differently" + mine + " than at " + there + whose + ": " + d.field() + " is "
                            + show(d.second()) + " here but " + show(d.first()) + " there",
                    "a program must be defined the same way in every configuration that defines it:"
                            + " make both definitions identical, or give the programs different names");
        }

        Sourced<Application> build(boolean mapsNodes) {
            Map<String, SourceLocation> locations = new HashMap<>();
            locations.put("/metadata/name", header);
            List<ProgramSpec> specs = new ArrayList<>();
            for (Placed placed : programs.values()) {
                String pointer = "/spec/programs/" + specs.size();
                locations.put(pointer, placed.definition.header());
                placed.definition.fields().forEach((field, location) -> locations.put(pointer + "/" + field, location));
                ProgramSpec spec = placed.definition.spec();
                specs.add(mapsNodes ? spec.toBuilder().nodes(List.copyOf(placed.targets)).build() : spec);
            }
            Application application = Application.of(name, ApplicationSpec.ofPrograms(specs));
            return new Sourced<>(application, new SourceMap(header.file(), header, locations));
        }

        private static String show(Object value) {
            return value instanceof String ? "'" + value + "'" : String.valueOf(value);
        }
    }

    /** A program and the targets that define it identically, in target order. */
    private static final class Placed {
        final ProgramDefinition definition;
        final String firstTarget;
        final Set<String> targets = new LinkedHashSet<>();

        Placed(ProgramDefinition definition, String target) {
            this.definition = definition;
            this.firstTarget = target;
            this.targets.add(target);
        }
    }
}
