package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            assertTrue(
                    launcher.process().waitFor(30, TimeUnit.SECONDS),
                    "jmpirun did not exit: " + ignoredSignalHint(signal) + launcher.err());
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
            assertTrue(
                    launcher.process().waitFor(30, TimeUnit.SECONDS),
                    "jmpirun did not exit: " + ignoredSignalHint(signal) + launcher.err());
            assertEquals(
                    List.of(),
                    Processes.aliveAfter(pids, Duration.ofSeconds(10)),
                    "ranks left behind; jmpirun stderr:\n" + launcher.err());
        }
    }

    /**
     * Why jmpirun may not have seen the signal: a JVM keeps a SIGINT its parent ignored (a
     * background job of a non-interactive shell has SIGINT ignored), and jmpirun inherits this
     * JVM's disposition, so Ctrl-C cannot reach it in such a build. Read from {@code /proc}
     * (Linux); empty elsewhere and for other signals.
     */
    private static String ignoredSignalHint(String signal) {
        if (!signal.equals("INT")) {
            return "";
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    long ignored = Long.parseUnsignedLong(
                            line.substring("SigIgn:".length()).trim(), 16);
                    if ((ignored & (1L << (2 - 1))) != 0) { // bit n - 1 for signal n; SIGINT is 2
                        return "this build runs with SIGINT ignored (inherited, e.g. from a background job of a"
                                + " non-interactive shell), and so does jmpirun; run the build with SIGINT at its"
                                + " default. ";
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: nothing to add
        }
        return "";
    }
}
