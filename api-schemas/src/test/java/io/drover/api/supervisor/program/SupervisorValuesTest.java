package io.drover.api.supervisor.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drover.api.model.AutoRestart;
import io.drover.api.model.StopSignal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Supervisor's datatypes: what supervisord accepts is accepted with the same meaning, what it refuses is refused. */
class SupervisorValuesTest {

    @ParameterizedTest
    @CsvSource({"true,true", "YES,true", "On,true", "1,true", "false,false", "no,false", "OFF,false", "0,false"})
    void booleansAsSupervisorAcceptsThem(String text, boolean expected) {
        assertEquals(Optional.of(expected), SupervisorValues.bool(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "", "t"})
    void otherBooleansAreRefused(String text) {
        assertTrue(SupervisorValues.bool(text).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"10,10", "' 7 ',7", "+3,3", "-1,-1", "1_000,1000", "007,7"})
    void integersAsPythonReadsThem(String text, int expected) {
        assertEquals(Optional.of(expected), SupervisorValues.integer(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "ten", "0x10", "1__0", "", "99999999999"})
    void otherIntegersAreRefused(String text) {
        assertTrue(SupervisorValues.integer(text).isEmpty());
    }

    @Test
    void autorestartTakesBooleansAndUnexpected() {
        assertEquals(Optional.of(AutoRestart.TRUE), SupervisorValues.autoRestart("yes"));
        assertEquals(Optional.of(AutoRestart.FALSE), SupervisorValues.autoRestart("false"));
        assertEquals(Optional.of(AutoRestart.UNEXPECTED), SupervisorValues.autoRestart("Unexpected"));
        assertTrue(SupervisorValues.autoRestart("sometimes").isEmpty());
    }

    @Test
    void exitCodesAreCommaSeparatedBytes() {
        assertEquals(Optional.of(List.of(0, 2)), SupervisorValues.exitCodes("0, 2"));
        assertEquals(Optional.of(List.of()), SupervisorValues.exitCodes(""));
        assertTrue(SupervisorValues.exitCodes("0,256").isEmpty());
        assertTrue(SupervisorValues.exitCodes("0,").isEmpty());
        assertTrue(SupervisorValues.exitCodes("-1").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"50MB,52428800", "1kb,1024", "2GB,2147483648", "0,0", "1024,1024", "'10 MB',10485760"})
    void byteSizesUsePowersOf1024(String text, long bytes) {
        assertEquals(bytes, SupervisorValues.byteSize(text).orElseThrow().bytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"50M", "lots", "1.5MB", "-1"})
    void otherSizesAreRefused(String text) {
        assertTrue(SupervisorValues.byteSize(text).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"022,022", "2,002", "0o77,077", "777,777", "0,000"})
    void umasksAreOctal(String text, String expected) {
        assertEquals(Optional.of(expected), SupervisorValues.umask(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8", "0x12", "1000", "-2"})
    void otherUmasksAreRefused(String text) {
        assertTrue(SupervisorValues.umask(text).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"TERM,TERM", "SIGTERM,TERM", "sigkill,KILL", "15,TERM", "hup,HUP", "' USR2 ',USR2", "3,QUIT"})
    void signalsByNameOrNumber(String text, StopSignal expected) {
        assertEquals(new SignalNames.Supported(expected), SignalNames.read(text));
    }

    @Test
    void validSignalsDroverDoesNotSendAreToldApart() {
        assertEquals(new SignalNames.Unsupported(28), SignalNames.read("WINCH"));
        assertEquals(new SignalNames.Unsupported(14), SignalNames.read("14"));
        assertInstanceOf(SignalNames.Invalid.class, SignalNames.read("TERMINATE"));
        assertInstanceOf(SignalNames.Invalid.class, SignalNames.read("99"));
    }

    @Test
    void environmentPairsAsShlexSplitsThem() throws Exception {
        assertEquals(Map.of("KEY", "val", "KEY2", "val,2", "PATH", "/usr/bin:/bin"),
                EnvironmentPairs.parse("KEY=val,KEY2=\"val,2\",PATH=/usr/bin:/bin").variables());
        assertEquals(Map.of("A", "x y"), EnvironmentPairs.parse("A='x y'").variables());
        assertEquals(Map.of(), EnvironmentPairs.parse("").variables());
    }

    @Test
    void keptPlaceholdersAreWordsOfTheValue() throws Exception {
        assertEquals(Map.of("HOME_LOG", "%(ENV_HOME)s/log", "N", "%(process_num)02d"),
                EnvironmentPairs.parse("HOME_LOG=%(ENV_HOME)s/log,N=%(process_num)02d").variables());
    }

    @Test
    void supervisordDropsWhatStandsWhereACommaShould() throws Exception {
        EnvironmentPairs.Pairs pairs = EnvironmentPairs.parse("GREETING=hello world");
        assertEquals(Map.of("GREETING", "hello"), pairs.variables());
        assertEquals(List.of("world"), pairs.ignored());
    }

    @ParameterizedTest
    @ValueSource(strings = {"A=1,B", "A", "A=\"unclosed", "A=x*y,B=1"})
    void malformedPairsAreRefused(String text) {
        assertThrows(EnvironmentPairs.Malformed.class, () -> EnvironmentPairs.parse(text));
    }
}
