package io.drover.operator.sequencing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Candidates "name:rank:state" with state W (waiting, not begun), B (begun, sequence going on), S (begun, settled). */
class AutoStartOrderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a:1:W b:1:W c:2:W        | a,b
            a:1:B b:1:S c:2:W        | a,b
            a:1:S b:1:S c:2:W d:3:W  | a,b,c
            a:1:S c:2:B d:3:W        | a,c
            a:1:S c:2:S d:3:W        | a,c,d
            c:2:W d:2:W              | c,d
            a:1:B c:2:B              | a,c
            """)
    void lowerRanksFirst(String candidates, String expected) {
        List<AutoStartOrder.Candidate> parsed = new ArrayList<>();
        for (String spec : candidates.trim().split("\\s+")) {
            String[] f = spec.split(":");
            parsed.add(new AutoStartOrder.Candidate(f[0], Integer.parseInt(f[1]), !f[2].equals("W"), f[2].equals("S")));
        }
        assertEquals(expected, String.join(",", AutoStartOrder.mayBegin(parsed)));
    }
}
