package io.drover.cli.up;

import io.drover.api.input.LoadedInputs;
import io.drover.api.model.Application;
import io.drover.api.model.ProgramSpec;
import io.drover.api.rules.ResolvedApplication;
import io.drover.api.rules.RuleResolver;
import io.drover.api.source.Sourced;
import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which applications of an example start by themselves, so that {@code drover up} knows when the example is ready:
 * a managed application with a start_sequence above 0 (Supvisors' automatic start), or an unmanaged one with an
 * autostart program (Supervisor's own start). The others stay STOPPED until someone starts them.
 *
 * @param automatic applications expected to run
 * @param manual    applications that stay stopped
 */
record Expectations(Set<String> automatic, Set<String> manual) {

    Expectations {
        automatic = Set.copyOf(automatic);
        manual = Set.copyOf(manual);
    }

    static Expectations of(LoadedInputs inputs) {
        RuleResolver resolver = new RuleResolver(inputs.ruleSets());
        Set<String> automatic = new TreeSet<>();
        Set<String> manual = new TreeSet<>();
        for (Sourced<Application> application : inputs.expandedApplications()) {
            String name = application.value().name();
            ResolvedApplication rules = resolver.application(name, application);
            boolean starts = rules.managed() ? rules.autoStarted()
                    : application.value().spec().programsOrEmpty().stream().map(ProgramSpec::autostart)
                            .anyMatch(a -> a == null || a);
            (starts ? automatic : manual).add(name);
        }
        return new Expectations(automatic, manual);
    }

    /**
     * Where the automatic start stands in {@code view}.
     *
     * @param running applications expected to run that are RUNNING
     * @param failed  applications expected to run that stopped on a failure
     * @param pending the others: not started yet, or starting
     */
    record Progress(List<String> running, List<String> failed, List<String> pending) {

        /** Every application expected to run has settled: RUNNING or failed. */
        boolean settled() {
            return pending.isEmpty();
        }

        boolean allRunning() {
            return pending.isEmpty() && failed.isEmpty();
        }
    }

    Progress progress(ClusterView view) {
        List<String> running = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String name : new TreeSet<>(automatic)) {
            ClusterView.App app = view.applications().get(name);
            ApplicationStatus status = app == null ? null : app.status();
            if (started(status)) {
                running.add(name);
            } else if (failed(status)) {
                failed.add(name);
            } else {
                pending.add(name);
            }
        }
        return new Progress(running, failed, pending);
    }

    /** Sequence reasons of an automatic start that is over with the application up (the operator's words). */
    private static final Set<String> STARTED = Set.of("Started", "StartedWithFailures", "Unmanaged");
    /** Sequence reasons of a start that failed. */
    private static final Set<String> START_FAILED = Set.of("StartAborted", "StoppedAfterStartFailure",
            "StartedWithRequiredFailures", "StoppedOnFailure");

    /**
     * Whether the application is RUNNING with its start sequence over. RUNNING alone is not enough: as in Supvisors,
     * an application is RUNNING as soon as one process runs and none is starting, which happens between two stages.
     */
    static boolean started(ApplicationStatus status) {
        if (status == null || status.state() != ApplicationState.RUNNING) {
            return false;
        }
        return sequence(status).map(STARTED::contains).orElse(true);
    }

    /** Whether the application's start failed: stopped on a major failure, or a failed sequence. */
    static boolean failed(ApplicationStatus status) {
        if (status == null) {
            return false;
        }
        return (status.state() == ApplicationState.STOPPED && status.majorFailure())
                || sequence(status).map(START_FAILED::contains).orElse(false);
    }

    private static Optional<String> sequence(ApplicationStatus status) {
        return status.conditions().stream().filter(c -> "Sequence".equals(c.type())).map(Condition::reason)
                .filter(Objects::nonNull).findFirst();
    }
}
