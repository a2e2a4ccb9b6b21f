package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HangReportTest {

    @Test
    void worldOperationNamesTheRankOnce() {
        assertEquals(
                "jmpi: rank 0 blocked in recv(source=1, tag=7) for 5003 ms",
                HangReport.line(0, "rank 0: recv(source=1, tag=7) for 5003 ms"));
    }

    @Test
    void subCommunicatorOperationKeepsItsOwnRankAfterTheOperation() {
        assertEquals(
                "jmpi: rank 3 blocked in barrier() (as rank 1 of a sub-communicator)",
                HangReport.line(3, "rank 1 (world rank 3): barrier()"));
    }

    @Test
    void operationWithoutARankPrefixIsPrintedAsIs() {
        assertEquals(
                "jmpi: rank 2 blocked in ssend(dest=0, tag=1) (waiting for the receiver to match)",
                HangReport.line(2, "ssend(dest=0, tag=1) (waiting for the receiver to match)"));
    }
}
