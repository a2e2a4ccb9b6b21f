package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.jmpi.proto.AuthProof;
import dev.jmpi.proto.Frame;
import dev.jmpi.proto.HandshakeMessage;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Hello;
import dev.jmpi.proto.RankIdentity;
import dev.jmpi.transport.rendezvous.RankAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Bad input against a live mesh over real sockets. Ranks 0 and 1 are real
 * {@link NettyMesh}es; rank 2 is a {@link RawPeer} driven by the test, so it can send
 * anything on an authenticated connection. Strangers connect on top. Each bad input must
 * close only its own connection while ranks 0 and 1 keep delivering to each other.
 */
@Timeout(60)
class MeshBadInputTest {

    static final int MAX_FRAME = 1024 * 1024;
    static final long WAIT_MS = 30_000;

    private NettyMesh m0;
    private NettyMesh m1;
    private RawPeer rank2To0;
    private RawPeer rank2To1;
    private final RecordingHandler h0 = new RecordingHandler();
    private final RecordingHandler h1 = new RecordingHandler();

    @BeforeEach
    void buildMeshWithAHandDrivenRank2() throws Exception {
        m0 = NettyMesh.listen(config(0));
        m1 = NettyMesh.listen(config(1));
        List<RankAddress> table =
                List.of(m0.localAddress(), m1.localAddress(), new RankAddress(2, "127.0.0.1", 9, "raw-peer", -1));
        CompletableFuture<Void> c0 = CompletableFuture.runAsync(() -> m0.connect(table));
        CompletableFuture<Void> c1 = CompletableFuture.runAsync(() -> m1.connect(table));
        rank2To0 = RawPeer.connect(address(m0));
        assertNull(rank2To0.handshake(WireVersion.PROTOCOL_MAJOR, NettyMeshes.JOB, 2, 3, NettyMeshes.SECRET, 0));
        rank2To1 = RawPeer.connect(address(m1));
        assertNull(rank2To1.handshake(WireVersion.PROTOCOL_MAJOR, NettyMeshes.JOB, 2, 3, NettyMeshes.SECRET, 1));
        c0.get(WAIT_MS, TimeUnit.MILLISECONDS);
        c1.get(WAIT_MS, TimeUnit.MILLISECONDS);
        m0.start(h0);
        m1.start(h1);
    }

    private static MeshConfig config(int rank) {
        return NettyMeshes.config(rank, 3)
                .maxFrameBytes(MAX_FRAME)
                .chunkBytes(256 * 1024)
                .heartbeatIntervalMs(1_000)
                .heartbeatTimeoutMs(120_000)
                .build();
    }

    private static InetSocketAddress address(NettyMesh m) {
        return new InetSocketAddress("127.0.0.1", m.localAddress().port());
    }

    @AfterEach
    void close() throws Exception {
        rank2To0.close();
        rank2To1.close();
        m0.close();
        m1.close();
    }

    private long sequence;

    /** Ranks 0 and 1 still exchange messages both ways, and neither has seen a failure. */
    private void assertRanks0And1StillTalk() throws Exception {
        long seq = ++sequence;
        AbstractTransportContractTest.sendPattern(m0, 1, seq, 70_000);
        AbstractTransportContractTest.sendPattern(m1, 0, seq, 300_000);
        AbstractTransportContractTest.assertPattern(h1.nextMessage(WAIT_MS), 0, 1, seq, 70_000);
        AbstractTransportContractTest.assertPattern(h0.nextMessage(WAIT_MS), 1, 0, seq, 300_000);
    }

    private void assertStrangerRefused(RawPeer stranger, String reasonPart, String reason) throws Exception {
        assertTrue(reason != null && reason.contains(reasonPart), "reject reason: " + reason);
        assertTrue(stranger.awaitClosedByPeer(), "the refused connection was not closed");
        assertRanks0And1StillTalk();
        assertTrue(h0.failures.isEmpty() && h1.failures.isEmpty(), "failures: " + h0.failures + h1.failures);
    }

    @Test
    void randomGarbageBytesCloseOnlyThatConnection() throws Exception {
        try (RawPeer stranger = RawPeer.connect(address(m0))) {
            byte[] garbage = new byte[4096];
            new Random(42).nextBytes(garbage);
            stranger.sendRaw(garbage);
            HandshakeMessage first = stranger.readHandshake();
            assertTrue(first.hasHello(), "the mesh greets first");
            assertTrue(stranger.awaitClosedByPeer());
        }
        assertRanks0And1StillTalk();
        assertTrue(h0.failures.isEmpty());
    }

    @Test
    void strangerLearnsOnlyTheProtocolVersionAndANonce() throws Exception {
        byte[] received;
        byte[] greetingBytes;
        try (RawPeer stranger = RawPeer.connect(address(m1))) {
            byte[] nonce = new byte[MeshAuth.NONCE_BYTES];
            stranger.sendHandshake(HandshakeMessage.newBuilder()
                    .setHello(Hello.newBuilder()
                            .setProtocolMajor(WireVersion.PROTOCOL_MAJOR)
                            .setNonce(ByteString.copyFrom(nonce)))
                    .build());
            HandshakeMessage greeting = stranger.readHandshake();
            greetingBytes = greeting.toByteArray();
            Hello hello = greeting.getHello();
            Hello expected = Hello.newBuilder()
                    .setProtocolMajor(WireVersion.PROTOCOL_MAJOR)
                    .setProtocolMinor(WireVersion.PROTOCOL_MINOR)
                    .setNonce(hello.getNonce())
                    .build();
            assertEquals(expected, hello, "the greeting holds more than the version and a nonce");
            // Byte for byte: fields this build does not know (kept as unknown fields) would show here.
            assertArrayEquals(expected.toByteArray(), hello.toByteArray(), "the greeting holds fields " + hello);
            assertEquals(MeshAuth.NONCE_BYTES, hello.getNonce().size());
            // A stranger cannot prove the secret; whatever it sends, it is refused and told nothing more.
            stranger.sendHandshake(HandshakeMessage.newBuilder()
                    .setProof(AuthProof.newBuilder().setMac(ByteString.copyFrom(new byte[32])))
                    .build());
            received = stranger.readToEnd();
        }
        String text = new String(greetingBytes, StandardCharsets.ISO_8859_1)
                + new String(received, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(NettyMeshes.JOB), "job id revealed: " + text);
        HandshakeMessage reject =
                HandshakeMessage.parseFrom(java.util.Arrays.copyOfRange(received, 4, received.length));
        assertTrue(reject.hasReject(), "expected only a Reject, got " + reject);
        String reason = reject.getReject().getReason();
        assertEquals(
                "authentication failed: HMAC proof does not match (wrong job secret, or a replayed handshake)", reason);
        assertRanks0And1StillTalk();
    }

    @Test
    void aPeerThatProvedTheSecretLearnsTheAcceptorsIdentity() throws Exception {
        assertEquals(
                RankIdentity.newBuilder()
                        .setJobId(NettyMeshes.JOB)
                        .setRank(0)
                        .setWorldSize(3)
                        .build(),
                rank2To0.acceptorIdentity.toBuilder().clearMac().build());
    }

    @Test
    void wrongSecretIsRefused() throws Exception {
        try (RawPeer stranger = RawPeer.connect(address(m0))) {
            String reason = stranger.handshake(
                    WireVersion.PROTOCOL_MAJOR,
                    NettyMeshes.JOB,
                    2,
                    3,
                    "not-the-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8),
                    0);
            assertStrangerRefused(stranger, "HMAC proof does not match", reason);
        }
    }

    @Test
    void replayedHandshakeIsRefused() throws Exception {
        try (RawPeer stranger = RawPeer.connect(address(m0))) {
            stranger.sendRaw(rank2To0.sent.toByteArray());
            HandshakeMessage hello = stranger.readHandshake();
            assertTrue(hello.hasHello());
            HandshakeMessage reject = stranger.readHandshake();
            assertStrangerRefused(
                    stranger, "HMAC proof does not match", reject.getReject().getReason());
        }
    }

    @Test
    void unknownProtocolVersionIsRefusedNamingBothVersions() throws Exception {
        try (RawPeer stranger = RawPeer.connect(address(m1))) {
            String reason = stranger.handshake(5, NettyMeshes.JOB, 2, 3, NettyMeshes.SECRET, 1);
            assertStrangerRefused(stranger, "protocol version 5.0 is incompatible with ours 4.0", reason);
        }
    }

    @Test
    void duplicateRankIsRefused() throws Exception {
        try (RawPeer stranger = RawPeer.connect(address(m0))) {
            String reason =
                    stranger.handshake(WireVersion.PROTOCOL_MAJOR, NettyMeshes.JOB, 2, 3, NettyMeshes.SECRET, 0);
            assertStrangerRefused(stranger, "rank 2 is already connected", reason);
        }
    }

    @Test
    void wrongJobIsRefused() throws Exception {
        try (RawPeer stranger = RawPeer.connect(address(m0))) {
            String reason = stranger.handshake(WireVersion.PROTOCOL_MAJOR, "other-job", 2, 3, NettyMeshes.SECRET, 0);
            assertStrangerRefused(stranger, "job id 'other-job' does not match", reason);
        }
    }

    @Test
    void validFrameFromTheHandDrivenRankIsDelivered() throws Exception {
        Header h = TestPayloads.header(2, 0, 1, 3);
        rank2To0.sendFrame(Frame.newBuilder()
                .setHeader(h)
                .setPayload(ByteString.copyFrom(new byte[] {1, 2, 3}))
                .build());
        RecordingHandler.Received r = h0.nextMessage(WAIT_MS);
        assertEquals(h, r.header());
        assertEquals(3, r.length());
    }

    private void assertRank2FailedAt0Only(String reasonPart) throws Exception {
        PeerFailure f = h0.nextFailure(WAIT_MS);
        assertEquals(2, f.rank());
        assertTrue(f.reason().contains(reasonPart), f.describe());
        assertTrue(rank2To0.awaitClosedByPeer(), "rank 0 did not close the offending connection");
        assertRanks0And1StillTalk();
        assertTrue(h1.failures.isEmpty(), "rank 1 lost a peer: " + h1.failures);
        assertTrue(h0.failures.isEmpty(), "failure reported twice: " + h0.failures);
    }

    @Test
    void oversizedLengthPrefixClosesOnlyThatConnection() throws Exception {
        rank2To0.sendRaw(new byte[] {0, 0x10, 0, 1, 1, 2, 3});
        assertRank2FailedAt0Only("frameBytes=1048577 > maxFrameBytes=1048576");
    }

    @Test
    void truncatedFrameClosesOnlyThatConnection() throws Exception {
        rank2To0.sendRaw(new byte[] {0, 0, 0, 100, 10, 0, 1, 2});
        rank2To0.shutdownOutput();
        assertRank2FailedAt0Only("connection closed mid-frame: received 8 of 104 bytes");
    }

    @Test
    void unparsableFrameClosesOnlyThatConnection() throws Exception {
        rank2To0.sendRaw(new byte[] {0, 0, 0, 5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertRank2FailedAt0Only("malformed frame of 5 bytes");
    }
}
