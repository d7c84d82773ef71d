package io.drover.e2e;

import java.util.Map;

/**
 * Manifests of applications that start at once, in stages, written compactly: each program as
 * {@code "name:startSequence:startSecs"}, or {@code "name:startSequence:startSecs:required"}, its command line taken
 * from a table keyed by {@code "application/program"} (each test program has a command line of its own, so that the
 * OS can count its copies).
 */
final class StagedApplications {

    private StagedApplications() {
    }

    static String manifest(String application, Map<String, String> commands, String... programs) {
        StringBuilder spec = new StringBuilder("""
                apiVersion: drover.io/v1
                kind: Application
                metadata:
                  name: %s
                spec:
                  startSequence: 1
                  programs:
                """.formatted(application));
        for (String program : programs) {
            String[] p = program.split(":");
            String command = commands.get(application + "/" + p[0]);
            if (command == null) {
                throw new IllegalArgumentException("no command for " + application + "/" + p[0]);
            }
            spec.append("""
                      - name: %s
                        command: %s
                        startSequence: %s
                        startSecs: %s
                        required: %s
                    """.formatted(p[0], command, p[1], p[2], p.length > 3 && p[3].equals("required")));
        }
        return spec.toString();
    }
}
