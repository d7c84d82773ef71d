/**
 * The local process-supervision core of the node agent, with Supervisor's semantics and no knowledge of etcd.
 *
 * <p>Entry point: {@link io.drover.agent.process.LocalSupervisor}. The owner (the etcd wiring) gives it
 * {@link io.drover.agent.process.ProcessDefinition}s to start, restart, stop or remove, and receives every state
 * change, in order, through a {@link io.drover.agent.process.ProcessListener} as
 * {@link io.drover.agent.process.ProcessSnapshot}s, which {@code toStatus(...)} turns into the published
 * {@link io.drover.api.state.ProcessStatus}.
 */
package io.drover.agent.process;
