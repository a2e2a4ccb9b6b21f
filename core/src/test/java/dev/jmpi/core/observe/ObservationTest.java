package dev.jmpi.core.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Op;
import dev.jmpi.OperationStatistics;
import dev.jmpi.Request;
import dev.jmpi.Statistics;
import dev.jmpi.core.internal.Observation;
import dev.jmpi.core.internal.WorldCommunicator;
import dev.jmpi.testing.Ranks;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Statistics and traces against known traffic, over real loopback sockets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ObservationTest {

    static final int MESSAGES = 10;
    static final int DOUBLES = 128; // 1 KiB

    /**
     * Rank 0 sends 10 KiB messages to rank 1 (blocking) and 10 to rank 2 (isend, irecv); every
     * rank does 3 allreduces of 4 doubles, rank 2 arriving 300 ms late to each; then a barrier.
     */
    static Statistics knownTraffic(Communicator comm, Path dir, String trace) throws Exception {
        Observation.start((WorldCommunicator) comm, new ObserveConfig(true, trace, dir, false, 0), true);
        double[] buf = new double[DOUBLES];
        if (comm.rank() == 0) {
            // The receivers wait: their first recv and irecv are long enough to draw wide bars.
            Thread.sleep(100);
        }
        for (int i = 0; i < MESSAGES; i++) {
            if (comm.rank() == 0) {
                comm.send(buf, 1, 5);
                comm.isend(buf, 0, DOUBLES, 2, 6).await();
            } else if (comm.rank() == 1) {
                comm.recv(buf, 0, 5);
            } else if (comm.rank() == 2) {
                Request r = comm.irecv(buf, 0, DOUBLES, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                r.await();
            }
        }
        if (comm.rank() == 0) {
            // Keeps the first allreduce bar off the pixel of the last send bar.
            Thread.sleep(20);
        }
        double[] in = {1, 2, 3, 4};
        double[] out = new double[4];
        for (int i = 0; i < 3; i++) {
            if (comm.rank() == 2) {
                Thread.sleep(300);
            }
            comm.allreduce(in, out, Op.SUM);
        }
        comm.barrier();
        Statistics s = comm.statistics();
        comm.close();
        return s;
    }

    @Test
    void statisticsCountKnownTrafficAndNameTheLateRank(@TempDir Path dir) {
        List<Statistics> stats = Ranks.call(3, comm -> knownTraffic(comm, dir, null));
        assertOp(stats.get(0), "send", MESSAGES * 2, MESSAGES * 2L * DOUBLES * 8);
        assertOp(stats.get(1), "recv", MESSAGES, MESSAGES * DOUBLES * 8L);
        assertOp(stats.get(2), "irecv", MESSAGES, MESSAGES * DOUBLES * 8L);
        for (Statistics s : stats) {
            assertTrue(s.recording());
            assertOp(s, "allreduce", 3, 3 * 32L);
            assertOp(s, "barrier", 1, 0);
        }
        assertFalse(stats.get(1).operation("send").isPresent(), "clock sync traffic is not counted");

        JobReport report = JobReport.read(dir);
        assertEquals(3, report.ranks().size());
        JobReport.Imbalance im = report.imbalance();
        assertEquals(3L, im.callsByOperation().get("allreduce"));
        assertEquals(3L, im.lastCountByOperation().get("allreduce")[2], "rank 2 was last to every allreduce");
        long[] wait = im.waitNanosByOperation().get("allreduce");
        assertTrue(wait[0] >= TimeUnit.MILLISECONDS.toNanos(600), "rank 0 waited " + wait[0] + " ns");
        assertEquals(0, wait[2]);
        String table = report.statisticsTable();
        assertTrue(table.contains("last to arrive most often: rank 2 (3 of 3)"), table);
        assertTrue(table.matches("(?s).*\\nall +send +- +20 +20.0 KiB .*"), table);
    }

    @Test
    void traceHasEverySendsReceiveAndOneProcessPerRank(@TempDir Path dir) {
        Ranks.call(3, comm -> knownTraffic(comm, dir, "job.json"));
        Path json = dir.resolve("job.json");
        Path html = JobReport.read(dir).writeTrace(json);
        TraceCheck.Summary t = TraceCheck.check(json);
        assertEquals(List.of(), t.problems());
        assertEquals(java.util.Set.of(0, 1, 2), t.processes());
        Map<String, Integer> n = t.spansByName();
        assertEquals(MESSAGES * 2, n.get("send"));
        assertEquals(MESSAGES, n.get("recv"));
        assertEquals(MESSAGES, n.get("irecv"));
        assertEquals(9, n.get("allreduce"));
        assertEquals(MESSAGES * 2, t.flows(), "a flow from every send to its receive");
        assertEquals(0.0, t.otherData().get("unmatchedSends"));
        assertEquals(0.0, t.otherData().get("unmatchedReceives"));
        for (Map<String, Object> e : t.events()) {
            if ("X".equals(e.get("ph")) && "allreduce".equals(e.get("name"))) {
                assertEquals(32.0, ((Map<?, ?>) e.get("args")).get("bytes"));
            }
        }
        assertTrue(java.nio.file.Files.exists(html));
    }

    /**
     * With the default thresholds on 3 ranks, a bcast of 8 doubles runs the binomial tree and
     * one of 64 Ki doubles (512 KiB) the pipelined chain; an allreduce of 8 doubles recursive
     * doubling and one of 32 Ki doubles (256 KiB) the ring; a barrier the dissemination.
     */
    @Test
    void traceAndStatisticsNameTheAlgorithmEachCollectiveRan(@TempDir Path dir) {
        List<Statistics> stats = Ranks.call(3, comm -> {
            Observation.start((WorldCommunicator) comm, new ObserveConfig(true, "job.json", dir, false, 0), true);
            comm.bcast(new double[8], 0);
            comm.bcast(new double[64 << 10], 0);
            comm.allreduce(new double[8], new double[8], Op.SUM);
            comm.allreduce(new double[32 << 10], new double[32 << 10], Op.SUM);
            comm.barrier();
            Statistics s = comm.statistics();
            comm.close();
            return s;
        });
        for (Statistics s : stats) {
            assertEquals(
                    "binomial tree, pipelined chain",
                    s.operation("bcast").orElseThrow().algorithm(),
                    s.toString());
            assertEquals(
                    "recursive doubling, ring",
                    s.operation("allreduce").orElseThrow().algorithm(),
                    s.toString());
            assertEquals("dissemination", s.operation("barrier").orElseThrow().algorithm(), s.toString());
        }
        Path json = dir.resolve("job.json");
        JobReport report = JobReport.read(dir);
        report.writeTrace(json);
        TraceCheck.Summary t = TraceCheck.check(json);
        assertEquals(List.of(), t.problems());
        Map<String, Integer> algorithms = new java.util.TreeMap<>();
        for (Map<String, Object> e : t.events()) {
            if ("X".equals(e.get("ph")) && "collective".equals(e.get("cat"))) {
                Map<?, ?> args = (Map<?, ?>) e.get("args");
                algorithms.merge(
                        e.get("name") + " " + args.get("bytes") + " " + args.get("algorithm"), 1, Integer::sum);
            }
        }
        assertEquals(
                Map.of(
                        "bcast 64.0 binomial tree",
                        3,
                        "bcast 524288.0 pipelined chain",
                        3,
                        "allreduce 64.0 recursive doubling",
                        3,
                        "allreduce 262144.0 ring",
                        3,
                        "barrier 0.0 dissemination",
                        3),
                algorithms);
        String table = report.statisticsTable();
        assertTrue(table.matches("(?s).*\\nall +allreduce +ring +3 .*"), table);
        assertTrue(table.matches("(?s).*\\nall +allreduce +recursive doubling +3 .*"), table);
        assertTrue(table.matches("(?s).*\\n0 +bcast +pipelined chain +1 .*"), table);
    }

    @Test
    void withoutAnObservationDirectoryEachRankWritesItsOwnTrace(@TempDir Path dir) {
        String trace = dir.resolve("solo.json").toString();
        Ranks.run(2, comm -> {
            Observation.start((WorldCommunicator) comm, new ObserveConfig(false, trace, null, false, 0), true);
            comm.barrier();
            comm.close();
        });
        for (int r = 0; r < 2; r++) {
            TraceCheck.Summary t = TraceCheck.check(dir.resolve("solo.rank-" + r + ".json"));
            assertEquals(List.of(), t.problems());
            assertEquals(java.util.Set.of(r), t.processes());
            assertEquals(1, t.spansByName().get("barrier"));
        }
    }

    @Test
    void badStatusPeriodNamesWhatIsExpected() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> dev.jmpi.core.internal.JmpiConfig.from(dev.jmpi.transport.config.ConfigSource.of(
                        java.util.Map.of("JMPI_STATUS_EVERY_MS", "soon"), java.util.Map.of())));
        assertTrue(
                e.getMessage()
                        .startsWith("jmpi.statusEvery=soon from environment variable JMPI_STATUS_EVERY_MS"
                                + " (old name of jmpi.statusEvery) (expected: a duration"),
                e.getMessage());
    }

    /**
     * Paused (MPI_Pcontrol level 0) on every rank around a set-up phase: neither its sends,
     * receives and bcast nor the paused allreduce count; the calls after resuming all do, and
     * the trace pairs every recorded send with its receive.
     */
    @Test
    void pausedRecorderLeavesTheSetUpOutAndRecordsAgainWhenResumed(@TempDir Path dir) {
        List<Statistics> stats = Ranks.call(2, comm -> {
            Observation.start((WorldCommunicator) comm, new ObserveConfig(true, "job.json", dir, false, 0), true);
            Recorder rec = Observation.recorder(comm);
            double[] buf = new double[DOUBLES];
            rec.pause(true);
            assertFalse(rec.on());
            assertTrue(rec.enabled());
            for (int i = 0; i < 7; i++) {
                if (comm.rank() == 0) {
                    comm.send(buf, 1, 3);
                } else {
                    comm.recv(buf, 0, 3);
                }
            }
            comm.bcast(buf, 0);
            comm.allreduce(new double[4], new double[4], Op.SUM);
            Statistics whilePaused = comm.statistics();
            assertTrue(whilePaused.recording(), "a paused recorder still reports");
            assertEquals(List.of(), whilePaused.operations(), whilePaused.toString());
            rec.pause(false);
            for (int i = 0; i < MESSAGES; i++) {
                if (comm.rank() == 0) {
                    comm.send(buf, 1, 5);
                } else {
                    comm.recv(buf, 0, 5);
                }
            }
            comm.allreduce(new double[4], new double[4], Op.SUM);
            Statistics s = comm.statistics();
            comm.close();
            return s;
        });
        assertOp(stats.get(0), "send", MESSAGES, MESSAGES * DOUBLES * 8L);
        assertOp(stats.get(1), "recv", MESSAGES, MESSAGES * DOUBLES * 8L);
        for (Statistics s : stats) {
            assertOp(s, "allreduce", 1, 32L);
            assertFalse(s.operation("bcast").isPresent(), s.toString());
        }
        Path json = dir.resolve("job.json");
        JobReport.read(dir).writeTrace(json);
        TraceCheck.Summary t = TraceCheck.check(json);
        assertEquals(List.of(), t.problems());
        assertEquals(MESSAGES, t.spansByName().get("send"));
        assertEquals(MESSAGES, t.flows(), "every recorded send has its recorded receive");
        assertEquals(0.0, t.otherData().get("unmatchedSends"));
        assertEquals(0.0, t.otherData().get("unmatchedReceives"));
    }

    @Test
    void pausingARecorderThatRecordsNothingChangesNothing() {
        Recorder.OFF.pause(true);
        assertFalse(Recorder.OFF.on());
        assertFalse(Recorder.OFF.enabled());
        Recorder.OFF.pause(false);
        assertFalse(Recorder.OFF.on(), "resuming does not turn observation on");
    }

    @Test
    void statisticsAreEmptyWhenNotRecording() {
        List<Statistics> stats = Ranks.call(2, comm -> {
            comm.barrier();
            return comm.statistics();
        });
        for (Statistics s : stats) {
            assertFalse(s.recording());
            assertEquals(List.of(), s.operations());
        }
    }

    private static void assertOp(Statistics s, String op, long calls, long bytes) {
        OperationStatistics o =
                s.operation(op).orElseThrow(() -> new AssertionError("rank " + s.rank() + ": no " + op + " in " + s));
        assertEquals(calls, o.calls(), "rank " + s.rank() + " " + op + " calls");
        assertEquals(bytes, o.bytes(), "rank " + s.rank() + " " + op + " bytes");
        assertTrue(o.p50().compareTo(o.p99()) <= 0 && o.p99().compareTo(o.max()) <= 0, o.toString());
        assertTrue(o.totalTime().compareTo(o.max()) >= 0, o.toString());
    }
}
