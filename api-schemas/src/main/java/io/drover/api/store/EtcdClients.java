package io.drover.api.store;

import io.etcd.jetcd.Client;

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
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no etcd endpoint given; use for example http://127.0.0.1:2379");
        }
        return Client.builder()
                .endpoints(endpoints.toArray(String[]::new))
                .connectTimeout(Duration.ofSeconds(3))
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(Duration.ofSeconds(5))
                // etcd refuses pings on idle connections (too_many_pings) and then drops the connection
                .keepaliveWithoutCalls(false)
                .build();
    }
}
