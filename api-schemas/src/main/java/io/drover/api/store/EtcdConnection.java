package io.drover.api.store;

import java.nio.file.Path;
import java.util.List;

/**
 * Where etcd is and how to authenticate to it, as every drover daemon takes it on its command line.
 *
 * @param endpoints etcd client URLs ({@code http://} or {@code https://})
 * @param user      etcd user for password authentication, or null
 * @param password  that user's password, or null
 * @param caFile    PEM file of the authority that signed etcd's certificate, for {@code https://} endpoints; null to
 *                  trust the JVM's default authorities
 * @param certFile  PEM client certificate for mutual TLS, or null
 * @param keyFile   PEM private key (PKCS#8) of that certificate, or null
 */
public record EtcdConnection(List<String> endpoints, String user, String password, Path caFile, Path certFile,
                             Path keyFile) {

    public EtcdConnection {
        endpoints = List.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no etcd endpoint given; use for example http://127.0.0.1:2379");
        }
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("etcd authentication needs both a user and a password");
        }
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate for etcd needs both its certificate and its key file");
        }
    }

    /** Plain connection to {@code endpoints}, with neither TLS nor authentication. */
    public static EtcdConnection plain(List<String> endpoints) {
        return new EtcdConnection(endpoints, null, null, null, null, null);
    }

    /** Whether a TLS context must be built. */
    public boolean usesTls() {
        return caFile != null || certFile != null || endpoints.stream().anyMatch(e -> e.startsWith("https://"));
    }
}
