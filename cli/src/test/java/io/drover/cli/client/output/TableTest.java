package io.drover.cli.client.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedAndEmptyCellsShowADash() {
        Table table = new Table(List.of("NAME", "STATE", "MESSAGE"), Set.of(1));
        table.add(List.of("web", "RUNNING", "all good"));
        table.add(List.of("database-primary", "", "waiting"));
        String lf = System.lineSeparator();
        assertEquals("NAME              STATE    MESSAGE" + lf
                + "web               RUNNING  all good" + lf
                + "database-primary  -        waiting" + lf, table.render(Style.plain()));
    }

    @Test
    void rowsPrintedLaterLineUpWithTheFirstOnes() {
        Table first = new Table(List.of("NAME", "STATE"));
        first.add(List.of("a-long-name", "RUNNING"));
        Table later = new Table(List.of("NAME", "STATE"));
        later.add(List.of("b", "STOPPED"));
        assertEquals("b            STOPPED" + System.lineSeparator(), later.renderRows(first.widths(), Style.plain()));
    }

    @Test
    void agesAreShort() {
        assertEquals("45s", Ages.of(java.time.Duration.ofSeconds(45)));
        assertEquals("3m12s", Ages.of(java.time.Duration.ofSeconds(192)));
        assertEquals("2h5m", Ages.of(java.time.Duration.ofMinutes(125)));
        assertEquals("4d3h", Ages.of(java.time.Duration.ofHours(99)));
    }
}
