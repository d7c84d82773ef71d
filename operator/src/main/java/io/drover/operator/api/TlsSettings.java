package io.drover.operator.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for the API: a keystore (PKCS12 or JKS) holding the server's key and certificate chain. The keystore is
 * opened once at start, so that a wrong password or a file without a key fails the start with a clear message
 * instead of every handshake.
 *
 * @param keystore the keystore file
 * @param password its password (and the key's)
 */
public record TlsSettings(Path keystore, String password) {

    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(password, "password");
    }

    /** Reads the password from the first line of {@code passwordFile}, as the other secrets of drover are read. */
    public static TlsSettings of(Path keystore, Path passwordFile) throws IOException {
        String password = passwordFile == null ? ""
                : Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        TlsSettings settings = new TlsSettings(keystore, password);
        settings.check();
        return settings;
    }

    /** Opens the keystore: it must be readable with the password and hold at least one private key. */
    void check() throws IOException {
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance(keystore.getFileName().toString().toLowerCase(java.util.Locale.ROOT)
                    .endsWith(".jks") ? "JKS" : "PKCS12");
            store.load(in, password.toCharArray());
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return;
                }
            }
        } catch (GeneralSecurityException | IOException e) {
            // a wrong password shows as an IOException of the keystore format
            throw new IOException("cannot open keystore " + keystore + ": " + e.getMessage()
                    + " (wrong password, or not a PKCS12/JKS file?)", e);
        }
        throw new IOException("keystore " + keystore + " holds no private key: the server needs its key and"
                + " certificate");
    }

    /** A Jetty connector serving HTTPS (HTTP/1.1) on {@code host:port}. */
    Connector connector(Server server, HttpConfiguration http, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
        ssl.setKeyStorePassword(password);
        ssl.setKeyStoreType(keystore.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks")
                ? "JKS" : "PKCS12");
        HttpConfiguration https = new HttpConfiguration(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // clients often connect by address (127.0.0.1, a pod IP) that the certificate need not name
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", password=(hidden)]";
    }
}
