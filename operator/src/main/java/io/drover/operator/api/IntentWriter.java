package io.drover.operator.api;

import io.drover.api.keyspace.Keyspace;
import io.drover.api.state.Intent;
import io.drover.api.store.EtcdStore;
import io.drover.api.store.Versioned;
import io.drover.api.store.WriteResult;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Updates an application's intent with compare-and-set: read the key, write on its mod revision, try again when
 * someone wrote it meanwhile. Process requests and conciliation decisions share the intent, so none may overwrite
 * another written at the same moment.
 */
final class IntentWriter {

    /** Compare-and-set attempts before answering 409: each refusal means someone else wrote the intent just then. */
    static final int ATTEMPTS = 8;

    private final EtcdStore store;
    private final Keyspace keys;

    IntentWriter(EtcdStore store, Keyspace keys) {
        this.store = store;
        this.keys = keys;
    }

    /** Writes {@code update} of the current intent (empty when there is none); returns the revision written. */
    long update(String application, Function<Optional<Intent>, Intent> update) {
        String key = keys.intent(application);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Versioned<Intent>> current = store.get(key, Intent.class);
            Intent next = update.apply(current.map(Versioned::value));
            WriteResult<Intent> written = store.compareAndSet(key, current.map(Versioned::modRevision).orElse(0L), next);
            if (written.written()) {
                return written.revision();
            }
            backOff(attempt);
        }
        throw ApiProblem.conflict("the intent of application '" + application + "' kept changing while the request was"
                + " being written (" + ATTEMPTS + " attempts); send it again");
    }

    /** A short random pause, longer at each attempt, so that writers racing for one intent stop colliding. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * (attempt + 1) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "INTERRUPTED", "Interrupted", "the operator is stopping; send the request again");
        }
    }
}
