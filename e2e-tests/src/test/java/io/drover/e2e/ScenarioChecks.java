package io.drover.e2e;

import io.drover.api.state.ApplicationState;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Condition;
import io.drover.api.state.ProcessState;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What the use-case tests read about an application, in the words of their requirements. */
final class ScenarioChecks {

    private final DroverCluster view;

    ScenarioChecks(DroverCluster view) {
        this.view = view;
    }

    /** The sequence reason of the application's status ("Started", "StoppedAfterStartFailure", ...), if any. */
    Optional<String> sequence(String application) {
        return view.status(application).flatMap(s -> s.conditions().stream()
                .filter(c -> "Sequence".equals(c.type())).map(Condition::reason).filter(Objects::nonNull).findFirst());
    }

    /**
     * Whether the application is fully started: RUNNING, its start sequence over without a major failure, and every
     * one of {@code services} (its programs that live until stopped) RUNNING.
     */
    boolean fullyStarted(String application, List<String> services) {
        Optional<ApplicationStatus> status = view.status(application);
        if (status.isEmpty() || status.get().state() != ApplicationState.RUNNING || status.get().majorFailure()) {
            return false;
        }
        if (!sequence(application).map("Started"::equals).orElse(true)) {
            return false;
        }
        return services.stream().allMatch(p -> view.observed(application, p)
                .map(o -> o.status().state() == ProcessState.RUNNING).orElse(false));
    }

    /** The nodes where a process of the application runs or is about to (STARTING, RUNNING, BACKOFF). */
    Set<String> runningNodes(String application) {
        return view.observed(application).stream().filter(o -> o.status().state().isRunning())
                .map(DroverCluster.Observed::node).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether no process of the application runs anywhere and its status says STOPPED. */
    boolean stopped(String application) {
        return runningNodes(application).isEmpty()
                && view.status(application).map(s -> s.state() == ApplicationState.STOPPED).orElse(false);
    }

    /** The pid of each of {@code services} that runs now, by process name. */
    Map<String, Long> runningPids(String application, List<String> services) {
        Map<String, Long> pids = new TreeMap<>();
        for (String process : services) {
            view.observed(application, process).filter(o -> o.status().state().isRunning())
                    .ifPresent(o -> pids.put(process, o.status().pid()));
        }
        return pids;
    }

    /** The one node the application runs on; fails when it runs on none or on several. */
    String host(String application) {
        Set<String> nodes = runningNodes(application);
        if (nodes.size() != 1) {
            throw new AssertionError(application + " runs on " + nodes + ", not on one node");
        }
        return nodes.iterator().next();
    }

    /** A status line and every condition and event of the application: what a failed check reports. */
    String explain(String application) {
        return application + " " + view.status(application).map(s -> s.state() + " major=" + s.majorFailure()
                + " minor=" + s.minorFailure()).orElse("without status") + " on " + runningNodes(application) + "\n  "
                + String.join("\n  ", view.explanations(application));
    }
}
