package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.RankReport;
import dev.jmpi.proto.StartupMark;
import dev.jmpi.transport.rendezvous.LifelineListener;
import dev.jmpi.transport.rendezvous.RankAddress;
import dev.jmpi.transport.rendezvous.TcpRendezvousClient;
import dev.jmpi.transport.rendezvous.TcpRendezvousServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rank's reporter over its lifeline, against a real rendezvous service on loopback. */
@Timeout(60)
class LauncherLifelineTest {

    private static final byte[] SECRET = "lifeline-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    /** jmpirun's side: each report becomes the line "rank describe(report)", and the close "rank closed". */
    private static LifelineListener recording(BlockingQueue<String> seen, Function<RankReport, String> describe) {
        return new LifelineListener() {
            @Override
            public void registered(int rank, String hostname, long pid) {}

            @Override
            public void reported(int rank, RankReport r) {
                seen.add(rank + " " + describe.apply(r));
            }

            @Override
            public void closed(int rank) {
                seen.add(rank + " closed");
            }
        };
    }

    /** Rank 0 joined through {@code server}, keeping its lifeline; losing it adds "lost ...". */
    private static TcpRendezvousClient joinedRank(TcpRendezvousServer server, BlockingQueue<String> seen)
            throws Exception {
        TcpRendezvousClient client = new TcpRendezvousClient(
                        "127.0.0.1", server.address().getPort(), "job", SECRET, 1)
                .keepLifeline(reason -> seen.add("lost " + reason));
        client.exchange(new RankAddress(0, "127.0.0.1", 7100, "h", 1), Duration.ofSeconds(30));
        return client;
    }

    private static TcpRendezvousServer launcher(LifelineListener listener) throws Exception {
        return TcpRendezvousServer.start("127.0.0.1", 0, "job", SECRET, 1, listener);
    }

    @Test
    void eachKindOfReportReachesTheLauncherOnce() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (TcpRendezvousServer server = launcher(recording(
                seen, r -> r.getState() + " " + r.getOriginRank() + " " + r.getCause() + " | " + r.getDetail()))) {
            TcpRendezvousClient client = joinedRank(server, seen);
            LauncherLifeline reporter = new LauncherLifeline(0, client.lifeline(), false);
            reporter.failed(0, "java.lang.IllegalStateException: boom", "Caused by: java.io.IOException: x");
            reporter.failed(3, "dev.jmpi.PeerFailedException: later", "");
            reporter.finalized();
            reporter.finalized();
            assertEquals(
                    "0 FAILED 0 java.lang.IllegalStateException: boom | Caused by: java.io.IOException: x",
                    seen.poll(30, TimeUnit.SECONDS));
            assertEquals("0 FINALIZED 0  | ", seen.poll(30, TimeUnit.SECONDS));
            client.lifeline().close();
            assertEquals("0 closed", seen.poll(30, TimeUnit.SECONDS));
            assertNull(seen.poll(200, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void exitingClosesTheLifelineWithoutCallingTheLauncherLost() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (TcpRendezvousServer server =
                launcher(recording(seen, r -> r.getState().toString()))) {
            LauncherLifeline reporter =
                    new LauncherLifeline(0, joinedRank(server, seen).lifeline(), false);
            reporter.finalized();
            assertEquals("0 FINALIZED", seen.poll(30, TimeUnit.SECONDS));
            reporter.processExiting();
            assertEquals("0 closed", seen.poll(30, TimeUnit.SECONDS));
            assertNull(seen.poll(200, TimeUnit.MILLISECONDS), "the rank must not think its launcher was lost");
        }
    }

    @Test
    void exitMarksReachTheLauncherBeforeTheLifelineCloses() throws Exception {
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (TcpRendezvousServer server = launcher(recording(
                seen,
                r -> r.getState() + " "
                        + r.getStartupList().stream().map(StartupMark::getName).toList()
                        + (inTimeOrder(r.getStartupList()) ? "" : " out of time order")))) {
            LauncherLifeline reporter =
                    new LauncherLifeline(0, joinedRank(server, seen).lifeline(), true);
            reporter.endMark(ExitTimeline.FINALIZE_CALLED);
            reporter.finalized();
            reporter.endMark(ExitTimeline.EXIT_HOOK_RAN);
            reporter.endMark(ExitTimeline.FINALIZE_CALLED); // a second close keeps the first time
            reporter.endMark(ExitTimeline.TRANSPORT_CLOSED);
            reporter.processExiting();
            assertEquals("0 FINALIZED []", seen.poll(30, TimeUnit.SECONDS));
            assertEquals(
                    "0 TIMELINE [finalize called, exit hook ran, transport closed]", seen.poll(30, TimeUnit.SECONDS));
            assertEquals("0 closed", seen.poll(30, TimeUnit.SECONDS));
            assertNull(seen.poll(200, TimeUnit.MILLISECONDS), "nothing after the close, no launcher lost");
        }
    }

    private static boolean inTimeOrder(List<StartupMark> marks) {
        for (int i = 1; i < marks.size(); i++) {
            if (marks.get(i).getEpochMicros() < marks.get(i - 1).getEpochMicros()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void onlyRanksStartedByJmpirunKeepALifeline() {
        String secret = Base64.getEncoder().encodeToString(SECRET);
        Map<String, String> jmpirun = Map.of(
                "JMPI_RANK",
                "1",
                "JMPI_SIZE",
                "2",
                "JMPI_RENDEZVOUS",
                "h:7100",
                "JMPI_SECRET",
                secret,
                "JMPI_LAUNCHED",
                "1");
        Map<String, String> selfHosted = Map.of(
                "JMPI_RANK",
                "1",
                "JMPI_SIZE",
                "2",
                "JMPI_RENDEZVOUS",
                "h:7100",
                "JMPI_SECRET",
                secret,
                "JMPI_LAUNCHED",
                "1",
                "JMPI_RENDEZVOUS_HOSTED_BY_RANK0",
                "1");
        Map<String, String> slurm =
                Map.of("SLURM_PROCID", "1", "SLURM_NTASKS", "2", "SLURM_STEP_NODELIST", "n1", "JMPI_SECRET", secret);
        ByteArrayInputStream noStdin = new ByteArrayInputStream(new byte[0]);
        assertTrue(Bootstrap.keepsLifeline(JobSources.detect(jmpirun, noStdin)));
        assertFalse(Bootstrap.keepsLifeline(JobSources.detect(selfHosted, noStdin)));
        assertFalse(Bootstrap.keepsLifeline(JobSources.detect(slurm, noStdin)));
    }

    @Test
    void runawayTextIsClippedSoTheReportStaysSmall() {
        assertEquals("abc", LauncherLifeline.clip("abc", 3));
        assertEquals("ab [... 2 more characters]", LauncherLifeline.clip("abcd", 2));
        assertEquals("", LauncherLifeline.clip(null, 2));
    }
}
