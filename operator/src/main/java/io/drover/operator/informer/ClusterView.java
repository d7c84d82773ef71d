package io.drover.operator.informer;

import java.util.Set;

/** What {@link AffectedApplications} needs to know about the cluster to widen a change to several applications. */
interface ClusterView {

    /** Every application the reconciler should look at. */
    Set<String> allApplications();

    /** Applications with an assignment or an observed process on {@code node}. */
    Set<String> applicationsOn(String node);
}
