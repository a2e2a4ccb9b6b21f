package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Request;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class InProcessJobReportTest {

    @Test
    void blockedReportNamesEachRankOnce() {
        try (InProcessJob job = InProcessJob.start(1, false, Duration.ofSeconds(30))) {
            Communicator world = job.communicator(0);
            Request r = world.irecv(new int[1], 0, 1, 0, 7);
            Communicator dup = world.dup();
            Request d = dup.irecv(new int[1], 0, 1, 0, 9);
            String report = job.pendingReport();
            assertFalse(report.contains("rank 0: rank 0"), report);
            assertTrue(report.contains("  rank 0 blocked in irecv(source=0, tag=7) for "), report);
            assertTrue(report.contains("  rank 0 blocked in irecv(source=0, tag=9) for "), report);
            assertEquals(2, report.lines().count(), report);
            assertTrue(r.cancel() && d.cancel());
            assertEquals("  rank 0: not blocked in jmpi\n", job.pendingReport());
        }
    }
}
