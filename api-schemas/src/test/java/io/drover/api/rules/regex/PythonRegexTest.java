package io.drover.api.rules.regex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonRegexTest {

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "prg_                   | dummy_prg_2     | prg_",
            "''                     | anything        | ''",
            "(?P<n>ab)(?P=n)        | xabab           | abab",
            "a{                     | xa{             | a{",
            "a{,2}                  | aaa             | aa",
            "a{2,}                  | aaaa            | aaaa",
            "a{}                    | a{}             | a{}",
            "[[x]                   | a[              | [",
            "[a&&b]                 | &               | &",
            "[]a]                   | ]               | ]",
            "end\\Z                 | the_end         | end",
            "(?#comment)abc         | abc             | abc",
            "\\d+                   | x42             | 42",
            "(a)\\2                 | aa              | aa"})
    void searchesLikePython(String pattern, String text, String match) {
        Matcher matcher = PythonRegex.compileForSearch(pattern).matcher(text);
        assertTrue(matcher.find(), pattern);
        assertEquals(match, matcher.group());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "app[            | a character class '[' is not closed",
            "(?<n>a)         | Python's re names groups with '(?P<name>...)'",
            "\\p{L}          | '\\p' is not an escape Python's re accepts",
            "(?P=n)          | the group 'n' is referenced before it is defined",
            "a)              | Unmatched closing ')'",
            "*a              | Dangling meta character '*'"})
    void refusesWhatPythonRefuses(String pattern, String reason) {
        PythonRegex.InvalidPatternException error = assertThrows(PythonRegex.InvalidPatternException.class,
                () -> PythonRegex.compileForSearch(pattern));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
        assertTrue(error.getMessage().startsWith("'" + pattern + "'"), error.getMessage());
    }
}
