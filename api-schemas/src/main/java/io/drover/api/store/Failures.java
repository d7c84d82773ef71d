package io.drover.api.store;

import io.etcd.jetcd.common.exception.ClosedClientException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for jetcd futures with a deadline and turns what can go wrong into {@link StoreException}s a human can act on. */
final class Failures {

    private final List<String> endpoints;

    Failures(List<String> endpoints) {
        this.endpoints = List.copyOf(endpoints);
    }

    /**
     * The result of {@code future}, waiting at most {@code timeout}; {@code operation} and {@code key} say what was
     * attempted, for the message.
     */
    <R> R await(CompletableFuture<R> future, Duration timeout, String operation, String key) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // jetcd waits for a connection without limit; giving up here is what keeps callers from hanging
            future.cancel(true);
            throw new StoreException(StoreException.Reason.TIMEOUT, key,
                    "etcd did not answer within " + human(timeout) + " to " + what(operation, key)
                            + " (endpoints " + String.join(",", endpoints) + "). " + checkHint()
                            + mayStillApply(operation, key),
                    e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Reason.INTERRUPTED, key,
                    "interrupted while waiting for etcd to " + what(operation, key), e);
        } catch (CancellationException e) {
            throw new StoreException(StoreException.Reason.CLOSED, key,
                    "the request to " + what(operation, key) + " was cancelled", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause(), operation, key);
        }
    }

    StoreException translate(Throwable cause, String operation, String key) {
        if (cause instanceof StoreException se) {
            return se;
        }
        if (cause instanceof ClosedClientException) {
            return new StoreException(StoreException.Reason.CLOSED, key,
                    "cannot " + what(operation, key) + ": the etcd client is closed", cause);
        }
        ErrorCode code = codeOf(cause);
        String message = String.valueOf(cause.getMessage());
        if (isConnectivity(code, message)) {
            return new StoreException(StoreException.Reason.UNAVAILABLE, key,
                    "etcd is unavailable to " + what(operation, key) + " (endpoints " + String.join(",", endpoints)
                            + "): " + message + ". " + checkHint(), cause);
        }
        return new StoreException(StoreException.Reason.REJECTED, key,
                "etcd refused to " + what(operation, key) + ": " + message, cause);
    }

    /** jetcd wraps most errors in an {@link EtcdException} but passes some gRPC ones (lease calls) through. */
    static ErrorCode codeOf(Throwable cause) {
        if (cause instanceof EtcdException ee) {
            return ee.getErrorCode();
        }
        Status.Code grpc = Status.fromThrowable(cause).getCode();
        try {
            return ErrorCode.valueOf(grpc.name());
        } catch (IllegalArgumentException unknown) {
            return ErrorCode.UNKNOWN;
        }
    }

    private static boolean isConnectivity(ErrorCode code, String message) {
        return switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, ABORTED -> true;
            // grpc reports some dropped connections as UNKNOWN ("channel closed"); "no leader" is a cluster that
            // lost quorum; both pass once etcd is healthy again
            default -> message.contains("channel closed") || message.contains("no leader")
                    || message.contains("Network closed") || message.contains("Connection refused");
        };
    }

    private String checkHint() {
        return "Check that etcd is running and reachable from this host ('etcdctl --endpoints="
                + String.join(",", endpoints) + " endpoint health').";
    }

    /** A timed-out request is not cancelled on the server: a write may land after the caller gave up. */
    private static String mayStillApply(String operation, String key) {
        if (operation.startsWith("get") || operation.startsWith("list") || operation.startsWith("read")) {
            return "";
        }
        return key == null ? " The request may still be applied later." : " The write may still be applied later; read the key before retrying.";
    }

    private static String what(String operation, String key) {
        return key == null ? operation : operation + " " + key;
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
