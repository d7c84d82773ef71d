package io.drover.operator.api;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.ApplicationStatus;
import io.drover.api.state.Condition;
import io.drover.api.state.ConditionStatus;
import io.drover.api.store.DurationConverter;
import io.drover.api.store.Versioned;
import io.drover.operator.informer.ClusterCache;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code wait} of an application command: holds the answer until the operator has carried the request out — its
 * run's sequence is over (started, stopped, or failed, as the status says) or it was refused — or the time given has
 * passed, reading the replica's status cache.
 */
final class CommandWait {

    /** The longest wait a request may ask: a server thread is held meanwhile. */
    static final Duration MAX = Duration.ofMinutes(10);

    private final ClusterCache cache;
    private final Keyspace keys;

    CommandWait(ClusterCache cache, Keyspace keys) {
        this.cache = cache;
        this.keys = keys;
    }

    /** The {@code wait} parameter: a duration such as 30s or 2m, or null when the caller does not wait. */
    static Duration parse(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("false")) {
            return null;
        }
        Duration duration;
        try {
            duration = new DurationConverter().convert(text.trim());
        } catch (Exception e) {
            throw ApiProblem.invalid("wait must be a duration such as 30s or 2m, not '" + text + "'");
        }
        if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX) > 0) {
            throw ApiProblem.invalid("wait must be more than 0 and at most " + MAX.toMinutes() + "m, not " + text);
        }
        return duration;
    }

    /** The status once request {@code requestId} of {@code application} is carried out or refused. */
    ApplicationStatus await(String application, String requestId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<ApplicationStatus> status = cache.applicationStatuses().get(keys.applicationStatus(application))
                    .map(Versioned::value);
            if (status.isPresent()) {
                Optional<Condition> request = find(status.get(), "Request")
                        .filter(c -> c.message() != null && c.message().startsWith("request '" + requestId + "' "));
                if (request.isPresent() && request.get().status() == ConditionStatus.FALSE) {
                    throw new ApiProblem(409, "ALREADY_RUNNING", "Refused", request.get().message());
                }
                // the run's sequence is over and the processes have settled (an unmanaged application's run is over
                // as soon as its processes are asked for)
                boolean done = find(status.get(), "Sequence").filter(c -> c.status() == ConditionStatus.TRUE
                        && c.message() != null && c.message().startsWith("run '" + requestId + "'")).isPresent()
                        && status.get().state() != io.drover.api.state.ApplicationState.STARTING
                        && status.get().state() != io.drover.api.state.ApplicationState.STOPPING;
                if (done) {
                    return status.get();
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new ApiProblem(504, "TIMEOUT", "Timed out", "request '" + requestId + "' of application '"
                        + application + "' is not carried out after " + timeout.toSeconds() + " s; it goes on: follow"
                        + " it in /api/v1/status/applications/" + application);
            }
            Thread.sleep(100);
        }
    }

    private static Optional<Condition> find(ApplicationStatus status, String type) {
        return status.conditions().stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
