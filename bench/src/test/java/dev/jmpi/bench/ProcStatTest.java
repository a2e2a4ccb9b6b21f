package dev.jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    private static final String STAT = "31 (my (odd) name) S 1 31 31 0 -1 4194560 77 0 0 0 5 6 0 0 20 0 1 0 42";

    @Test
    void fieldsAreNumberedAsInProc5CountingFromTheLastParenthesisOfTheName() {
        assertEquals(1, ProcStat.field(STAT, 4), "ppid");
        assertEquals(77, ProcStat.field(STAT, 10), "minflt");
        assertEquals(5, ProcStat.field(STAT, 14), "utime");
        assertEquals(6, ProcStat.field(STAT, 15), "stime");
    }

    @Test
    void theLastFieldIsReadWithoutATrailingSpace() {
        assertEquals(42, ProcStat.field(STAT, 22), "starttime");
        assertEquals(42, ProcStat.field(STAT + "\n", 22), "starttime before a newline");
    }
}
