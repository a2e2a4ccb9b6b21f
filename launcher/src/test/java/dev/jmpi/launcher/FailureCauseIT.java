package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** jmpirun's failure summary names the rank that started the failure, with its exception, first. */
@Timeout(180)
class FailureCauseIT {

    private static final String HOST = HostResolver.localHostName();

    @Test
    void exceptionLinesComeBeforeTheStderrTail() throws Exception {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "2", "--oversubscribe", "--grace", "2s", Jmpirun.APPS + "ThrowDeep", "1"));
        assertEquals(1, r.exitCode(), r.toString());
        String err = r.err();
        assertTrue(err.contains("jmpirun: rank 1 (host " + HOST + ", pid "), err);
        assertTrue(err.contains("failed first: java.lang.IllegalStateException: boom\n"), err);
        int headline = err.indexOf("  | Exception in thread \"main\" java.lang.IllegalStateException: boom");
        int causedBy = err.indexOf("  | Caused by: java.io.IOException: disk full");
        int tail = err.indexOf("last 10 stderr lines of rank 1:");
        assertTrue(headline > 0 && causedBy > headline && tail > causedBy, err);
        assertTrue(err.substring(tail).contains("| \tat dev.jmpi.launcher.apps.ThrowDeep.descend"), err);
        assertEquals(List.of(), Processes.aliveAfter(r.pids(), Duration.ofSeconds(10)), "ranks left behind");
    }

    @Test
    void rankExitingZeroWithoutFinalizingIsTheCause() throws Exception {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "3", "--oversubscribe", "--grace", "2s", Jmpirun.APPS + "ExitWithoutFinalize", "1"));
        assertNotEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("jmpirun: rank 1 (host " + HOST + ", pid "), r.err());
        assertTrue(
                r.err()
                        .contains("failed first: exited with status 0 without finalizing (closing its world"
                                + " communicator) while 2 other ranks still ran"),
                r.err());
        assertEquals(List.of(), Processes.aliveAfter(r.pids(), Duration.ofSeconds(10)), "ranks left behind");
    }

    @ParameterizedTest
    @ValueSource(strings = {"return", "late-return"})
    void rankReturningBeforeInitIsNamedAtOnce(String how) throws Exception {
        long startNs = System.nanoTime();
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean(
                "-n",
                "4",
                "--oversubscribe",
                "--grace",
                "2s",
                "--timeout",
                "100s",
                Jmpirun.APPS + "ExitBeforeInit",
                "2",
                how));
        long tookMs = (System.nanoTime() - startNs) / 1_000_000;
        assertNotEquals(0, r.exitCode(), r.toString());
        assertNotEquals(ExitCodes.TIMEOUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("jmpirun: rank 2 (host " + HOST + ", pid "), r.err());
        assertTrue(r.err().contains("failed first: exited with status 0 before joining the job"), r.err());
        assertTrue(tookMs < 60_000, "took " + tookMs + " ms: " + r);
    }

    @Test
    void rankThrowingBeforeInitIsNamedWithItsException() throws Exception {
        long startNs = System.nanoTime();
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean(
                "-n",
                "4",
                "--oversubscribe",
                "--grace",
                "2s",
                "--timeout",
                "100s",
                Jmpirun.APPS + "ExitBeforeInit",
                "2",
                "throw"));
        long tookMs = (System.nanoTime() - startNs) / 1_000_000;
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("jmpirun: rank 2 (host " + HOST + ", pid "), r.err());
        assertTrue(r.err().contains("failed first: java.lang.IllegalArgumentException: bad input file"), r.err());
        assertTrue(
                r.err()
                        .contains("  | Exception in thread \"main\" java.lang.IllegalArgumentException: bad input"
                                + " file"),
                r.err());
        assertTrue(tookMs < 60_000, "took " + tookMs + " ms: " + r);
    }

    @Test
    void stoppedRankIsNamedAsTheCause() throws Exception {
        List<String> args = new ArrayList<>(Jmpirun.LEAN_RANK_JVM);
        args.addAll(List.of(
                "-n",
                "3",
                "--oversubscribe",
                "--grace",
                "2s",
                "--stdin",
                "none",
                "--jvm-opt=-Djmpi.heartbeatTimeoutMs=3000",
                Jmpirun.APPS + "AllreduceLoop"));
        try (LauncherProcess launcher = LauncherProcess.start(args)) {
            Map<Integer, Long> pids = launcher.awaitRankPids(3, 120);
            long frozen = pids.get(1);
            try {
                signal("STOP", frozen);
                assertTrue(
                        launcher.process().waitFor(90, TimeUnit.SECONDS),
                        "jmpirun did not end the job: " + launcher.err());
                String err = launcher.err();
                assertNotEquals(0, launcher.process().exitValue(), err);
                assertTrue(
                        err.contains("jmpirun: rank 1 (host " + HOST + ", pid " + frozen + ") failed first: was"
                                + " stopped (state T in /proc/" + frozen + "/stat"),
                        err);
                assertEquals(
                        List.of(),
                        Processes.aliveAfter(new ArrayList<>(pids.values()), Duration.ofSeconds(10)),
                        "ranks left behind");
            } finally {
                signal("KILL", frozen);
            }
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void hangReportNamesEachRankOnce() {
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean(
                "-n", "2", "--oversubscribe", "--timeout", "8s", "--grace", "5s", Jmpirun.APPS + "RecvForever"));
        assertEquals(ExitCodes.TIMEOUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("| jmpi: rank 0 blocked in recv(source=1, tag=7) for "), r.err());
        assertTrue(r.err().contains("| jmpi: rank 1 blocked in recv(source=0, tag=7) for "), r.err());
        assertTrue(!r.err().contains("blocked in rank "), r.err());
    }

    /**
     * Rank 2 throws while the others are in an all-reduce: they fail because of it and may
     * exit first, yet rank 2's own FAILED report makes it the cause. (With a finalize barrier
     * the others failed with a collective mismatch and jmpirun named one of them.)
     */
    @Test
    void originalFailureIsNamedEvenWhenItsPeersExitFirst() {
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean(
                "-n",
                "4",
                "--oversubscribe",
                "--grace",
                "2s",
                "--timeout",
                "60s",
                Jmpirun.APPS + "ThrowInAllreduce",
                "2"));
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("jmpirun: rank 2 (host " + HOST + ", pid "), r.err());
        assertTrue(r.err().contains("failed first: java.lang.IllegalStateException: boom at step 5\n"), r.err());
    }
}
