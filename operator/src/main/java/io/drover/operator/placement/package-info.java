/**
 * Where a process may run and which node it goes to: candidate nodes (identifiers, program definitions, capacity),
 * Supvisors' starting strategies with their orderings and tie-breaks, the three distributions, and the program-level
 * {@code #}/{@code @} signs. Pure functions over node loads; no clock, no I/O.
 *
 * <p>Loads count pending work ({@link io.drover.operator.placement.NodeLoads}): a process assigned but not yet
 * running weighs on its node, whatever application it belongs to, so that applications started together spread
 * instead of piling on the first node as Supvisors does.
 */
package io.drover.operator.placement;
