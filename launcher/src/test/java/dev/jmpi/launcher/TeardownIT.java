package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ctrl-C (SIGINT) or SIGTERM to a real jmpirun process stops every rank; no JVM is left behind. */
@Timeout(120)
class TeardownIT {

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalToJmpirunStopsEveryRank(String signal) throws Exception {
        List<String> args = new ArrayList<>(Jmpirun.LEAN_RANK_JVM);
        args.addAll(List.of("-n", "3", "--oversubscribe", "--grace", "3s", "--stdin", "none", Jmpirun.APPS + "Hang"));
        try (LauncherProcess launcher = LauncherProcess.start(args)) {
            List<Long> pids = launcher.awaitPids(3, 60);
            launcher.signal(signal);
            assertTrue(launcher.process().waitFor(30, TimeUnit.SECONDS), "jmpirun did not exit: " + launcher.err());
            assertEquals(
                    List.of(),
                    Processes.aliveAfter(pids, Duration.ofSeconds(10)),
                    "ranks left behind; jmpirun stderr:\n" + launcher.err());
            assertTrue(launcher.err().contains("jmpirun: interrupted; stopping 3 ranks"), launcher.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void signalStopsRanksThatIgnoreSigterm(String signal) throws Exception {
        List<String> args = new ArrayList<>(Jmpirun.LEAN_RANK_JVM);
        args.addAll(List.of(
                "-n", "2", "--oversubscribe", "--grace", "1s", "--stdin", "none", Jmpirun.APPS + "Hang", "stubborn"));
        try (LauncherProcess launcher = LauncherProcess.start(args)) {
            List<Long> pids = launcher.awaitPids(2, 60);
            launcher.signal(signal);
            assertTrue(launcher.process().waitFor(30, TimeUnit.SECONDS), "jmpirun did not exit: " + launcher.err());
            assertEquals(
                    List.of(),
                    Processes.aliveAfter(pids, Duration.ofSeconds(10)),
                    "ranks left behind; jmpirun stderr:\n" + launcher.err());
        }
    }
}
