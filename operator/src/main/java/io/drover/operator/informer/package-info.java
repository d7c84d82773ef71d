/**
 * Typed caches of etcd prefixes, kept up to date by list-then-watch ({@link io.drover.api.store.ResilientWatch}),
 * and the mapping of their changes to the applications to reconcile.
 *
 * <p>An {@link io.drover.operator.informer.Informer} holds an immutable, sorted snapshot of one prefix that readers
 * take without locking, and tells its handlers about each added, updated or deleted key after the snapshot shows
 * it. {@link io.drover.operator.informer.ClusterCache} runs one informer per kind of key the operator reads, and
 * turns every change into the names of the applications it concerns, for the work queue (DESIGN rule 1: events only
 * enqueue; the reconciler reads the snapshot).
 */
package io.drover.operator.informer;
