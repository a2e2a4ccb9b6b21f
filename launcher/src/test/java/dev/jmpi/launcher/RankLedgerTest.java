package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.RankReport;
import dev.jmpi.proto.StartupMark;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankLedgerTest {

    private static RankReport failed(int origin, String cause) {
        return RankReport.newBuilder()
                .setState(RankReport.State.FAILED)
                .setOriginRank(origin)
                .setCause(cause)
                .build();
    }

    @Test
    void registrationsAreCountedOnceAndAnnounced() {
        List<Integer> announced = new ArrayList<>();
        RankLedger ledger = new RankLedger(2, announced::add);
        assertFalse(ledger.anyRegistered());
        ledger.registered(1, "h", 11);
        ledger.registered(1, "h", 11);
        assertTrue(ledger.anyRegistered());
        assertFalse(ledger.allRegistered());
        ledger.registered(0, "h", 10);
        assertTrue(ledger.allRegistered());
        assertEquals(List.of(1, 1, 0), announced);
    }

    @Test
    void theFirstFailedReportCountsAndFinalizedIsKept() throws Exception {
        RankLedger ledger = new RankLedger(3, r -> {});
        ledger.reported(2, failed(0, "dev.jmpi.PeerFailedException: rank 0 lost"));
        ledger.reported(2, failed(2, "java.lang.IllegalStateException: later"));
        ledger.reported(
                1, RankReport.newBuilder().setState(RankReport.State.FINALIZED).build());
        ledger.reported(9, failed(9, "out of range: ignored"));
        assertEquals(0, ledger.of(2).failure().originRank());
        assertEquals(
                "dev.jmpi.PeerFailedException: rank 0 lost",
                ledger.of(2).failure().cause());
        assertTrue(ledger.of(1).isFinalized());
        assertFalse(ledger.of(2).isFinalized());
        assertFalse(ledger.of(1).awaitLifelineClosed(1));
        ledger.closed(1);
        assertTrue(ledger.of(1).awaitLifelineClosed(1));
    }

    @Test
    void aRanksEndMarksAndItsLifelinesCloseGoOnTheTimeline() {
        LaunchTimeline timeline = LaunchTimeline.start(1, null);
        RankLedger ledger = new RankLedger(1, r -> {}, timeline);
        long now = java.time.Instant.now().getEpochSecond() * 1_000_000;
        ledger.reported(
                0,
                RankReport.newBuilder()
                        .setState(RankReport.State.TIMELINE)
                        .addStartup(StartupMark.newBuilder()
                                .setName("finalize called")
                                .setEpochMicros(now))
                        .build());
        ledger.closed(0);
        List<String> rows = timeline.lines().stream()
                .filter(l -> l.startsWith("  rank "))
                .map(l -> l.substring(0, 24).trim())
                .toList();
        assertEquals(List.of("rank finalize called", "rank lifeline closed"), rows);
    }

    @Test
    void exitsAreNumberedInTheOrderTheyAreSeen() {
        RankLedger ledger = new RankLedger(3, r -> {});
        ledger.exited(2);
        ledger.exited(0);
        assertEquals(1, ledger.of(2).exitSequence());
        assertEquals(2, ledger.of(0).exitSequence());
        assertEquals(0, ledger.of(1).exitSequence());
    }
}
