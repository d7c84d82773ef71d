package io.drover.api.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

/**
 * A small typed store over a jetcd {@link Client}: values are JSON documents (see {@link ValueCodec}), every call
 * waits at most {@link #timeout()} and every failure is a {@link StoreException} that says which key, which
 * endpoints and what to check.
 *
 * <p>Conditional writes take an optional list of extra guards ({@link Guards}), checked in the same transaction as
 * the write: the operator passes {@link Guards#leaderEpoch} so that a leader that lost its election cannot write.
 * {@link #txn} is the escape hatch for anything else, such as applying a whole plan atomically.
 */
public final class EtcdStore implements AutoCloseable {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final Client client;
    private final List<String> endpoints;
    private final Duration timeout;
    private final boolean ownsClient;
    private final Failures failures;

    private EtcdStore(Client client, List<String> endpoints, Duration timeout, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.endpoints = List.copyOf(endpoints);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("store timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
        this.ownsClient = ownsClient;
        this.failures = new Failures(this.endpoints);
    }

    /** A store over a new client for {@code endpoints}; {@link #close()} closes that client. */
    public static EtcdStore connect(List<String> endpoints) {
        return connect(endpoints, DEFAULT_TIMEOUT);
    }

    /** A store over a client of its own for {@code connection} (TLS, authentication), closed with the store. */
    public static EtcdStore connect(EtcdConnection connection, Duration timeout) {
        return new EtcdStore(EtcdClients.newClient(connection), connection.endpoints(), timeout, true);
    }

    /** As {@link #connect(EtcdConnection, Duration)}, every call also passing through {@code interceptors}. */
    public static EtcdStore connect(EtcdConnection connection, Duration timeout,
                                    List<io.grpc.ClientInterceptor> interceptors) {
        return new EtcdStore(EtcdClients.newClient(connection, interceptors), connection.endpoints(), timeout, true);
    }

    public static EtcdStore connect(List<String> endpoints, Duration timeout) {
        return new EtcdStore(EtcdClients.newClient(endpoints), endpoints, timeout, true);
    }

    /**
     * A store over a client owned by the caller, who closes it. {@code endpoints} are the ones the client was built
     * with; they appear in error messages.
     */
    public static EtcdStore over(Client client, List<String> endpoints) {
        return new EtcdStore(client, endpoints, DEFAULT_TIMEOUT, false);
    }

    public static EtcdStore over(Client client, List<String> endpoints, Duration timeout) {
        return new EtcdStore(client, endpoints, timeout, false);
    }

    /** The same store with another timeout per call; it shares this store's client and does not close it. */
    public EtcdStore withTimeout(Duration newTimeout) {
        return new EtcdStore(client, endpoints, newTimeout, false);
    }

    public Client client() {
        return client;
    }

    public List<String> endpoints() {
        return endpoints;
    }

    public Duration timeout() {
        return timeout;
    }

    // --- reads ---

    /** The value of {@code key} decoded as {@code type}, or empty when the key does not exist. */
    public <T> Optional<Versioned<T>> get(String key, Class<T> type) {
        return getRaw(key).map(raw -> ValueCodec.decode(raw, type));
    }

    /** The value of {@code key} as stored (JSON text), or empty when the key does not exist. */
    public Optional<Versioned<String>> getRaw(String key) {
        GetResponse response = failures.await(kv().get(bytes(key)), timeout, "get", key);
        return response.getKvs().stream().findFirst().map(ValueCodec::raw);
    }

    /** Every key under {@code prefix}, decoded as {@code type}, with the revision of the listing. */
    public <T> Listing<T> list(String prefix, Class<T> type) {
        Listing<String> raw = listRaw(prefix);
        List<Versioned<T>> items = new ArrayList<>(raw.items().size());
        raw.items().forEach(item -> items.add(ValueCodec.decode(item, type)));
        return new Listing<>(items, raw.revision());
    }

    /** Every key under {@code prefix} as stored (JSON text), with the revision of the listing. */
    public Listing<String> listRaw(String prefix) {
        requirePrefix(prefix);
        GetResponse response = failures.await(kv().get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
                timeout, "list", prefix);
        return new Listing<>(response.getKvs().stream().map(ValueCodec::raw).toList(), response.getHeader().getRevision());
    }

    /** The current revision of the store. */
    public long currentRevision() {
        return currentRevision("\0");
    }

    /**
     * etcd's current revision, read through {@code key}: a key the caller may read, so that a user whose etcd role
     * only covers drover's prefix can run it (a count-only read of one key is the cheapest request with a header).
     */
    public long currentRevision(String key) {
        GetResponse response = failures.await(kv().get(bytes(key), GetOption.builder().withCountOnly(true).build()),
                timeout, "read the current revision", null);
        return response.getHeader().getRevision();
    }

    // --- unconditional writes ---

    /** Writes {@code value} under {@code key}; returns the key's new mod_revision. */
    public long put(String key, Object value) {
        return put(key, value, 0);
    }

    /** Writes {@code value} under {@code key}, bound to {@code leaseId} (0 for none): the key goes when the lease does. */
    public long put(String key, Object value, long leaseId) {
        PutResponse response = failures.await(kv().put(bytes(key), ValueCodec.encode(key, value), putOption(leaseId)),
                timeout, "put", key);
        return response.getHeader().getRevision();
    }

    /** Deletes {@code key}; returns whether it existed. */
    public boolean delete(String key) {
        DeleteResponse response = failures.await(kv().delete(bytes(key)), timeout, "delete", key);
        return response.getDeleted() > 0;
    }

    /** Deletes every key under {@code prefix}; returns how many there were. */
    public long deletePrefix(String prefix) {
        requirePrefix(prefix);
        DeleteResponse response = failures.await(kv().delete(bytes(prefix), DeleteOption.builder().isPrefix(true).build()),
                timeout, "delete the prefix", prefix);
        return response.getDeleted();
    }

    // --- conditional writes ---

    /** Writes {@code value} only if {@code key} does not exist. */
    public <T> WriteResult<T> create(String key, T value) {
        return compareAndSet(key, 0, value, 0, List.of());
    }

    /** Writes {@code value} bound to {@code leaseId} (0 for none) only if {@code key} does not exist and every guard holds. */
    public <T> WriteResult<T> create(String key, T value, long leaseId, List<Cmp> guards) {
        return compareAndSet(key, 0, value, leaseId, guards);
    }

    /**
     * Writes {@code value} only if {@code key} still has mod_revision {@code expectedModRevision}, as read before;
     * 0 means "only if the key does not exist". When refused, the result holds the current value, read as the class
     * of {@code value} (as a plain Map or List for maps and lists).
     */
    public <T> WriteResult<T> compareAndSet(String key, long expectedModRevision, T value) {
        return compareAndSet(key, expectedModRevision, value, 0, List.of());
    }

    public <T> WriteResult<T> compareAndSet(String key, long expectedModRevision, T value, List<Cmp> guards) {
        return compareAndSet(key, expectedModRevision, value, 0, guards);
    }

    public <T> WriteResult<T> compareAndSet(String key, long expectedModRevision, T value, long leaseId, List<Cmp> guards) {
        if (expectedModRevision < 0) {
            throw new IllegalArgumentException("expected mod_revision of " + key + " cannot be negative: " + expectedModRevision);
        }
        // an absent key has mod_revision and create_revision 0, so expecting 0 is exactly create-if-absent
        Cmp expectation = new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision));
        Op write = putOp(key, value, leaseId);
        String operation = expectedModRevision == 0 ? "create" : "compare-and-set";
        TxnResponse response = commit(operation, key, concat(expectation, guards), List.of(write), List.of(getOp(key)));
        if (response.isSucceeded()) {
            return new WriteResult<>(WriteResult.Outcome.WRITTEN, response.getHeader().getRevision(), Optional.empty());
        }
        Class<T> type = decodingType(value);
        Optional<Versioned<T>> current = currentOf(response).map(raw -> ValueCodec.decode(raw, type));
        long actual = current.map(Versioned::modRevision).orElse(0L);
        WriteResult.Outcome outcome = actual == expectedModRevision ? WriteResult.Outcome.GUARD_FAILED : WriteResult.Outcome.KEY_CHANGED;
        return new WriteResult<>(outcome, response.getHeader().getRevision(), current);
    }

    /** Writes {@code value} bound to {@code leaseId} (0 for none) whatever the key holds, if every guard holds. */
    public <T> WriteResult<T> put(String key, T value, long leaseId, List<Cmp> guards) {
        TxnResponse response = commit("put", key, guards, List.of(putOp(key, value, leaseId)), List.of());
        return new WriteResult<>(response.isSucceeded() ? WriteResult.Outcome.WRITTEN : WriteResult.Outcome.GUARD_FAILED,
                response.getHeader().getRevision(), Optional.empty());
    }

    /** Deletes {@code key} (present or not) if every guard holds. */
    public WriteResult<Void> delete(String key, List<Cmp> guards) {
        TxnResponse response = commit("delete", key, guards, List.of(deleteOp(key)), List.of());
        return new WriteResult<>(response.isSucceeded() ? WriteResult.Outcome.WRITTEN : WriteResult.Outcome.GUARD_FAILED,
                response.getHeader().getRevision(), Optional.empty());
    }

    /** Deletes {@code key} only if it still has mod_revision {@code expectedModRevision} and every guard holds. */
    public WriteResult<Void> compareAndDelete(String key, long expectedModRevision, List<Cmp> guards) {
        Cmp expectation = new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision));
        TxnResponse response = commit("compare-and-delete", key, concat(expectation, guards), List.of(deleteOp(key)),
                List.of(getOp(key)));
        if (response.isSucceeded()) {
            return new WriteResult<>(WriteResult.Outcome.WRITTEN, response.getHeader().getRevision(), Optional.empty());
        }
        long actual = currentOf(response).map(Versioned::modRevision).orElse(0L);
        return new WriteResult<>(actual == expectedModRevision ? WriteResult.Outcome.GUARD_FAILED : WriteResult.Outcome.KEY_CHANGED,
                response.getHeader().getRevision(), Optional.empty());
    }

    // --- transactions ---

    /**
     * Commits one transaction: if every {@code conditions} holds, {@code then} is applied, otherwise {@code otherwise}.
     * {@code description} says what it is for, in error messages. Build the operations with {@link #putOp},
     * {@link #deleteOp}, {@link #deletePrefixOp} and {@link #getOp}.
     */
    public TxnResponse txn(String description, List<Cmp> conditions, List<Op> then, List<Op> otherwise) {
        return commit(description, null, conditions, then, otherwise);
    }

    /** An operation writing {@code value} (as JSON) under {@code key}, bound to {@code leaseId} (0 for none). */
    public Op putOp(String key, Object value, long leaseId) {
        return Op.put(bytes(key), ValueCodec.encode(key, value), putOption(leaseId));
    }

    public static Op deleteOp(String key) {
        return Op.delete(bytes(key), DeleteOption.DEFAULT);
    }

    public static Op deletePrefixOp(String prefix) {
        requirePrefix(prefix);
        return Op.delete(bytes(prefix), DeleteOption.builder().isPrefix(true).build());
    }

    public static Op getOp(String key) {
        return Op.get(bytes(key), GetOption.DEFAULT);
    }

    // --- leases ---

    /** Grants a lease of {@code ttl} (etcd rounds it up to whole seconds and to its minimum, 2 s in 3.4); returns its id. */
    public long grantLease(Duration ttl) {
        long seconds = Math.max(1, (ttl.toMillis() + 999) / 1000);
        return failures.await(client.getLeaseClient().grant(seconds), timeout, "grant a lease of " + seconds + " s", null).getID();
    }

    /**
     * Revokes {@code leaseId}, deleting every key bound to it at once; returns false when the lease no longer
     * existed (already expired or revoked).
     */
    public boolean revokeLease(long leaseId) {
        try {
            failures.await(client.getLeaseClient().revoke(leaseId), timeout, "revoke the lease " + Long.toHexString(leaseId), null);
            return true;
        } catch (StoreException e) {
            if (isLeaseNotFound(e.getCause())) {
                return false;
            }
            throw e;
        }
    }

    /** Time left before {@code leaseId} expires, or empty when it does not exist any more. */
    public Optional<Duration> leaseTimeToLive(long leaseId) {
        long ttl = failures.await(client.getLeaseClient().timeToLive(leaseId, LeaseOption.DEFAULT), timeout,
                "read the time to live of the lease " + Long.toHexString(leaseId), null).getTTL();
        return ttl <= 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(ttl));
    }

    static boolean isLeaseNotFound(Throwable t) {
        Throwable cause = t instanceof ExecutionException && t.getCause() != null ? t.getCause() : t;
        return cause != null && (Failures.codeOf(cause) == ErrorCode.NOT_FOUND
                || String.valueOf(cause.getMessage()).contains("lease not found"));
    }

    /** Closes the client if this store created it ({@link #connect}); a client passed by the caller stays open. */
    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    // --- internals ---

    /** A key or prefix as etcd bytes. */
    public static ByteSequence bytes(String key) {
        return ByteSequence.from(key, StandardCharsets.UTF_8);
    }

    Failures failures() {
        return failures;
    }

    private TxnResponse commit(String operation, String key, List<Cmp> conditions, List<Op> then, List<Op> otherwise) {
        return failures.await(kv().txn()
                        .If(conditions.toArray(Cmp[]::new))
                        .Then(then.toArray(Op[]::new))
                        .Else(otherwise.toArray(Op[]::new))
                        .commit(),
                timeout, operation, key);
    }

    private static Optional<Versioned<String>> currentOf(TxnResponse refused) {
        return refused.getGetResponses().stream().flatMap(r -> r.getKvs().stream()).findFirst().map(ValueCodec::raw);
    }

    /**
     * The type to read the current value back as, when a conditional write is refused: the written value's class,
     * except for maps and lists, whose concrete (often immutable) classes Jackson cannot create.
     */
    @SuppressWarnings("unchecked")
    private static <T> Class<T> decodingType(T value) {
        if (value instanceof Map) {
            return (Class<T>) Map.class;
        }
        if (value instanceof Collection) {
            return (Class<T>) List.class;
        }
        return (Class<T>) value.getClass();
    }

    private static List<Cmp> concat(Cmp first, List<Cmp> rest) {
        List<Cmp> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static PutOption putOption(long leaseId) {
        return leaseId == 0 ? PutOption.DEFAULT : PutOption.builder().withLeaseId(leaseId).build();
    }

    private static void requirePrefix(String prefix) {
        // an empty prefix would list or delete the whole store, other applications' keys included
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("an empty prefix would cover the whole etcd keyspace; give a drover prefix");
        }
    }

    private KV kv() {
        return client.getKVClient();
    }

    @Override
    public String toString() {
        return "EtcdStore" + endpoints;
    }
}
