package io.drover.api.supervisor;

import static io.drover.api.supervisor.Fixtures.cases;
import static io.drover.api.supervisor.Fixtures.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every .conf and .ini of the Supvisors use cases imports as it is: the copies are byte for byte the published
 * files, each main configuration imports without error or warning, and together they read every .ini.
 */
class CaseFilesTest {

    private final SupervisorImporter importer = new SupervisorImporter(() -> "test-host");

    @Test
    void theCopiesAreTheFilesAsPublished() throws IOException, NoSuchAlgorithmException {
        List<String> lines = Files.readAllLines(cases("SHA256SUMS"));
        assertFalse(lines.isEmpty());
        for (String line : lines) {
            String expected = line.substring(0, 64);
            String file = line.substring(66);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(cases(file)));
            assertEquals(expected, HexFormat.of().formatHex(digest), file);
        }
    }

    @Test
    void everyConfigurationImportsWithoutWarningAndTogetherTheyReadEveryIniFile() throws IOException {
        List<ImportResult> results = new ArrayList<>();
        for (String variant : List.of("", "_mc")) {
            Path distributed = cases("scenario_1/etc/supervisord_distributed" + variant + ".conf");
            results.add(importer.importNodes(IntStream.rangeClosed(1, 3)
                    .mapToObj(n -> NodeConfig.of("rocky5" + n, distributed)).toList(), Map.of()));
            for (String role : List.of("server", "console")) {
                results.add(importer.importFiles(List.of(cases("scenario_2/etc/supervisord_" + role + variant + ".conf")), Map.of()));
            }
            results.add(importer.importFiles(List.of(cases("scenario_3/etc/supervisord_server" + variant + ".conf")), Map.of()));
            Path console = cases("scenario_3/etc/supervisord_console" + variant + ".conf");
            results.add(importer.importNodes(IntStream.rangeClosed(1, 5)
                    .mapToObj(n -> NodeConfig.of("console_" + n, console).withEnv(Map.of("IDENTIFIER", "console_" + n))).toList(),
                    Map.of()));
        }
        results.add(importer.importNodes(List.of(NodeConfig.of("localhost", cases("scenario_1/etc/supervisord_localhost.conf"))),
                Map.of()));
        for (String template : List.of("scenario_2_server", "scenario_2_console", "scenario_3_console")) {
            results.add(importer.importFiles(List.of(resource("templates/" + template + ".conf")), Map.of()));
        }

        Set<Path> read = new HashSet<>();
        for (ImportResult result : results) {
            assertEquals(List.of(), result.warnings());
            assertFalse(result.applications().isEmpty());
            read.addAll(result.files());
        }
        try (Stream<Path> files = Files.walk(cases(""))) {
            List<Path> unread = files.filter(f -> f.toString().endsWith(".ini") || f.toString().endsWith(".conf"))
                    .map(f -> f.toAbsolutePath().normalize()).filter(f -> !read.contains(f)).toList();
            assertEquals(List.of(), unread);
        }
    }

    @Test
    void theTemplatesGiveTheGroupsSupvisorsBreedCopies() {
        ImportResult server = importer.importFiles(List.of(resource("templates/scenario_2_server.conf")), Map.of());
        ImportResult console = importer.importFiles(List.of(resource("templates/scenario_3_console.conf")), Map.of());

        assertEquals(List.of("scen2_srv"), server.applicationNames());
        assertEquals(7, Fixtures.application(server, "scen2_srv").spec().programs().size());
        assertEquals("log/scen2_srv_scen2_config_manager.log",
                Fixtures.program(server, "scen2_srv", "scen2_config_manager").stdout().logfile());
        assertEquals(List.of("scen3_hci"), console.applicationNames());
    }
}
