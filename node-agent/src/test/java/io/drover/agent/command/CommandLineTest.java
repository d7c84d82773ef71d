package io.drover.agent.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values are what Python's shlex.split gives (checked against CPython 3). */
class CommandLineTest {

    @Test
    void blanksSeparateWords() throws SpawnException {
        assertEquals(List.of("/bin/prog", "-a", "b"), CommandLine.split("  /bin/prog\t-a \n b  "));
    }

    @Test
    void singleQuotesKeepEverything() throws SpawnException {
        assertEquals(List.of("a b", "c\\d", "$X"), CommandLine.split("'a b' 'c\\d' '$X'"));
    }

    @Test
    void doubleQuotesEscapeOnlyQuoteAndBackslash() throws SpawnException {
        assertEquals(List.of("say \"hi\"", "back\\slash", "keep\\n"), CommandLine.split("\"say \\\"hi\\\"\" \"back\\\\slash\" \"keep\\n\""));
    }

    @Test
    void backslashOutsideQuotesEscapesAnything() throws SpawnException {
        assertEquals(List.of("a b", "x'y", "n"), CommandLine.split("a\\ b x\\'y \\n"));
    }

    @Test
    void adjacentPartsJoinAndEmptyQuotesAreAnArgument() throws SpawnException {
        assertEquals(List.of("abc", "", "x"), CommandLine.split("a'b'\"c\" '' x"));
    }

    @Test
    void noShellMeaning() throws SpawnException {
        assertEquals(List.of("echo", "$HOME", "|", "*", "#notacomment"), CommandLine.split("echo $HOME | * #notacomment"));
    }

    @Test
    void errorsNameTheCommand() {
        assertEquals("can't parse command 'a \"b': No closing quotation",
                assertThrows(SpawnException.class, () -> CommandLine.split("a \"b")).getMessage());
        assertEquals("can't parse command 'a\\': No escaped character",
                assertThrows(SpawnException.class, () -> CommandLine.split("a\\")).getMessage());
        assertEquals("command is empty", assertThrows(SpawnException.class, () -> CommandLine.split("   ")).getMessage());
    }
}
