package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's choice of the rank that started a failure, and its first lines. */
class FailureSummaryTest {

    private static final List<String> FRAMES = List.of("\tat a.B.c(B.java:1)", "\tat a.B.d(B.java:2)");

    /** A rank that ran and was stopped by jmpirun: no exit of its own, no report. */
    private static RankOutcome running(int rank) {
        return new RankOutcome(
                rank,
                name(rank),
                true,
                false,
                null,
                null,
                null,
                0,
                RankState.Verdict.NONE,
                0,
                false,
                100 + rank,
                List.of(),
                List.of());
    }

    private static String name(int rank) {
        return "rank " + rank + " (host h" + rank + ", pid " + (100 + rank) + ")";
    }

    private static RankOutcome exited(RankOutcome o, int status, long sequence) {
        return new RankOutcome(
                o.rank(),
                o.name(),
                o.registered(),
                o.finalized(),
                o.failure(),
                status,
                Signals.describe(status),
                sequence,
                o.verdict(),
                o.othersRunningAtExit(),
                o.stopped(),
                o.pid(),
                o.exceptionLines(),
                o.tail());
    }

    private static RankOutcome reported(RankOutcome o, int origin, String cause, String detail, long sequence) {
        return new RankOutcome(
                o.rank(),
                o.name(),
                o.registered(),
                o.finalized(),
                new RankState.Failure(origin, cause, detail, sequence),
                o.ownExitStatus(),
                o.ownExit(),
                o.exitSequence(),
                o.verdict(),
                o.othersRunningAtExit(),
                o.stopped(),
                o.pid(),
                o.exceptionLines(),
                o.tail());
    }

    private static RankOutcome judged(RankOutcome o, RankState.Verdict v, int others) {
        return new RankOutcome(
                o.rank(),
                o.name(),
                o.registered(),
                o.finalized(),
                o.failure(),
                o.ownExitStatus(),
                o.ownExit(),
                o.exitSequence(),
                v,
                others,
                o.stopped(),
                o.pid(),
                o.exceptionLines(),
                o.tail());
    }

    private static RankOutcome withStderr(RankOutcome o, List<String> exceptionLines, List<String> tail) {
        return new RankOutcome(
                o.rank(),
                o.name(),
                o.registered(),
                o.finalized(),
                o.failure(),
                o.ownExitStatus(),
                o.ownExit(),
                o.exitSequence(),
                o.verdict(),
                o.othersRunningAtExit(),
                o.stopped(),
                o.pid(),
                exceptionLines,
                tail);
    }

    private static RankOutcome stopped(RankOutcome o) {
        return new RankOutcome(
                o.rank(),
                o.name(),
                o.registered(),
                o.finalized(),
                o.failure(),
                o.ownExitStatus(),
                o.ownExit(),
                o.exitSequence(),
                o.verdict(),
                o.othersRunningAtExit(),
                true,
                o.pid(),
                o.exceptionLines(),
                o.tail());
    }

    private static List<RankOutcome> job(RankOutcome... ranks) {
        List<RankOutcome> all = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            all.add(running(r));
        }
        for (RankOutcome o : ranks) {
            all.set(o.rank(), o);
        }
        return all;
    }

    @Test
    void originalFailureBeatsAConsequentialOneThatExitedFirst() {
        RankOutcome first = reported(exited(running(0), 1, 1), 2, "dev.jmpi.PeerFailedException: rank 2 lost", "", 1);
        RankOutcome origin = reported(
                exited(running(2), 1, 2),
                2,
                "java.lang.IllegalStateException: boom",
                "Exception in thread \"main\" java.lang.IllegalStateException: boom\nCaused by: java.io.IOException: x",
                2);
        FailureSummary.Result r = FailureSummary.of(job(first, origin), first, 1, 10);
        assertEquals(2, r.causeRank());
        assertEquals(
                "jmpirun: " + name(2) + " failed first: java.lang.IllegalStateException: boom",
                r.lines().get(0));
        assertEquals("jmpirun: rank 2 exited with status 1", r.lines().get(1));
        assertTrue(
                r.lines()
                        .contains("jmpirun: 1 other rank failed because of rank 2 (rank 0:"
                                + " dev.jmpi.PeerFailedException: rank 2 lost)"),
                r.lines().toString());
        assertTrue(r.lines().contains("jmpirun: (the job ended when " + name(0) + " exited with status 1)"));
        int headline = r.lines().indexOf("  | Exception in thread \"main\" java.lang.IllegalStateException: boom");
        assertTrue(
                headline > 0 && r.lines().get(headline + 1).equals("  | Caused by: java.io.IOException: x"),
                r.lines().toString());
        assertEquals(1, r.exitCode());
    }

    @Test
    void exitZeroWithoutFinalizingIsTheCauseNotThePeerThatFailedBecauseOfIt() {
        RankOutcome quitter = judged(exited(running(1), 0, 1), RankState.Verdict.EXITED_WITHOUT_FINALIZING, 3);
        RankOutcome peer = reported(exited(running(0), 1, 2), 1, "dev.jmpi.PeerFailedException: rank 1 lost", "", 1);
        FailureSummary.Result r = FailureSummary.of(job(quitter, peer), quitter, 0, 10);
        assertEquals(
                "jmpirun: " + name(1) + " failed first: exited with status 0 without finalizing (closing its"
                        + " world communicator) while 3 other ranks still ran",
                r.lines().get(0));
        assertEquals(1, r.exitCode(), "a failed job never exits 0");
    }

    @Test
    void rankThatNeverJoinedIsNamedWithItsException() {
        RankOutcome early = withStderr(
                judged(exited(running(3), 1, 1), RankState.Verdict.EXITED_BEFORE_JOINING, 3),
                List.of("Exception in thread \"main\" java.lang.IllegalArgumentException: bad input file"),
                FRAMES);
        FailureSummary.Result r = FailureSummary.of(job(early), early, 1, 10);
        assertEquals(
                "jmpirun: " + name(3) + " failed first: java.lang.IllegalArgumentException: bad input file",
                r.lines().get(0));
        assertTrue(
                r.lines().get(1).startsWith("jmpirun: rank 3 exited with status 1 before joining the job"),
                r.lines().get(1));
    }

    @Test
    void stoppedRankIsTheCauseOfItsPeersFailures() {
        RankOutcome peer = exited(running(0), 1, 1);
        RankOutcome frozen = stopped(running(2));
        FailureSummary.Result r = FailureSummary.of(job(peer, frozen), peer, 1, 10);
        assertEquals(2, r.causeRank());
        assertTrue(
                r.lines()
                        .get(0)
                        .startsWith(
                                "jmpirun: " + name(2) + " failed first: was stopped (state T in" + " /proc/102/stat"),
                r.lines().get(0));
        assertEquals(1, r.exitCode());
    }

    @Test
    void consequentialReportsNameTheirOriginEvenIfItNeverReported() {
        RankOutcome a = reported(exited(running(0), 1, 1), 3, "dev.jmpi.PeerFailedException: rank 3 silent", "", 1);
        RankOutcome b = reported(exited(running(1), 1, 2), 3, "dev.jmpi.PeerFailedException: rank 3 silent", "", 2);
        FailureSummary.Result r = FailureSummary.of(job(a, b), a, 1, 10);
        assertEquals(3, r.causeRank());
        assertTrue(
                r.lines().get(0).startsWith("jmpirun: " + name(3) + " failed first: was still running"),
                r.lines().get(0));
        assertTrue(r.lines().get(1).startsWith("jmpirun: 2 other ranks failed because of rank 3"));
    }

    @Test
    void withoutReportsTheFirstExitAndItsStatusAreTheCause() {
        RankOutcome killed = withStderr(exited(running(1), 137, 1), List.of(), List.of("about to die"));
        FailureSummary.Result r = FailureSummary.of(job(killed), killed, 137, 10);
        assertEquals(
                List.of(
                        "jmpirun: " + name(1) + " failed first: killed by signal 9 (SIGKILL)",
                        "jmpirun: last 1 stderr line of rank 1:",
                        "  | about to die"),
                r.lines());
        assertEquals(137, r.exitCode());
    }

    @Test
    void exceptionOnStderrLeadsWhenTheRankSentNoReport() {
        RankOutcome thrower = withStderr(
                exited(running(1), 1, 1),
                List.of(
                        "Exception in thread \"main\" java.lang.IllegalStateException: boom",
                        "Caused by: java.io.IOException: disk full"),
                FRAMES);
        FailureSummary.Result r = FailureSummary.of(job(thrower), thrower, 1, 10);
        assertEquals(
                List.of(
                        "jmpirun: " + name(1) + " failed first: java.lang.IllegalStateException: boom",
                        "jmpirun: rank 1 exited with status 1",
                        "jmpirun: exception on rank 1:",
                        "  | Exception in thread \"main\" java.lang.IllegalStateException: boom",
                        "  | Caused by: java.io.IOException: disk full",
                        "jmpirun: last 2 stderr lines of rank 1:",
                        "  | \tat a.B.c(B.java:1)",
                        "  | \tat a.B.d(B.java:2)"),
                r.lines());
    }
}
