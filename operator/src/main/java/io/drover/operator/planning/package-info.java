/**
 * The operator's decisions as pure functions (DESIGN rule 2, "decide, then act"): an immutable
 * {@link io.drover.operator.planning.ClusterSnapshot} in, a {@link io.drover.operator.planning.Plan} of explicit
 * actions out (put or delete assignments, write the status, emit events), which the actuator applies in one fenced
 * etcd transaction. No etcd, no threads, no clock: time is the snapshot's {@code now}.
 *
 * <h2>Where memory lives</h2>
 * The planner remembers nothing between calls. What it needs to know of the past is in etcd:
 * <ul>
 *   <li>each assignment carries, in its {@code requestId}, the <em>run</em> that wrote it ({@code R} for a start,
 *       {@code R/stop} for a stop that does not end the run, {@code R~2} for the second automatic restart of run
 *       {@code R}); with the assignment's revision and time and the state its node reports, that says where a start
 *       or stop sequence stands;</li>
 *   <li>the application status carries two ledger conditions: {@code Request} (the last user request handled,
 *       accepted or refused) and {@code Sequence} (the current run and whether its sequence is over).</li>
 * </ul>
 * So a new leader continues a half-done sequence exactly where the old one stopped, and planning again on a snapshot
 * where a plan was applied gives an empty plan.
 */
package io.drover.operator.planning;
