package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** However jmpirun ends, no rank outlives it: SIGKILL (the ranks' lifelines) and SIGTERM during a launch. */
@Timeout(240)
class LauncherDeathIT {

    @Test
    void sigkillOfJmpirunEndsEveryRankWithinFiveSeconds() throws Exception {
        killJmpirunAndExpectRanksGone(4);
    }

    @Test
    void aOneRankJobWithoutAMeshStillEndsWithItsLauncher() throws Exception {
        killJmpirunAndExpectRanksGone(1);
    }

    private static void killJmpirunAndExpectRanksGone(int ranks) throws Exception {
        List<String> args = new ArrayList<>(Jmpirun.LEAN_RANK_JVM);
        args.addAll(List.of(
                "-n", Integer.toString(ranks), "--oversubscribe", "--stdin", "none", Jmpirun.APPS + "InitAndBlock"));
        try (LauncherProcess launcher = LauncherProcess.start(args)) {
            List<Long> pids = launcher.awaitPids(ranks, 120);
            launcher.signal("KILL");
            assertTrue(launcher.process().waitFor(30, TimeUnit.SECONDS), "jmpirun survived SIGKILL");
            long killedNs = System.nanoTime();
            List<Long> alive = Processes.aliveAfter(pids, Duration.ofSeconds(5));
            long tookMs = (System.nanoTime() - killedNs) / 1_000_000;
            assertEquals(
                    List.of(),
                    alive,
                    "ranks still alive 5 s after jmpirun was killed; jmpirun stderr:\n" + launcher.err());
            System.out.println("LauncherDeathIT: " + ranks + " ranks gone " + tookMs + " ms after jmpirun's SIGKILL");
        }
    }

    @Test
    void sigtermDuringALaunchInProgressStopsLaunchingAndLeavesNoRank() throws Exception {
        int size = 150;
        List<String> args = new ArrayList<>(Jmpirun.LEAN_RANK_JVM);
        args.addAll(List.of(
                "-n",
                Integer.toString(size),
                "--oversubscribe",
                "--grace",
                "2s",
                "--stdin",
                "none",
                Jmpirun.APPS + "Hang"));
        try (LauncherProcess launcher = LauncherProcess.start(args)) {
            launcher.awaitPids(1, 120);
            Set<Long> started = new TreeSet<>();
            launcher.process().descendants().forEach(h -> started.add(h.pid()));
            launcher.signal("TERM");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Every rank jmpirun starts until it exits is its child: collect them all.
            while (!launcher.process().waitFor(20, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
                launcher.process().descendants().forEach(h -> started.add(h.pid()));
            }
            assertTrue(!launcher.process().isAlive(), "jmpirun did not exit 60 s after SIGTERM: " + launcher.err());
            assertTrue(
                    started.size() < size,
                    "the launch was over before SIGTERM (" + started.size() + " ranks); make it bigger");
            assertEquals(
                    List.of(),
                    Processes.aliveAfter(new ArrayList<>(started), Duration.ofSeconds(15)),
                    "ranks left behind of " + started.size() + " started; jmpirun stderr:\n" + launcher.err());
            assertTrue(launcher.err().contains("jmpirun: interrupted; stopping "), launcher.err());
        }
    }
}
