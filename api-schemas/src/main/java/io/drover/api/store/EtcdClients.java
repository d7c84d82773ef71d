package io.drover.api.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.grpc.ClientInterceptor;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;

import java.time.Duration;
import java.util.List;

/** How drover builds its jetcd clients, so that every module connects to etcd the same way. */
public final class EtcdClients {

    private EtcdClients() {
    }

    /**
     * A client for {@code endpoints} (for example {@code http://127.0.0.1:2379}). The gRPC keep-alive makes a
     * connection that silently stopped answering (a network partition, a frozen host) fail within seconds instead
     * of looking alive until the kernel gives up on it.
     */
    public static Client newClient(List<String> endpoints) {
        return newClient(EtcdConnection.plain(endpoints));
    }

    /** A client as {@link #newClient(List)}, with the TLS and authentication of {@code connection}. */
    public static Client newClient(EtcdConnection connection) {
        return newClient(connection, List.of());
    }

    /** A client as {@link #newClient(EtcdConnection)} whose calls also pass through {@code interceptors} (metrics). */
    public static Client newClient(EtcdConnection connection, List<ClientInterceptor> interceptors) {
        ClientBuilder builder = Client.builder()
                .endpoints(connection.endpoints().toArray(String[]::new))
                .connectTimeout(Duration.ofSeconds(3))
                .keepaliveTime(Duration.ofSeconds(10))
                // gRPC pings every 10 s at most (its floor); a member silent 2 s past a ping is dropped from rotation
                .keepaliveTimeout(Duration.ofSeconds(2))
                // etcd refuses pings on idle connections (too_many_pings) and then drops the connection
                .keepaliveWithoutCalls(false);
        if (connection.user() != null) {
            builder.user(ByteSequence.from(connection.user(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(connection.password(), StandardCharsets.UTF_8));
        }
        if (connection.usesTls()) {
            try {
                builder.sslContext(ssl -> {
                    if (connection.caFile() != null) {
                        ssl.trustManager(connection.caFile().toFile());
                    }
                    if (connection.certFile() != null) {
                        ssl.keyManager(connection.certFile().toFile(), connection.keyFile().toFile());
                    }
                });
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot set up TLS to etcd with CA " + connection.caFile()
                        + ", certificate " + connection.certFile() + " and key " + connection.keyFile() + ": "
                        + e.getMessage() + "; check that they are readable PEM files", e);
            }
        }
        if (!interceptors.isEmpty()) {
            builder.interceptors(List.copyOf(interceptors));
        }
        return builder.build();
    }
}
