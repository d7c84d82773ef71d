package io.drover.operator.bench;

import io.drover.api.model.ApplicationSpec;
import io.drover.api.model.Distribution;
import io.drover.api.model.ProgramSpec;
import io.drover.api.model.StartingFailureStrategy;
import io.drover.api.model.StartingStrategy;
import io.drover.api.rules.RuleResolver;
import io.drover.api.state.DesiredState;
import io.drover.api.state.NodeInfo;
import io.drover.api.state.ProcessState;
import io.drover.api.state.ProcessStatus;
import io.drover.operator.planning.AppliedPlan;
import io.drover.operator.planning.ApplicationDefinition;
import io.drover.operator.planning.ApplicationPlanner;
import io.drover.operator.planning.AssignmentRecord;
import io.drover.operator.planning.ClusterSnapshot;
import io.drover.operator.planning.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many planning decisions per second the planner makes on a 1,000-process, 50-node cluster: 100 applications of
 * 10 processes in 4 stages (a third each ALL_INSTANCES, SINGLE_INSTANCE, SINGLE_NODE; strategies mixed), 50 nodes
 * on 25 hosts. Not a test: run it with
 * {@code java -cp <test classpath> io.drover.operator.bench.PlannerBenchmark}.
 *
 * <p>Measures three situations: a cold start (every application to place, planned one after the other with each
 * plan applied, as a reconciler draining its queue does), a half-started cluster (every application waits on a stage,
 * so each plan classifies every process and writes nothing), and a steady cluster (everything runs; the common case
 * of a periodic resync).
 */
public final class PlannerBenchmark {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final int NODES = 50;
    private static final int APPLICATIONS = 100;
    private static final int PROCESSES_PER_APPLICATION = 10;

    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        ApplicationPlanner planner = new ApplicationPlanner();
        ClusterSnapshot fresh = cluster();
        System.out.printf("cluster: %d nodes, %d applications, %d processes%n", fresh.nodes().size(),
                fresh.applications().size(), fresh.applications().values().stream().mapToInt(a -> a.processes().size()).sum());

        for (int warmup = 0; warmup < 5; warmup++) {
            drain(planner, fresh);
        }
        int rounds = 20;
        long nanos = 0;
        int plans = 0;
        ClusterSnapshot afterFirstStage = fresh;
        for (int round = 0; round < rounds; round++) {
            Result result = drain(planner, fresh);
            plans += result.plans;
            nanos += result.planningNanos;
            afterFirstStage = result.snapshot;
        }
        report("cold start (every application planned in turn, each on a new snapshot)", plans, rounds, nanos);

        ClusterSnapshot halfway = acknowledge(afterFirstStage, ProcessState.STARTING);
        steady(planner, "half-started (rank-1 applications wait on stage 1, the others on them)", halfway);

        ClusterSnapshot running = converge(planner, fresh);
        steady(planner, "steady (everything runs)", running);
        System.out.printf("converged in %d plans over %d control-loop rounds%n", convergedPlans, convergedRounds);
    }

    private record Result(int plans, long planningNanos, ClusterSnapshot snapshot) {
    }

    /** Plans every application in turn, each on the snapshot with the previous plans applied; times planning only. */
    private static Result drain(ApplicationPlanner planner, ClusterSnapshot snapshot) {
        int plans = 0;
        long nanos = 0;
        ClusterSnapshot current = snapshot;
        for (String application : snapshot.applicationNames()) {
            long start = System.nanoTime();
            Plan plan = planner.plan(application, current);
            nanos += System.nanoTime() - start;
            plans++;
            current = AppliedPlan.apply(current, plan);
        }
        return new Result(plans, nanos, current);
    }

    private static void steady(ApplicationPlanner planner, String label, ClusterSnapshot snapshot) {
        for (int warmup = 0; warmup < 5; warmup++) {
            snapshot.applicationNames().forEach(a -> planner.plan(a, snapshot));
        }
        int rounds = 50;
        long nanos = 0;
        int plans = 0;
        int writes = 0;
        for (int round = 0; round < rounds; round++) {
            // a new snapshot each round, as each informer update gives one (nothing memoised carries over)
            ClusterSnapshot copy = snapshot.toBuilder().build();
            long start = System.nanoTime();
            for (String application : copy.applicationNames()) {
                writes += planner.plan(application, copy).actions().size();
                plans++;
            }
            nanos += System.nanoTime() - start;
        }
        report(label + (writes == 0 ? ", empty plans" : ", " + writes / rounds + " actions per round"), plans, rounds, nanos);
    }

    private static void report(String label, int plans, int rounds, long nanos) {
        double seconds = nanos / 1e9;
        System.out.printf("%-90s %8.0f plans/s  %9.0f processes/s  (%.2f ms per full pass)%n", label, plans / seconds,
                plans * PROCESSES_PER_APPLICATION / seconds, seconds * 1000 / rounds);
    }

    private static int convergedPlans;
    private static int convergedRounds;

    /** Until nothing is left to plan: agents run every process at once. */
    private static ClusterSnapshot converge(ApplicationPlanner planner, ClusterSnapshot snapshot) {
        ClusterSnapshot current = snapshot;
        for (int round = 0; round < 40; round++) {
            List<Plan> plans = planner.planAll(current);
            convergedPlans += plans.size();
            convergedRounds = round + 1;
            for (Plan plan : plans) {
                current = AppliedPlan.apply(current, plan);
            }
            if (plans.isEmpty()) {
                return current;
            }
            current = acknowledge(current, ProcessState.RUNNING);
        }
        throw new IllegalStateException("did not converge");
    }

    /** Every node answers its new assignments: RUNNING ones with {@code state}, STOPPED ones with STOPPED. */
    private static ClusterSnapshot acknowledge(ClusterSnapshot snapshot, ProcessState state) {
        ClusterSnapshot.Builder builder = snapshot.toBuilder();
        for (var byProcess : snapshot.assignments().values()) {
            for (var byNode : byProcess.values()) {
                for (AssignmentRecord record : byNode.values()) {
                    ProcessStatus current = snapshot.observed(record.application()).getOrDefault(record.process(), Map.of()).get(record.node());
                    if (current == null || current.assignmentRevision() < record.modRevision()) {
                        ProcessState reported = record.assignment().desired() == DesiredState.RUNNING ? state : ProcessState.STOPPED;
                        builder.observed(record.node(), record.application(), record.process(),
                                new ProcessStatus(reported, 1L, NOW, null, null, false, null, record.modRevision(), NOW));
                    }
                }
            }
        }
        return builder.build();
    }

    private static ClusterSnapshot cluster() {
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder().now(NOW).epoch(7).nodeLossHandlingAllowed(true);
        for (int n = 0; n < NODES; n++) {
            builder.node(new NodeInfo(String.format("node_%02d", n), String.format("host_%02d", n / 2),
                    List.of(n % 2 == 0 ? "even" : "odd"), 400, null, "bench", NOW));
        }
        RuleResolver resolver = new RuleResolver(List.of());
        Distribution[] distributions = Distribution.values();
        StartingStrategy[] strategies = {StartingStrategy.CONFIG, StartingStrategy.LESS_LOADED, StartingStrategy.MOST_LOADED,
                StartingStrategy.LESS_LOADED_NODE, StartingStrategy.MOST_LOADED_NODE};
        for (int a = 0; a < APPLICATIONS; a++) {
            List<ProgramSpec> programs = new ArrayList<>();
            for (int p = 0; p < PROCESSES_PER_APPLICATION; p++) {
                programs.add(ProgramSpec.builder("prog_" + p).command("bin/prog_" + p + " --app " + a)
                        .startSequence(1 + p % 4).expectedLoading(1 + (a + p) % 7).required(p % 4 == 0).build());
            }
            ApplicationSpec spec = new ApplicationSpec(distributions[a % 3], List.of(a % 2 == 0 ? "even" : "*"),
                    1 + a % 3, null, strategies[a % strategies.length], StartingFailureStrategy.ABORT, null, null, programs);
            builder.application(ApplicationDefinition.of(String.format("app_%03d", a), 1, spec, resolver));
        }
        return builder.build();
    }
}
