/**
 * The status of an application as Supvisors synthesises it (reference §3.9–3.10): one displayed state per process
 * across its copies, the application state (STOPPING over STARTING over RUNNING over STOPPED), major and minor
 * failures from {@code required} or the {@code operational_status} formula, and Kubernetes-style conditions whose
 * transition times only move when their status does.
 */
package io.drover.operator.status;
