package io.drover.api.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void equalTextsHaveNoHunk() {
        assertTrue(LineDiff.unified(List.of("a", "b"), List.of("a", "b")).isEmpty());
    }

    @Test
    void aChangedLineIsShownWithItsContext() {
        List<String> before = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9");
        List<String> after = List.of("1", "2", "3", "4", "five", "6", "7", "8", "9");
        assertEquals(List.of("@@ -2,7 +2,7 @@", " 2", " 3", " 4", "-5", "+five", " 6", " 7", " 8"),
                LineDiff.unified(before, after));
    }

    @Test
    void aCreatedResourceIsAllAdded() {
        assertEquals(List.of("@@ -0,0 +1,2 @@", "+a", "+b"), LineDiff.unified(List.of(), List.of("a", "b")));
    }
}
