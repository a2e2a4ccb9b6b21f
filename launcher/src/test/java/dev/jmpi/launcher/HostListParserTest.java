package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HostListParserTest {

    @Test
    void readsHostsWithSlotCounts() {
        assertEquals(
                List.of(new HostSlots("a", 2, 0, "--host"), new HostSlots("b", 3, 0, "--host")),
                HostListParser.parse(List.of("a:2,b:3")));
    }

    @Test
    void repeatedHostCountsOneSlotPerMention() {
        assertEquals(
                List.of(new HostSlots("a", 2, 0, "--host"), new HostSlots("b", 1, 0, "--host")),
                HostListParser.parse(List.of("a,a", "b")));
    }

    @Test
    void badSlotCountNamesTheEntry() {
        UsageException e = assertThrows(UsageException.class, () -> HostListParser.parse(List.of("a:2,b:x")));
        assertTrue(
                e.getMessage().contains("--host b:x") && e.getMessage().contains("positive integer"), e.getMessage());
    }

    @Test
    void emptyEntryIsRejected() {
        assertThrows(UsageException.class, () -> HostListParser.parse(List.of("a,,b")));
    }
}
