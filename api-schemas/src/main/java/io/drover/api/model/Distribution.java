package io.drover.api.model;

/** How the processes of an application may be spread (Supvisors DistributionRules). ALL_INSTANCES: each process placed on its own; SINGLE_INSTANCE: all on one node; SINGLE_NODE: all on one host. */
public enum Distribution {
    ALL_INSTANCES, SINGLE_INSTANCE, SINGLE_NODE
}
