package io.drover.cli.client.config;

/**
 * One named way to reach an operator, as a kubeconfig context: its URL, the bearer token to send, and the CA
 * certificates (PEM) that an {@code https} server's certificate must chain to. Null fields are not set.
 */
public record Context(String name, String server, String token, String certificateAuthority) {

    public Context {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a context needs a name");
        }
    }

    /** This context with the given fields replaced where they are not null. */
    public Context merge(String newServer, String newToken, String newCertificateAuthority) {
        return new Context(name, newServer != null ? newServer : server, newToken != null ? newToken : token,
                newCertificateAuthority != null ? newCertificateAuthority : certificateAuthority);
    }
}
