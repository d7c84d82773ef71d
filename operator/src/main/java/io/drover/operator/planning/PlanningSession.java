package io.drover.operator.planning;

import io.drover.operator.sequencing.AutoStartOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans applications of one snapshot. Holds what several plans of the same snapshot share: whether the automatic
 * starts of lower ranks are over, which takes planning those applications (without applying their plans).
 */
final class PlanningSession {

    private record Planned(Plan plan, RunReport report, Run run) {
    }

    /** Key of a memoised answer in the snapshot: whether {@code application}'s start under {@code base} is over. */
    private record SettledKey(PlannerSettings settings, String application, String base) {
    }

    private final ClusterSnapshot snapshot;
    private final PlannerSettings settings;

    PlanningSession(ClusterSnapshot snapshot, PlannerSettings settings) {
        this.snapshot = snapshot;
        this.settings = settings;
    }

    Plan plan(String application) {
        return planned(application).plan();
    }

    private Planned planned(String application) {
        AppContext context = AppContext.of(application, snapshot, settings);
        PlanDraft draft = new PlanDraft(context, LoadCensus.loadsFor(snapshot, application, settings.capHosts()));
        if (context.definition() == null) {
            return new Planned(Removal.deletedApplication(context, draft), null, null);
        }
        Removal.leftoverProcesses(context, draft);
        Goal goal = GoalResolver.resolve(context, this::autostartBlockers, this::systemStartBlockers);
        RunReport report;
        if (goal.run() == null) {
            if (context.managed()) {
                RollingUpdate.step(context, draft);
            }
            report = new RunReport(goal.idle());
        } else if (context.managed()) {
            report = ManagedRuns.step(context, draft, goal.run());
        } else {
            report = UnmanagedRuns.step(context, draft, goal.run());
        }
        ProcessRequests.step(context, draft, goal.run(), report).ifPresent(draft::condition);
        return new Planned(StatusPhase.finish(context, draft, goal, report), report, goal.run());
    }

    /** Automatically started applications below {@code belowRank}: managed, start_sequence &gt; 0, no user request. */
    List<ApplicationDefinition> autostartCandidates(int belowRank) {
        List<ApplicationDefinition> candidates = new ArrayList<>();
        for (ApplicationDefinition definition : snapshot.applications().values()) {
            int rank = definition.rules().startSequence();
            if (definition.managed() && definition.rules().autoStarted() && rank < belowRank
                    && snapshot.intent(definition.name()).isEmpty()) {
                candidates.add(definition);
            }
        }
        candidates.sort(Comparator.comparingInt((ApplicationDefinition d) -> d.rules().startSequence())
                .thenComparing(ApplicationDefinition::name));
        return candidates;
    }

    /**
     * The first lower-ranked application whose automatic start is not over (empty: this one may begin), which is
     * {@link AutoStartOrder#mayBegin(AutoStartOrder.Candidate, java.util.Collection)} evaluated lazily: lower ranks
     * first, stopping at the first one still starting, so it costs at most one plan of each lower-ranked application
     * per snapshot, and usually one.
     */
    private List<String> autostartBlockers(AppContext context) {
        for (ApplicationDefinition lower : autostartCandidates(context.definition().rules().startSequence())) {
            if (!settled(lower.name())) {
                return List.of(lower.name());
            }
        }
        return List.of();
    }

    /**
     * Whether an application's automatic start is over, as its own plan on this snapshot would leave it; remembered
     * in the snapshot, since it only depends on it.
     */
    private boolean settled(String application) {
        return settled(application, Run.AUTOSTART);
    }

    private boolean settled(String application, String base) {
        return snapshot.memo(new SettledKey(settings, application, base), key -> {
            Planned planned = planned(application);
            return planned.run() != null && base.equals(planned.run().base()) && planned.report().settled();
        });
    }

    /** For a system restart's start run {@code base}: the first lower-ranked application whose start is not over. */
    private List<String> systemStartBlockers(AppContext context, String base) {
        int rank = context.definition().rules().startSequence();
        List<ApplicationDefinition> lower = new ArrayList<>();
        for (ApplicationDefinition definition : snapshot.applications().values()) {
            if (definition.managed() && definition.rules().autoStarted() && definition.rules().startSequence() < rank) {
                lower.add(definition);
            }
        }
        lower.sort(Comparator.comparingInt((ApplicationDefinition d) -> d.rules().startSequence())
                .thenComparing(ApplicationDefinition::name));
        for (ApplicationDefinition definition : lower) {
            if (!settled(definition.name(), base)) {
                return List.of(definition.name());
            }
        }
        return List.of();
    }

    /** The automatically started applications as the start order sees them: rank, begun, start over. */
    List<AutoStartOrder.Candidate> autostartOrder() {
        return autostartCandidates(Integer.MAX_VALUE).stream().map(d -> new AutoStartOrder.Candidate(d.name(),
                d.rules().startSequence(), GoalResolver.begun(AppContext.of(d.name(), snapshot, settings), Run.AUTOSTART),
                settled(d.name()))).toList();
    }
}
