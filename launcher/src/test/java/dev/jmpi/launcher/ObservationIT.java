package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.core.observe.TraceCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --stats}, {@code --trace} and {@code --status-every} on real multi-process jobs. */
@Timeout(300)
class ObservationIT {

    @TempDir
    Path tmp;

    private static Jmpirun.Result run(String... args) {
        return Jmpirun.run(Jmpirun.lean(args));
    }

    /** ObservedTraffic on 3 ranks with jmpirun's {@code flags} and the program's {@code args}. */
    private static Jmpirun.Result observedTraffic(List<String> flags, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("-n", "3", "--oversubscribe", "--timeout", "4m"));
        command.addAll(flags);
        command.add(Jmpirun.APPS + "ObservedTraffic");
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    @Test
    void statsPrintsEveryOperationWithItsKnownTrafficAndTheLateRank() {
        Jmpirun.Result r = observedTraffic(List.of("--stats"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("0 statistics recording=true send=20/20480 recv=-"), r.toString());
        assertTrue(r.out().contains("1 statistics recording=true send=- recv=10/10240"), r.toString());
        String err = r.err();
        assertTrue(
                Pattern.compile("(?m)^all +send +- +20 +20\\.0 KiB ")
                        .matcher(err)
                        .find(),
                err);
        assertTrue(
                Pattern.compile("(?m)^all +recv +- +20 +20\\.0 KiB ")
                        .matcher(err)
                        .find(),
                err);
        assertTrue(
                Pattern.compile("(?m)^all +allreduce +recursive doubling +9 +288 B ")
                        .matcher(err)
                        .find(),
                err);
        assertTrue(
                Pattern.compile("(?m)^2 +recv +- +10 +10\\.0 KiB ").matcher(err).find(), err);
        assertTrue(err.contains("last to arrive most often: rank 2 (3 of 3)"), err);
        assertTrue(err.contains("clock offsets to rank 0: rank 1 +0.000 ms"), "same machine: offset 0\n" + err);
    }

    @Test
    void pcontrolLeavesTheSetUpOutOfStatisticsAndTrace() throws Exception {
        Path json = tmp.resolve("job.json");
        Jmpirun.Result r = observedTraffic(List.of("--stats", "--trace", json.toString()), "set-up-not-recorded");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("0 statistics recording=true send=20/20480 recv=-"), r.toString());
        assertTrue(r.out().contains("2 statistics recording=true send=- recv=10/10240"), r.toString());
        assertTrue(
                Pattern.compile("(?m)^all +allreduce +recursive doubling +9 +288 B ")
                        .matcher(r.err())
                        .find(),
                r.err());
        assertTrue(!r.err().contains("bcast"), "the set-up's bcast was not recorded\n" + r.err());
        TraceCheck.Summary t = assertKnownTrafficTrace(json);
        assertEquals(null, t.spansByName().get("bcast"), "the set-up's bcast was not recorded");
    }

    /**
     * ObservedTraffic's trace on 3 ranks: valid, a process per rank, its 20 sends, 20 receives
     * and 9 allreduces, and a flow from every send to its receive.
     */
    private static TraceCheck.Summary assertKnownTrafficTrace(Path json) {
        TraceCheck.Summary t = TraceCheck.check(json);
        assertEquals(List.of(), t.problems());
        assertEquals(java.util.Set.of(0, 1, 2), t.processes());
        Map<String, Integer> n = t.spansByName();
        assertEquals(20, n.get("send"));
        assertEquals(20, n.get("recv"));
        assertEquals(9, n.get("allreduce"));
        assertEquals(20, t.flows(), "every send has its receive");
        assertEquals(0.0, t.otherData().get("unmatchedSends"));
        assertEquals(0.0, t.otherData().get("unmatchedReceives"));
        return t;
    }

    @Test
    void traceIsValidJsonWithAProcessPerRankAndAFlowPerMessage() throws Exception {
        Path json = tmp.resolve("job.json");
        Jmpirun.Result r = observedTraffic(List.of("--trace", json.toString()));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.err().contains("trace of 3 ranks written to " + json), r.toString());
        assertKnownTrafficTrace(json);
        String html = Files.readString(tmp.resolve("job.html"));
        assertTrue(html.contains("<svg") && html.contains("jmpi trace: 3 ranks"), html.substring(0, 300));
        assertTrue(Files.size(json) < 1_000_000, "a small job's trace is small");
    }

    @Test
    void statusEveryPrintsTheCallARankIsInAndForHowLong() {
        Jmpirun.Result r = run(
                "-n",
                "2",
                "--oversubscribe",
                "--timeout",
                "4m",
                "--status-every",
                "300ms",
                Jmpirun.APPS + "ObservedTraffic",
                "late-sender",
                "4000");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(
                Pattern.compile("jmpi: rank 0 status: in recv\\(source=1, tag=7\\) for \\d+ ms")
                        .matcher(r.err())
                        .find(),
                r.toString());
        assertTrue(r.err().contains("jmpi: rank 1 status: not inside a jmpi call"), r.toString());
    }
}
