package io.drover.operator.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer tokens the API accepts and the role of each. The file has one token per line, either {@code TOKEN ROLE}
 * or, YAML style, {@code TOKEN: ROLE}; roles are {@code viewer}, {@code operator} and {@code admin}; blank lines and
 * lines starting with {@code #} are ignored. Tokens are compared in constant time (over their SHA-256 digests, against
 * every entry) and never appear in messages or logs.
 */
public final class ApiTokens {

    private record Entry(byte[] digest, Role role) {
    }

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Tokens given in code, e.g. by tests: token to role. */
    public static ApiTokens of(Map<String, Role> tokens) {
        List<Entry> entries = new ArrayList<>();
        tokens.forEach((token, role) -> entries.add(new Entry(digest(requireToken(token, "token")), role)));
        return new ApiTokens(entries);
    }

    /** Reads a tokens file; the message of a refusal names the line, never the token. */
    public static ApiTokens read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("---")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            String token;
            String roleText;
            int colon = line.indexOf(':');
            int space = indexOfWhitespace(line);
            if (colon > 0 && (space < 0 || colon < space)) {
                token = line.substring(0, colon).strip();
                roleText = line.substring(colon + 1).strip();
            } else if (space > 0) {
                token = line.substring(0, space);
                roleText = line.substring(space).strip();
            } else {
                throw new IllegalArgumentException(where + ": expected 'TOKEN ROLE' (roles: viewer, operator, admin)");
            }
            token = unquote(token);
            String roleName = unquote(roleText);
            Role role = Role.parse(roleName).orElseThrow(() -> new IllegalArgumentException(where
                    + ": unknown role '" + roleName + "'; roles are viewer, operator and admin"));
            entries.add(new Entry(digest(requireToken(token, where)), role));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(file + ": no token defined; write one 'TOKEN ROLE' per line");
        }
        return new ApiTokens(entries);
    }

    /** The role of {@code token}, or empty when it is not one of ours. */
    public Optional<Role> roleOf(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = digest(token);
        Role found = null;
        for (Entry entry : entries) {
            // compare with every entry, without stopping early, so the time taken tells nothing
            if (MessageDigest.isEqual(entry.digest(), presented) && found == null) {
                found = entry.role();
            }
        }
        return Optional.ofNullable(found);
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "ApiTokens[" + entries.size() + " tokens]";
    }

    private static String requireToken(String token, String where) {
        if (token == null || token.length() < 8 || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException(where + ": a token must be at least 8 printable ASCII characters"
                    + " without spaces");
        }
        return token;
    }

    private static int indexOfWhitespace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
                || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
