package io.drover.api.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.api.json.Json;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How values are stored: JSON written and read by {@link Json#mapper()}, so that every module reads what another
 * wrote. Reads go through a parser bounded by {@link Json#readConstraints()}, so that a corrupt or hostile value
 * cannot cost unbounded memory.
 */
public final class ValueCodec {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final JsonFactory BOUNDED = MAPPER.getFactory().rebuild()
            .streamReadConstraints(Json.readConstraints())
            .build();

    private ValueCodec() {
    }

    /** The JSON form of {@code value}, to be stored under {@code key}. */
    public static ByteSequence encode(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("cannot store null under " + key + "; delete the key instead");
        }
        try {
            return ByteSequence.from(MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + " for " + key
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Decodes the JSON {@code json} stored under {@code key}; a value that is not a valid {@code type} gives a
     * {@link StoreException} naming the key and revision, because a human must find and fix the stored value.
     */
    public static <T> T decode(String key, long modRevision, String json, Class<T> type) {
        try (JsonParser parser = BOUNDED.createParser(json)) {
            return MAPPER.readValue(parser, type);
        } catch (JsonProcessingException e) {
            throw undecodable(key, modRevision, type, e.getOriginalMessage(), e);
        } catch (IOException | RuntimeException e) {
            // a record constructor refusing the value ends up here, with its own explanation
            throw undecodable(key, modRevision, type, e.getMessage(), e);
        }
    }

    /** Decodes a raw value read from the store or a watch. */
    public static <T> Versioned<T> decode(Versioned<String> raw, Class<T> type) {
        return raw.withValue(decode(raw.key(), raw.modRevision(), raw.value(), type));
    }

    /** A jetcd key-value as text, without decoding the value. */
    static Versioned<String> raw(KeyValue kv) {
        return new Versioned<>(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().toString(StandardCharsets.UTF_8),
                kv.getModRevision(), kv.getCreateRevision(), kv.getVersion(), kv.getLease());
    }

    private static StoreException undecodable(String key, long modRevision, Class<?> type, String why, Exception e) {
        return new StoreException(StoreException.Reason.UNDECODABLE, key,
                "the value of " + key + " (mod_revision " + modRevision + ") is not a valid " + type.getSimpleName()
                        + ": " + why + ". Inspect it with 'etcdctl get " + key + "' and rewrite or delete it", e);
    }
}
