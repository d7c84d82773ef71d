package io.drover.cli.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.cli.client.ClientException;
import io.drover.cli.client.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the connection comes from: flags over environment over the chosen context of the file. */
class ConnectionResolverTest {

    @TempDir
    Path home;

    private static final ConnectionResolver.Flags NONE = new ConnectionResolver.Flags(null, null, null, null, null);

    private Path writeConfig(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                current-context: dev
                contexts:
                - name: dev
                  server: http://127.0.0.1:8080/
                  token: dev-token-0001
                - name: prod
                  server: https://ops.example:7443
                  token: prod-token-0001
                """);
        return file;
    }

    @Test
    void theCurrentContextOfTheDefaultFileIsUsed() throws Exception {
        writeConfig(home.resolve(".config/drover/config.yaml"));
        Connection connection = new ConnectionResolver(Map.of(), home).resolve(NONE);
        assertEquals("http://127.0.0.1:8080", connection.server().toString(), "the trailing slash is dropped");
        assertEquals("dev-token-0001", connection.token());
        assertNull(connection.certificateAuthority());
    }

    @Test
    void xdgConfigHomeIsRespected() throws Exception {
        Path xdg = home.resolve("xdg");
        writeConfig(xdg.resolve("drover/config.yaml"));
        ConnectionResolver resolver = new ConnectionResolver(Map.of("XDG_CONFIG_HOME", xdg.toString()), home);
        assertEquals(xdg.resolve("drover/config.yaml"), resolver.configFile(null));
        assertEquals("dev-token-0001", resolver.resolve(NONE).token());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheContext() throws Exception {
        writeConfig(home.resolve(".config/drover/config.yaml"));
        ConnectionResolver resolver = new ConnectionResolver(Map.of("DROVER_SERVER", "http://10.0.0.1:9000",
                "DROVER_CONTEXT", "prod"), home);
        Connection fromEnvironment = resolver.resolve(NONE);
        assertEquals("http://10.0.0.1:9000", fromEnvironment.server().toString());
        assertEquals("prod-token-0001", fromEnvironment.token(), "DROVER_CONTEXT chose prod");

        Connection fromFlags = resolver.resolve(new ConnectionResolver.Flags(null, "dev", "http://h:1", "flag-token",
                null));
        assertEquals("http://h:1", fromFlags.server().toString());
        assertEquals("flag-token", fromFlags.token());
    }

    @Test
    void mistakesAreOneClearSentence() throws Exception {
        ConnectionResolver bare = new ConnectionResolver(Map.of(), home);
        ClientException noServer = assertThrows(ClientException.class, () -> bare.resolve(NONE));
        assertEquals(ExitCode.ERROR, noServer.exitCode());
        assertTrue(noServer.getMessage().contains("--server"), noServer.getMessage());

        writeConfig(home.resolve(".config/drover/config.yaml"));
        ClientException unknown = assertThrows(ClientException.class, () -> bare.resolve(
                new ConnectionResolver.Flags(null, "staging", null, null, null)));
        assertTrue(unknown.getMessage().contains("no context named 'staging'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("dev, prod"), unknown.getMessage());

        ClientException badUrl = assertThrows(ClientException.class, () -> bare.resolve(
                new ConnectionResolver.Flags(null, null, "ftp://x", null, null)));
        assertTrue(badUrl.getMessage().contains("http://"), badUrl.getMessage());

        Path broken = home.resolve("broken.yaml");
        Files.writeString(broken, "contexts:\n- name: a\n  sever: http://x\n");
        ClientException typo = assertThrows(ClientException.class, () -> bare.resolve(
                new ConnectionResolver.Flags(broken, null, null, null, null)));
        assertTrue(typo.getMessage().contains("unknown field 'contexts[0].sever'"), typo.getMessage());
    }

    @Test
    void contextsAreWrittenAndReadBack() throws Exception {
        Path file = home.resolve("cfg/config.yaml");
        ClientConfig.empty().with(new Context("a", "http://a:1", "token-aaaa", null)).withCurrentContext("a")
                .write(file);
        ClientConfig read = ClientConfig.read(file);
        assertEquals("a", read.currentContext());
        assertEquals("http://a:1", read.context("a").orElseThrow().server());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }
}
