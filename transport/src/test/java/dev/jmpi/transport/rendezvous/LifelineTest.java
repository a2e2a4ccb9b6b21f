package dev.jmpi.transport.rendezvous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.RankReport;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rendezvous connection kept as a rank's lifeline to jmpirun, over loopback. */
@Timeout(60)
class LifelineTest {

    private static final Duration WAIT = TcpRendezvousTest.WAIT;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private TcpRendezvousServer server;

    private final LifelineListener listener = new LifelineListener() {
        @Override
        public void registered(int rank, String hostname, long pid) {
            events.add("registered " + rank + " " + hostname + " " + pid);
        }

        @Override
        public void reported(int rank, RankReport report) {
            events.add("report " + rank + " " + report.getState() + " origin=" + report.getOriginRank() + " "
                    + report.getCause());
        }

        @Override
        public void closed(int rank) {
            events.add("closed " + rank);
        }
    };

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }

    private static RankAddress self(int rank) {
        return new RankAddress(rank, "127.0.0.1", 7100 + rank, "host-" + rank, 1000 + rank);
    }

    private String next() throws InterruptedException {
        String e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(e, "no lifeline event within " + WAIT);
        return e;
    }

    private TcpRendezvousClient client(int rank, BlockingQueue<String> lost) {
        return new TcpRendezvousClient(
                        "127.0.0.1", server.address().getPort(), TcpRendezvousTest.JOB, TcpRendezvousTest.SECRET, 2)
                .keepLifeline(reason -> lost.add("rank " + rank + ": " + reason));
    }

    @Test
    void reportsArriveInOrderAndTheEndOfTheLifelineFollowsThem() throws Exception {
        server =
                TcpRendezvousServer.start("127.0.0.1", 0, TcpRendezvousTest.JOB, TcpRendezvousTest.SECRET, 2, listener);
        BlockingQueue<String> lost = new LinkedBlockingQueue<>();
        TcpRendezvousClient c0 = client(0, lost);
        TcpRendezvousClient c1 = client(1, lost);
        CompletableFuture<List<RankAddress>> t0 = CompletableFuture.supplyAsync(() -> c0.exchange(self(0), WAIT));
        assertTrue(next().startsWith("registered 0 host-0 1000"));
        CompletableFuture<List<RankAddress>> t1 = CompletableFuture.supplyAsync(() -> c1.exchange(self(1), WAIT));
        assertEquals("registered 1 host-1 1001", next());
        assertEquals(List.of(self(0), self(1)), t0.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        t1.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        c1.lifeline()
                .report(RankReport.newBuilder()
                        .setState(RankReport.State.FAILED)
                        .setRank(7)
                        .setOriginRank(1)
                        .setCause("java.lang.IllegalStateException: boom")
                        .build());
        assertEquals(
                "report 1 FAILED origin=1 java.lang.IllegalStateException: boom",
                next(),
                "the service stamps the sender's own rank, whatever the report says");
        c0.lifeline()
                .report(RankReport.newBuilder()
                        .setState(RankReport.State.FINALIZED)
                        .build());
        assertEquals("report 0 FINALIZED origin=0 ", next());
        c0.lifeline().close();
        assertEquals("closed 0", next());
        assertNull(lost.poll(200, TimeUnit.MILLISECONDS), "closing our own lifeline is not losing the launcher");
    }

    @Test
    void rankLearnsWhenTheLauncherGoesAway() throws Exception {
        server =
                TcpRendezvousServer.start("127.0.0.1", 0, TcpRendezvousTest.JOB, TcpRendezvousTest.SECRET, 2, listener);
        BlockingQueue<String> lost = new LinkedBlockingQueue<>();
        TcpRendezvousClient c0 = client(0, lost);
        TcpRendezvousClient c1 = client(1, lost);
        CompletableFuture<List<RankAddress>> t0 = CompletableFuture.supplyAsync(() -> c0.exchange(self(0), WAIT));
        c1.exchange(self(1), WAIT);
        t0.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(lost.poll(200, TimeUnit.MILLISECONDS), "the lifeline stays open after the table");
        server.close();
        String first = lost.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        String second = lost.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(first);
        assertNotNull(second);
        assertTrue(first.endsWith("connection closed") || first.contains("reset"), first);
    }

    @Test
    void withoutAListenerTheServiceClosesConnectionsAfterTheTable() throws Exception {
        server = TcpRendezvousServer.start("127.0.0.1", 0, TcpRendezvousTest.JOB, TcpRendezvousTest.SECRET, 2);
        BlockingQueue<String> lost = new LinkedBlockingQueue<>();
        TcpRendezvousClient plain = new TcpRendezvousClient(
                "127.0.0.1", server.address().getPort(), TcpRendezvousTest.JOB, TcpRendezvousTest.SECRET, 2);
        CompletableFuture<List<RankAddress>> t0 = CompletableFuture.supplyAsync(() -> plain.exchange(self(0), WAIT));
        TcpRendezvousClient kept = client(1, lost);
        kept.exchange(self(1), WAIT);
        t0.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNull(plain.lifeline());
        assertNotNull(
                lost.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS),
                "a lifeline to a service that does not keep it ends at once (so only jmpirun's ranks keep one)");
    }

    @Test
    void refusedConnectionFailsAtOnceWhenALauncherIsExpected() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        TcpRendezvousClient c = new TcpRendezvousClient(
                        "127.0.0.1", port, TcpRendezvousTest.JOB, TcpRendezvousTest.SECRET, 2)
                .keepLifeline(reason -> {});
        long startNs = System.nanoTime();
        RendezvousException e = assertThrows(RendezvousException.class, () -> c.exchange(self(0), WAIT));
        assertTrue(
                e.getMessage().contains("refused the connection")
                        && e.getMessage().contains("jmpirun is gone"),
                e.getMessage());
        assertTrue(System.nanoTime() - startNs < WAIT.toNanos() / 2, "should not retry until the deadline");
    }
}
