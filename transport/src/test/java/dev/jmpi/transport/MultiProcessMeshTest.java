package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.transport.rendezvous.TcpRendezvousClient;
import dev.jmpi.transport.rendezvous.TcpRendezvousServer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Meshes across real JVM processes: this JVM is rank 0, {@link MeshChild} processes are the
 * other ranks, addresses go through a real {@link TcpRendezvousServer}. Failure tests kill
 * a child with SIGKILL or freeze it with SIGSTOP and expect every survivor to name it.
 */
class MultiProcessMeshTest {

    static final long WAIT_MS = 60_000;

    private final List<ChildProcess> children = new ArrayList<>();
    private TcpRendezvousServer rendezvous;
    private NettyMesh mesh;

    @AfterEach
    void cleanUp() {
        if (mesh != null) {
            mesh.close();
        }
        children.forEach(ChildProcess::close);
        if (rendezvous != null) {
            rendezvous.close();
        }
    }

    private RecordingHandler startJob(int size, String[] modes, long heartbeatIntervalMs, long heartbeatTimeoutMs)
            throws Exception {
        return startJob(size, modes, heartbeatIntervalMs, heartbeatTimeoutMs, r -> List.of());
    }

    /** As above; {@code jvmOptions} gives each child rank extra JVM options (its own liveness settings). */
    private RecordingHandler startJob(
            int size,
            String[] modes,
            long heartbeatIntervalMs,
            long heartbeatTimeoutMs,
            IntFunction<List<String>> jvmOptions)
            throws Exception {
        rendezvous = TcpRendezvousServer.start("127.0.0.1", 0, NettyMeshes.JOB, NettyMeshes.SECRET, size);
        int port = rendezvous.address().getPort();
        for (int r = 1; r < size; r++) {
            children.add(ChildProcess.start(
                    r,
                    size,
                    port,
                    modes[r - 1],
                    heartbeatIntervalMs,
                    heartbeatTimeoutMs,
                    HexFormat.of().formatHex(NettyMeshes.SECRET),
                    eager(jvmOptions.apply(r))));
        }
        // These tests are about connections that exist (liveness, failures on them): build all at init.
        MeshConfig cfg = NettyMeshes.config(0, size)
                .connectMode(TransportSettings.ConnectMode.EAGER)
                .heartbeatIntervalMs(heartbeatIntervalMs)
                .heartbeatTimeoutMs(heartbeatTimeoutMs)
                .connectTimeoutMs(WAIT_MS)
                .build();
        mesh = NettyMesh.start(
                cfg, new TcpRendezvousClient("127.0.0.1", port, NettyMeshes.JOB, NettyMeshes.SECRET, size));
        RecordingHandler handler = new RecordingHandler();
        mesh.start(handler);
        for (ChildProcess c : children) {
            c.await("UP", WAIT_MS);
        }
        return handler;
    }

    @Test
    @Timeout(180)
    void meshAcrossProcessesDeliversEverySizeIntactAndInOrder() throws Exception {
        RecordingHandler h = startJob(3, new String[] {"exchange", "exchange"}, 1_000, 10_000);
        for (int dest = 1; dest < 3; dest++) {
            for (int seq = 0; seq < MeshChild.SIZES.length; seq++) {
                AbstractTransportContractTest.sendPattern(mesh, dest, seq, MeshChild.SIZES[seq]);
            }
        }
        int[] next = new int[3];
        for (int i = 0; i < 2 * MeshChild.SIZES.length; i++) {
            RecordingHandler.Received r = h.nextMessage(WAIT_MS);
            int src = r.header().getSource();
            int seq = next[src]++;
            AbstractTransportContractTest.assertPattern(r, src, 0, seq, MeshChild.SIZES[seq]);
        }
        for (ChildProcess c : children) {
            assertEquals("VERIFIED " + 2 * MeshChild.SIZES.length, c.await("VERIFIED", WAIT_MS));
        }
        for (ChildProcess c : children) {
            c.quit();
        }
        for (ChildProcess c : children) {
            c.await("BYE", WAIT_MS);
            assertTrue(c.process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS));
            assertEquals(0, c.process.exitValue());
            assertTrue(
                    c.lines.stream().noneMatch(l -> l.startsWith("PEER_FAILURE") || l.startsWith("BAD")),
                    "child " + c.rank + " saw " + c.lines);
        }
        assertTrue(h.failures.isEmpty(), "orderly shutdown reported failures: " + h.failures);
    }

    private static List<String> eager(List<String> jvmOptions) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.add("-D" + TransportSettings.CONNECT.key() + "=eager");
        return all;
    }

    /**
     * Lazy connections: a rank killed before anyone connected to it has no connection whose
     * end could tell; a rank that then waits for it opens one (as a stalled receive does,
     * {@link Transport#open}) and, once the connect backoff gives up, is told which rank is
     * gone and why.
     */
    @Test
    @Timeout(180)
    void rankKilledBeforeAnyoneConnectedIsReportedWhenAPeerOpensTheConnection() throws Exception {
        rendezvous = TcpRendezvousServer.start("127.0.0.1", 0, NettyMeshes.JOB, NettyMeshes.SECRET, 2);
        int port = rendezvous.address().getPort();
        children.add(ChildProcess.start(
                1,
                2,
                port,
                "idle",
                1_000,
                10_000,
                HexFormat.of().formatHex(NettyMeshes.SECRET),
                List.of("-D" + TransportSettings.CONNECT.key() + "=lazy")));
        mesh = NettyMesh.start(
                NettyMeshes.config(0, 2)
                        .connectMode(TransportSettings.ConnectMode.LAZY)
                        .connectTimeoutMs(5_000)
                        .build(),
                new TcpRendezvousClient("127.0.0.1", port, NettyMeshes.JOB, NettyMeshes.SECRET, 2));
        RecordingHandler h = new RecordingHandler();
        mesh.start(h);
        ChildProcess victim = children.get(0);
        victim.await("UP", WAIT_MS);
        assertEquals(0, mesh.openConnections());
        victim.signal("KILL");
        assertTrue(victim.process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS));
        mesh.open(1);
        PeerFailure f = h.nextFailure(WAIT_MS);
        assertEquals(1, f.rank());
        assertEquals(mesh.addressOf(1), f.address());
        assertTrue(f.reason().startsWith("could not connect within "), f.reason());
        assertTrue(f.reason().contains("Connection refused"), f.reason());
    }

    @Test
    @Timeout(180)
    void peerKilledWithSigkillMidTransferIsReportedByEverySurvivor() throws Exception {
        RecordingHandler h = startJob(3, new String[] {"stream", "idle"}, 1_000, 10_000);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, h.nextMessage(WAIT_MS).header().getSource());
        }
        ChildProcess victim = children.get(0);
        long killedAt = System.nanoTime();
        victim.signal("KILL");
        PeerFailure f;
        do {
            f = h.nextFailure(WAIT_MS);
        } while (f.rank() != 1);
        long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        assertEquals(mesh.addressOf(1), f.address());
        assertTrue(detectedMs < 10_000, "SIGKILL detected after " + detectedMs + " ms");
        String survivor = children.get(1).await("PEER_FAILURE", WAIT_MS);
        assertTrue(survivor.startsWith("PEER_FAILURE rank=1 "), survivor);
        h.messages.clear();
        AbstractTransportContractTest.sendPattern(mesh, 2, 0, 0);
    }

    @Test
    @Timeout(180)
    void peerFrozenWithSigstopIsReportedByTheLivenessTimeout() throws Exception {
        long timeoutMs = 2_000;
        RecordingHandler h = startJob(3, new String[] {"idle", "idle"}, 200, timeoutMs);
        ChildProcess frozen = children.get(0);
        long stoppedAt = System.nanoTime();
        frozen.signal("STOP");
        PeerFailure f = h.nextFailure(WAIT_MS);
        long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
        assertEquals(1, f.rank());
        assertTrue(
                f.reason()
                        .matches("sent nothing for \\d\\.\\d s while this rank was running; it is frozen or"
                                + " unreachable \\(jmpi.heartbeatTimeout=2s.*\\)"),
                f.reason());
        assertTrue(detectedMs >= timeoutMs - 400, "reported after only " + detectedMs + " ms");
        assertTrue(detectedMs < timeoutMs + 8_000, "reported after " + detectedMs + " ms");
        String survivor = children.get(1).await("PEER_FAILURE", WAIT_MS);
        assertTrue(survivor.startsWith("PEER_FAILURE rank=1 reason=sent nothing for"), survivor);
        assertTrue(h.failures.isEmpty(), "more failures: " + h.failures);
    }

    /**
     * With the default liveness settings, a frozen rank is named by every running peer within
     * the documented bound: {@code heartbeatTimeoutMs} (30 s) plus one check (half a heartbeat
     * interval), with slack for this loaded test machine, and never before the timeout.
     */
    @Test
    @Timeout(180)
    void frozenRankIsNamedAsSilentWithinTheDocumentedBoundUnderDefaultSettings() throws Exception {
        long timeoutMs = MeshConfig.DEFAULT_HEARTBEAT_TIMEOUT_MS;
        long boundMs = timeoutMs + MeshConfig.DEFAULT_HEARTBEAT_INTERVAL_MS / 2;
        RecordingHandler h =
                startJob(3, new String[] {"idle", "idle"}, MeshConfig.DEFAULT_HEARTBEAT_INTERVAL_MS, timeoutMs);
        ChildProcess frozen = children.get(0);
        long stoppedAt = System.nanoTime();
        frozen.signal("STOP");
        PeerFailure f = h.nextFailure(WAIT_MS + boundMs);
        long detectedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
        System.out.println("frozen rank 1 named by rank 0 after " + detectedMs + " ms: " + f.describe());
        assertTrue(
                f.describe()
                        .matches("rank 1 \\(127\\.0\\.0\\.1:\\d+\\): sent nothing for 3\\d s while this rank"
                                + " was running; it is frozen or unreachable \\(jmpi.heartbeatTimeout=30s.*\\)"),
                f.describe());
        assertTrue(detectedMs >= timeoutMs - 1_000, "named after only " + detectedMs + " ms");
        assertTrue(
                detectedMs < boundMs + 5_000, "named after " + detectedMs + " ms (documented bound " + boundMs + ")");
        String survivor = children.get(1).await("PEER_FAILURE", WAIT_MS);
        assertTrue(survivor.startsWith("PEER_FAILURE rank=1 reason=sent nothing for"), survivor);
    }

    /**
     * Rank 1 runs with a 2 s liveness timeout, its peers with 20 s. Frozen for 6 s, longer than
     * its own timeout, it must not blame its peers on waking (their silence was its own), and
     * they must not blame it (6 s is within theirs): the job goes on and ends cleanly.
     */
    @Test
    @Timeout(180)
    void rankFrozenLongerThanItsOwnTimeoutBlamesNoPeerAndTheJobCompletes() throws Exception {
        long ownTimeoutMs = 2_000;
        RecordingHandler h = startJob(
                3,
                new String[] {"echo", "echo"},
                500,
                20_000,
                r -> r == 1 ? List.of("-Djmpi.heartbeatTimeoutMs=" + ownTimeoutMs) : List.of());
        ChildProcess frozen = children.get(0);
        frozen.signal("STOP");
        try {
            Thread.sleep(3 * ownTimeoutMs); // the stall under test, not a wait for readiness
        } finally {
            frozen.signal("CONT");
        }
        for (int dest = 1; dest < 3; dest++) {
            for (int seq = 0; seq < MeshChild.SIZES.length; seq++) {
                AbstractTransportContractTest.sendPattern(mesh, dest, seq, MeshChild.SIZES[seq]);
            }
        }
        for (int i = 0; i < 2 * MeshChild.SIZES.length; i++) {
            RecordingHandler.Received r = h.nextMessage(WAIT_MS);
            int src = r.header().getSource();
            long seq = r.header().getSequence();
            assertEquals(
                    TestPayloads.expectedCrc(TestPayloads.seed(0, src, seq), MeshChild.SIZES[(int) seq]),
                    r.crc(),
                    "echo " + seq + " from rank " + src);
        }
        for (ChildProcess c : children) {
            c.quit();
        }
        for (ChildProcess c : children) {
            c.await("BYE", WAIT_MS);
            assertTrue(c.process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS));
            assertEquals(0, c.process.exitValue());
            assertTrue(
                    c.history.stream().noneMatch(l -> l.startsWith("PEER_FAILURE")),
                    "child " + c.rank + " blamed a peer: " + c.history);
        }
        assertTrue(h.failures.isEmpty(), "rank 0 blamed a peer: " + h.failures);
    }
}
