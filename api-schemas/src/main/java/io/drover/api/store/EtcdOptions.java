package io.drover.api.store;

import io.drover.api.keyspace.Keyspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The etcd options every drover daemon and client takes (a picocli mixin), each also read from an environment
 * variable so that service units need no long command lines.
 */
public final class EtcdOptions {

    @Option(names = "--etcd", split = ",", paramLabel = "URL", defaultValue = "${env:DROVER_ETCD:-http://127.0.0.1:2379}",
            description = "etcd client URLs, comma-separated (env DROVER_ETCD; default ${DEFAULT-VALUE}).")
    List<String> endpoints = new ArrayList<>();

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "${env:DROVER_PREFIX:-" + Keyspace.DEFAULT_PREFIX + "}",
            description = "Key prefix of this drover installation in etcd (env DROVER_PREFIX; default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--etcd-user", paramLabel = "USER", defaultValue = "${env:DROVER_ETCD_USER}",
            description = "etcd user for password authentication (env DROVER_ETCD_USER).")
    String user;

    @Option(names = "--etcd-password-file", paramLabel = "FILE", defaultValue = "${env:DROVER_ETCD_PASSWORD_FILE}",
            description = "File holding that user's password, so it shows in no process list (env DROVER_ETCD_PASSWORD_FILE).")
    Path passwordFile;

    @Option(names = "--etcd-ca", paramLabel = "PEM", defaultValue = "${env:DROVER_ETCD_CA}",
            description = "Authority that signed etcd's certificate, for https:// endpoints (env DROVER_ETCD_CA).")
    Path caFile;

    @Option(names = "--etcd-cert", paramLabel = "PEM", defaultValue = "${env:DROVER_ETCD_CERT}",
            description = "Client certificate for mutual TLS (env DROVER_ETCD_CERT).")
    Path certFile;

    @Option(names = "--etcd-key", paramLabel = "PEM", defaultValue = "${env:DROVER_ETCD_KEY}",
            description = "Private key (PKCS#8 PEM) of the client certificate (env DROVER_ETCD_KEY).")
    Path keyFile;

    /** The connection these options describe; the password is read from its file now. */
    public EtcdConnection connection() {
        String password = null;
        if (passwordFile != null) {
            try {
                password = java.nio.file.Files.readString(passwordFile).strip();
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read the etcd password file " + passwordFile + ": "
                        + e.getMessage() + "; check its path and permissions", e);
            }
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException("--etcd-user " + user + " needs --etcd-password-file");
        }
        return new EtcdConnection(endpoints, user, password, caFile, certFile, keyFile);
    }

    public Keyspace keyspace() {
        return Keyspace.withPrefix(prefix);
    }

    public List<String> endpoints() {
        return List.copyOf(endpoints);
    }
}
