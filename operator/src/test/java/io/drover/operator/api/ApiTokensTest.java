package io.drover.operator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {

    @TempDir
    Path folder;

    @Test
    void readsTokenRoleLinesInBothStyles() throws Exception {
        Path file = Files.writeString(folder.resolve("tokens"), """
                # who may do what
                s3cret-admin-token admin
                "op-token-123456": operator

                viewer-token-00001:viewer
                """);
        ApiTokens tokens = ApiTokens.read(file);
        assertEquals(3, tokens.size());
        assertEquals(Optional.of(Role.ADMIN), tokens.roleOf("s3cret-admin-token"));
        assertEquals(Optional.of(Role.OPERATOR), tokens.roleOf("op-token-123456"));
        assertEquals(Optional.of(Role.VIEWER), tokens.roleOf("viewer-token-00001"));
        assertEquals(Optional.empty(), tokens.roleOf("s3cret-admin-tokem"));
        assertEquals(Optional.empty(), tokens.roleOf(""));
        assertFalse(tokens.toString().contains("s3cret"));
    }

    @Test
    void refusesUnknownRolesAndShortTokensWithoutEchoingThem() throws Exception {
        Path badRole = Files.writeString(folder.resolve("a"), "long-enough-token superuser\n");
        IllegalArgumentException role = assertThrows(IllegalArgumentException.class, () -> ApiTokens.read(badRole));
        assertTrue(role.getMessage().contains(":1: unknown role"), role.getMessage());
        assertFalse(role.getMessage().contains("long-enough-token"));
        Path shortToken = Files.writeString(folder.resolve("b"), "abc admin\n");
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class, () -> ApiTokens.read(shortToken));
        assertFalse(tooShort.getMessage().contains("abc "));
        Path empty = Files.writeString(folder.resolve("c"), "# nothing\n");
        assertThrows(IllegalArgumentException.class, () -> ApiTokens.read(empty));
    }

    @Test
    void rolesIncludeTheLowerOnes() {
        assertTrue(Role.ADMIN.allows(Role.OPERATOR));
        assertTrue(Role.OPERATOR.allows(Role.VIEWER));
        assertFalse(Role.VIEWER.allows(Role.OPERATOR));
        assertFalse(Role.OPERATOR.allows(Role.ADMIN));
    }

    @Test
    void onlyLoopbackCountsAsLoopback() {
        assertTrue(ApiServer.isLoopback("127.0.0.1"));
        assertTrue(ApiServer.isLoopback("::1"));
        assertFalse(ApiServer.isLoopback("0.0.0.0"));
    }
}
