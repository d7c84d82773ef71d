package io.drover.api.supvisors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifierListsTest {

    @Test
    void namesAreSplitOnCommasAndTrimmed() {
        assertEquals(List.of("server_1", "server_2"), IdentifierLists.split(" server_1 ,server_2"));
    }

    @Test
    void emptyNamesAreDropped() {
        assertEquals(List.of("#", "consoles"), IdentifierLists.split(",#,, consoles,\n"));
        assertEquals(List.of(), IdentifierLists.split(" , "));
    }

    @Test
    void signsAndStereotypesAreKeptAsWritten() {
        assertEquals(List.of("*", "@", "@SERVER", "host:60000"), IdentifierLists.split("*,@,@SERVER,host:60000"));
    }
}
