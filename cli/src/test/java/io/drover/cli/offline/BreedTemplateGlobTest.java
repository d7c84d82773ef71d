package io.drover.cli.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.cli.offline.breed.TemplateGlob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BreedTemplateGlobTest {

    @Test
    void doubleStarIsAnyNumberOfFoldersIncludingNone() {
        TemplateGlob glob = TemplateGlob.compile("**/*.ini");

        assertTrue(glob.matches("top.ini"));
        assertTrue(glob.matches("a/b/c.ini"));
        assertTrue(glob.matches(".hidden.ini"));
        assertFalse(glob.matches("a/b.conf"));
    }

    @Test
    void singleStarStaysInOneFolder() {
        TemplateGlob glob = TemplateGlob.compile("console/*ini");

        assertTrue(glob.matches("console/programs_console.ini"));
        assertFalse(glob.matches("console/sub/x.ini"));
        assertFalse(glob.matches("server/x.ini"));
    }

    @Test
    void classesAndQuestionMarksAreFnmatchs() {
        assertTrue(TemplateGlob.compile("group_?.ini").matches("group_a.ini"));
        assertTrue(TemplateGlob.compile("[!x]*.ini").matches("a.ini"));
        assertFalse(TemplateGlob.compile("[!x]*.ini").matches("x.ini"));
        assertTrue(TemplateGlob.compile("[a-c].ini").matches("b.ini"));
        assertTrue(TemplateGlob.compile("a+(b).ini").matches("a+(b).ini"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/*.ini", "../*.ini", "a/../../b.ini"})
    void patternsLeavingTheTemplateAreRefused(String pattern) {
        assertThrows(IllegalArgumentException.class, () -> TemplateGlob.compile(pattern));
    }

    @Test
    void filesAreFoundSortedAndFoldersAreNot(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b/folder.ini"));
        Files.writeString(dir.resolve("b/z.ini"), "");
        Files.writeString(dir.resolve("a.ini"), "");
        Files.writeString(dir.resolve("b/a.ini"), "");

        List<String> found = TemplateGlob.compile("**/*.ini").find(dir).stream().map(TemplateGlob::slashed).toList();

        assertEquals(List.of("a.ini", "b/a.ini", "b/z.ini"), found);
    }
}
