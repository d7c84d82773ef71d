/**
 * Start and stop sequences, derived from what etcd holds and nothing else: which process of a stage is done,
 * in progress or failed comes from its assignment (written by which run, when, with which spec) and from what its
 * node reports, so a new leader continues a half-done sequence exactly where the old one stopped.
 *
 * <p>Every wait has a deadline ({@link io.drover.operator.sequencing.DeadlinePolicy}): a stage that does not
 * complete in time is a start failure, a stop stage that does not complete in time is passed over.
 */
package io.drover.operator.sequencing;
