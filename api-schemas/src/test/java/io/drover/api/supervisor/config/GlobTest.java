package io.drover.api.supervisor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Include patterns select the files Python's glob selects, in the order Supervisor reads them. */
class GlobTest {

    @TempDir
    Path root;

    @BeforeEach
    void files() throws IOException {
        for (String name : List.of("b.ini", "a.ini", "c.conf", ".hidden.ini", "x1/p.ini", "x2/p.ini", "y/p.ini", "[odd].ini")) {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "");
        }
    }

    private List<String> match(String pattern) {
        return Glob.match(root.resolve(pattern)).stream().map(p -> root.relativize(p).toString()).toList();
    }

    @Test
    void starMatchesWithinOneSegmentSortedByName() {
        assertEquals(List.of("[odd].ini", "a.ini", "b.ini"), match("*.ini"));
    }

    @Test
    void hiddenFilesNeedAPatternStartingWithADot() {
        assertEquals(List.of(".hidden.ini"), match(".*.ini"));
    }

    @Test
    void wildcardsWorkInDirectorySegments() {
        assertEquals(List.of("x1/p.ini", "x2/p.ini"), match("x?/*.ini"));
        assertEquals(List.of("x1/p.ini", "x2/p.ini", "y/p.ini"), match("*/p.ini"));
    }

    @Test
    void characterClassesAndNegation() {
        assertEquals(List.of("x1/p.ini"), match("x[1]/p.ini"));
        assertEquals(List.of("x2/p.ini"), match("x[!1]/p.ini"));
        assertEquals(List.of("a.ini", "b.ini"), match("[a-b].ini"));
    }

    @Test
    void anUnclosedBracketIsLiteral() {
        assertEquals(List.of(), match("[odd.ini"));
        assertEquals(List.of("[odd].ini"), match("[[]odd].ini"));
    }

    @Test
    void doubleStarDoesNotRecurse() {
        assertEquals(List.of("[odd].ini", "a.ini", "b.ini"), match("**.ini"));
    }

    @Test
    void aPlainNameMatchesWhenTheFileExists() {
        assertEquals(List.of("c.conf"), match("c.conf"));
        assertTrue(match("missing.conf").isEmpty());
        assertTrue(match("nowhere/*.ini").isEmpty());
    }
}
