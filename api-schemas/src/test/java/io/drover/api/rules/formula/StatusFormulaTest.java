package io.drover.api.rules.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StatusFormulaTest {

    /** A movie-server application, as in Supvisors' documentation examples. */
    private static final Map<String, ProcessCondition> PROCESSES = new LinkedHashMap<>();

    static {
        PROCESSES.put("register_1", ProcessCondition.of("RUNNING"));
        PROCESSES.put("register_2", ProcessCondition.of("STARTING"));
        PROCESSES.put("movie_1", ProcessCondition.of("FATAL"));
        PROCESSES.put("movie_2", ProcessCondition.of("BACKOFF"));
        PROCESSES.put("loader", ProcessCondition.exited(true));
        PROCESSES.put("cleaner", ProcessCondition.exited(false));
        PROCESSES.put("idle", ProcessCondition.of("STOPPED"));
        PROCESSES.put("prg", ProcessCondition.of("RUNNING"));
        PROCESSES.put("prg_1", ProcessCondition.of("STOPPED"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "all('register.*') and any('movie.*')          ; true",
            "all(\"register.*\") and all('movie.*')        ; false",
            "any('movie_.')                                ; true",
            "'loader'                                      ; true",
            "'cleaner'                                     ; false",
            "not 'idle'                                    ; true",
            "'idle' or 'loader' and 'cleaner'              ; false",
            "('idle' or 'loader') and not 'cleaner'        ; true",
            "not 'idle' and 'cleaner'                      ; false",
            "not not 'loader'                              ; true",
            "'prg'                                         ; true",
            "all('prg.*')                                  ; false",
            "all('loader')                                 ; true",
            "any('load.r')                                 ; true",
            "all(any('movie.*'))                           ; true",
            "any(r'register_\\d') and 'regis' 'ter_1'     ; true",
            "any('register_\\d')                           ; true",
            "any('movie_1|register_1')                     ; true",
            "all('movie_1|register_1')                     ; false",
            "all('''loader''')                             ; true",
            "all(('loader'),)                              ; true",
            "any('register_1', )                           ; true",
            "  all('loader')  # only the loader matters    ; true",
            "all('cleaner') or (\\n  'loader'\\n)          ; true"})
    void evaluates(String formula, boolean operational) {
        FormulaOutcome outcome = StatusFormula.parse(formula.replace("\\n", "\n")).evaluate(PROCESSES);
        assertFalse(outcome.isError(), outcome.error());
        assertEquals(operational, outcome.operational());
        assertEquals(!operational, outcome.majorFailure());
    }

    @Test
    void everyProcessMatchesDotStar() {
        StatusFormula formula = StatusFormula.parse("all('.*')");
        assertFalse(formula.isOperational(PROCESSES));
        assertTrue(formula.isOperational(Map.of("a", ProcessCondition.of("RUNNING"), "b", ProcessCondition.exited(true))));
        assertEquals(List.of(".*"), formula.leaves());
    }

    @Test
    void aLeafWithAnAlternationIsAnchoredAsSupvisorsAnchorsIt() {
        // Supvisors builds '^movie_1|register_1$': the first branch only needs to start the name
        Map<String, ProcessCondition> processes = Map.of("movie_10", ProcessCondition.of("RUNNING"));
        assertTrue(StatusFormula.parse("'movie_1|nothing'").isOperational(processes));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "'nothing.*'                  ; no process of the application matches 'nothing.*'",
            "'register.*'                 ; 'register.*' matches 2 processes; wrap it in any(...) or all(...)",
            "'register.*' and 'loader'    ; cannot apply 'and' to 'register.*', which matches 2 processes",
            "'loader' or 'movie.*'        ; cannot apply 'or' to 'movie.*'",
            "not 'movie.*'                ; cannot apply 'not' to 'movie.*'",
            "'loader' or 'nothing'        ; no process of the application matches 'nothing'",
            "'register_\\d'             ; 'register_\\d' matches 2 processes",
            "'movie_1|register_1'         ; 'movie_1|register_1' matches 2 processes"})
    void evaluationErrorsAreMajorFailures(String formula, String message) {
        FormulaOutcome outcome = StatusFormula.parse(formula).evaluate(PROCESSES);
        assertTrue(outcome.isError());
        assertTrue(outcome.majorFailure());
        assertTrue(outcome.error().startsWith(message), outcome.error());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "all('.*'                      ; 9  ; expected ')' to close all(",
            "all('a', 'b')                 ; 8  ; all() takes exactly one argument",
            "any()                         ; 5  ; any() needs exactly one argument",
            "register                      ; 1  ; bare name 'register'",
            "all(register)                 ; 5  ; bare name 'register'",
            "'a' and                       ; 8  ; expected an expression, found the end of the formula",
            "len('a')                      ; 1  ; unsupported function 'len'",
            "'a' == 'b'                    ; 5  ; unexpected '='",
            "'a' & 'b'                     ; 5  ; unexpected '&'",
            "True                          ; 1  ; the constant True is not supported",
            "1                             ; 1  ; numbers are not supported",
            "'a' 'b' any('c')              ; 9  ; expected 'and', 'or' or the end of the formula",
            "'abc                          ; 1  ; the string is not closed",
            "b'abc'                        ; 1  ; bytes literals are not supported",
            "f'{x}'                        ; 1  ; f-strings are not supported",
            "('a', 'b')                    ; 5  ; tuples are not supported",
            "all('a' for a in 'b')         ; 9  ; expected ')' to close all(",
            "'prg['                        ; 1  ; 'prg[' is not a valid regular expression",
            "'a'\\n'b'                     ; 4  ; a status formula is a single expression",
            "and 'a'                       ; 1  ; expected an expression before 'and'",
            "'\\x4'                        ; 1  ; truncated \\x escape in a string",
            "'                             ; 1  ; the string is not closed",
            "``                            ; 1  ; the status formula is empty",
            "`   all('a' 'b'`              ; 15 ; expected ')' to close all("})
    void syntaxErrorsGiveTheColumn(String formula, int column, String reason) {
        String text = formula == null ? "" : formula.replace("\\n", "\n");
        FormulaSyntaxException error = assertThrows(FormulaSyntaxException.class, () -> StatusFormula.parse(text));
        assertEquals(column, error.column(), error.getMessage());
        assertTrue(error.reason().startsWith(reason), error.reason());
        assertTrue(error.getMessage().startsWith("column " + column + ": "));
    }

    @Test
    void pythonEscapesInStrings() {
        assertEquals(List.of("a\tb", "c\\d", "\u00e9", "x'y", "\\w+"),
                StatusFormula.parse("'a\\tb' or r'c\\d' or '\\N{LATIN SMALL LETTER E WITH ACUTE}' or \"x'y\" or '\\w+'").leaves());
    }

    @Test
    void processConditions() {
        assertTrue(ProcessCondition.of("running").isOk());
        assertTrue(ProcessCondition.of("BACKOFF").isOk());
        assertFalse(ProcessCondition.of("STOPPING").isOk());
        assertFalse(ProcessCondition.of("UNKNOWN").isOk());
        assertFalse(ProcessCondition.exited(false).isOk());
        assertTrue(ProcessCondition.exited(true).isOk());
    }
}
