package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.transport.rendezvous.RankAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mesh setup on a network that loses the first attempt: rank 1 dials rank 0 through a
 * {@link FlakyProxy}. Attempts that only came to nothing are retried within the connect
 * timeout; a refusal of who the dialer is still fails at once with its reason.
 */
@Timeout(90)
class DialRetryTest {

    private static final long HANDSHAKE_TIMEOUT_MS = 1_000;
    private static final long CONNECT_TIMEOUT_MS = 45_000;

    private NettyMesh m0;
    private NettyMesh m1;
    private FlakyProxy proxy;

    @AfterEach
    void close() throws Exception {
        if (m1 != null) {
            m1.close();
        }
        if (m0 != null) {
            m0.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static MeshConfig.Builder config(int rank) {
        return NettyMeshes.config(rank, 2)
                .connectMode(TransportSettings.ConnectMode.EAGER) // the retries of building the mesh at init
                .handshakeTimeoutMs(HANDSHAKE_TIMEOUT_MS)
                .connectTimeoutMs(CONNECT_TIMEOUT_MS);
    }

    private List<RankAddress> tableThroughProxy(FlakyProxy.Misbehaviour misbehaviour) throws Exception {
        proxy = FlakyProxy.start(
                new InetSocketAddress("127.0.0.1", m0.localAddress().port()), 1, misbehaviour);
        return List.of(new RankAddress(0, "127.0.0.1", proxy.port(), "proxy", -1), m1.localAddress());
    }

    @ParameterizedTest
    @EnumSource(FlakyProxy.Misbehaviour.class)
    void meshIsBuiltWhenTheFirstAttemptTimesOutOrIsDropped(FlakyProxy.Misbehaviour misbehaviour) throws Exception {
        m0 = NettyMesh.listen(config(0).build());
        m1 = NettyMesh.listen(config(1).build());
        List<RankAddress> table = tableThroughProxy(misbehaviour);
        CompletableFuture<Void> accepting = CompletableFuture.runAsync(() -> m0.connect(table));
        m1.connect(table);
        accepting.get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        assertEquals(2, proxy.accepted(), "one lost attempt, one that got through");
        RecordingHandler h0 = new RecordingHandler();
        m0.start(h0);
        m1.start(new RecordingHandler());
        AbstractTransportContractTest.sendPattern(m1, 0, 1, 1000);
        AbstractTransportContractTest.assertPattern(h0.nextMessage(30_000), 1, 0, 1, 1000);
    }

    @Test
    void wrongSecretStillFailsAtOnceWithItsReason() throws Exception {
        m0 = NettyMesh.listen(config(0).build());
        m1 = NettyMesh.listen(config(1)
                .secret("another-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
                .build());
        List<RankAddress> table = List.of(m0.localAddress(), m1.localAddress());
        CompletableFuture.runAsync(() -> m0.connect(table));
        long start = System.nanoTime();
        MeshStartException e = assertThrows(MeshStartException.class, () -> m1.connect(table));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(
                e.getMessage()
                        .contains("rank 1: handshake with rank 0 at 127.0.0.1:"
                                + m0.localAddress().port()
                                + " failed: refused by the peer: authentication failed: HMAC proof does not match"),
                e.getMessage());
        assertTrue(tookMs < CONNECT_TIMEOUT_MS / 2, "a refusal took " + tookMs + " ms, as long as a retry loop");
    }
}
