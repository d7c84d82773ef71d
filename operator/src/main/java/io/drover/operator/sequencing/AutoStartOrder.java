package io.drover.operator.sequencing;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The automatic start across applications (Supvisors' {@code Starter.start_applications}): applications with a
 * start_sequence &gt; 0 start by ascending rank, those of one rank together; an application begins only when every
 * application of a lower rank has begun and its sequence is over (started, aborted or stopped on failure).
 */
public final class AutoStartOrder {

    /**
     * One automatically started application.
     *
     * @param rank    its application start_sequence (&gt; 0)
     * @param begun   its automatic start has written something already (it then goes on regardless of the order)
     * @param settled its start sequence is over, whatever the result
     */
    public record Candidate(String application, int rank, boolean begun, boolean settled) {
    }

    private AutoStartOrder() {
    }

    /** Whether {@code candidate} may begin (or go on with) its start, given the other candidates. */
    public static boolean mayBegin(Candidate candidate, Collection<Candidate> all) {
        if (candidate.begun()) {
            return true;
        }
        return all.stream().filter(other -> other.rank() < candidate.rank())
                .allMatch(other -> other.begun() && other.settled());
    }

    /** The candidates that may begin or go on with their start now. */
    public static Set<String> mayBegin(Collection<Candidate> all) {
        Set<String> allowed = new LinkedHashSet<>();
        all.stream().sorted(java.util.Comparator.comparingInt(Candidate::rank).thenComparing(Candidate::application))
                .filter(c -> mayBegin(c, all)).forEach(c -> allowed.add(c.application()));
        return allowed;
    }
}
