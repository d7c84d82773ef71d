package io.drover.api.store;

import java.util.Objects;

/**
 * One change under a watched prefix.
 *
 * @param type        PUT (created or changed) or DELETE
 * @param key         the full key
 * @param value       the new value as stored (JSON text); null for DELETE
 * @param modRevision revision of the change; for a DELETE found by a re-list, the revision of that listing
 * @param createRevision revision at which the key was created; 0 for DELETE
 * @param leaseId     lease the key is bound to, 0 when none or for DELETE
 */
public record KeyEvent(Type type, String key, String value, long modRevision, long createRevision, long leaseId) {

    public enum Type {
        PUT,
        DELETE
    }

    public KeyEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        if (type == Type.PUT && value == null) {
            throw new IllegalArgumentException("a PUT of " + key + " needs a value");
        }
    }

    static KeyEvent put(Versioned<String> kv) {
        return new KeyEvent(Type.PUT, kv.key(), kv.value(), kv.modRevision(), kv.createRevision(), kv.leaseId());
    }

    static KeyEvent delete(String key, long revision) {
        return new KeyEvent(Type.DELETE, key, null, revision, 0, 0);
    }

    public boolean isPut() {
        return type == Type.PUT;
    }

    /**
     * The new value decoded as {@code type} (PUT only); a value that is not a valid {@code type} gives a
     * {@link StoreException} naming the key and revision.
     */
    public <T> T decode(Class<T> valueType) {
        if (!isPut()) {
            throw new IllegalStateException("a DELETE of " + key + " has no value");
        }
        return ValueCodec.decode(key, modRevision, value, valueType);
    }
}
