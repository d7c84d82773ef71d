package io.drover.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.operator.OperatorCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator refuses, before connecting to anything, an API that would be open beyond loopback or badly keyed. */
class OperatorCommandApiOptionsTest {

    @TempDir
    Path folder;

    /** Runs the command; what it prints on standard error (where its option errors go) ends up in {@code err}. */
    private static int run(StringWriter err, String... args) {
        CommandLine command = new CommandLine(new OperatorCommand());
        command.setErr(new PrintWriter(err, true));
        command.setOut(new PrintWriter(new StringWriter(), true));
        java.io.PrintStream original = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return command.execute(args);
        } finally {
            System.setErr(original);
            err.write(captured.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void anOpenApiOnAnyAddressIsRefused() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--id", "op-1", "--http-host", "0.0.0.0"));
        assertTrue(err.toString().contains("--api-tokens-file"), err.toString());
    }

    @Test
    void aBadTokensFileIsRefusedWithoutShowingTheTokens() throws Exception {
        Path tokens = Files.writeString(folder.resolve("tokens"), "very-secret-token-1 root\n");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--id", "op-1", "--api-tokens-file", tokens.toString(), "--http-host", "0.0.0.0"));
        assertTrue(err.toString().contains("unknown role"), err.toString());
        assertFalse(err.toString().contains("very-secret-token-1"), err.toString());
    }

    @Test
    void theHelpNamesTheApiOptions() {
        String usage = new CommandLine(new OperatorCommand()).getUsageMessage();
        for (String option : java.util.List.of("--api-tokens-file", "--http-host", "--http-port", "--auth-health",
                "--api-max-body", "--tls-keystore", "--tls-keystore-password-file", "--agent-token-file")) {
            assertTrue(usage.contains(option), option);
        }
    }

    @Test
    void protectedHealthNeedsTokens() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--id", "op-1", "--auth-health"));
        assertTrue(err.toString().contains("--auth-health needs --api-tokens-file"), err.toString());
    }

    @Test
    void aBodyLimitMustBeASensibleSize() {
        for (String size : java.util.List.of("0", "12", "lots", "1GiB")) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, "--id", "op-1", "--api-max-body", size), size);
            assertTrue(err.toString().contains("--api-max-body"), err.toString());
        }
    }

    @Test
    void aKeystoreThatCannotBeOpenedIsRefusedBeforeStarting() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "--id", "op-1", "--tls-keystore", folder.resolve("missing.p12").toString()));
        assertTrue(err.toString().contains("--tls-keystore"), err.toString());
        Path password = Files.writeString(folder.resolve("password"), "secret-keystore-password\n");
        StringWriter alone = new StringWriter();
        assertEquals(2, run(alone, "--id", "op-1", "--tls-keystore-password-file", password.toString()));
        assertTrue(alone.toString().contains("needs --tls-keystore"), alone.toString());
        assertFalse(alone.toString().contains("secret-keystore-password"), alone.toString());
    }
}
