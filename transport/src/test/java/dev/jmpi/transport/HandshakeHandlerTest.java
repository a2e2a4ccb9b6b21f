package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.jmpi.proto.AuthProof;
import dev.jmpi.proto.HandshakeMessage;
import dev.jmpi.proto.Hello;
import dev.jmpi.proto.RankIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link HandshakeHandler} on embedded channels, bytes shuttled between the two ends. */
class HandshakeHandlerTest {

    static final byte[] SECRET = "handshake-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    static final String JOB = "job-1";

    /** Records the outcome; admits (installing a byte collector) unless told to refuse. */
    static final class Outcome implements HandshakeHandler.Listener {
        int authenticatedRank = -1;
        HandshakeHandler.Failure failure;
        String reason;
        String refuseWith;
        final List<ByteBuf> leftovers = new ArrayList<>();

        @Override
        public String onAuthenticated(ChannelHandlerContext ctx, int peerRank) {
            if (refuseWith != null) {
                return refuseWith;
            }
            authenticatedRank = peerRank;
            ctx.pipeline().addAfter(ctx.name(), "collect", new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext c, Object msg) {
                    leftovers.add((ByteBuf) msg);
                }
            });
            return null;
        }

        @Override
        public void onHandshakeFailed(Channel channel, int claimedRank, HandshakeHandler.Failure f, String why) {
            failure = f;
            reason = why;
        }
    }

    static EmbeddedChannel end(int rank, int size, String job, byte[] secret, int expectedPeer, Outcome outcome) {
        return new EmbeddedChannel(
                new HandshakeHandler(rank, size, job, secret, expectedPeer, 5_000, new SecureRandom(), outcome));
    }

    /** Moves everything each side wrote to the other until both are quiet. Returns bytes a→b. */
    static ByteBuf shuttle(EmbeddedChannel a, EmbeddedChannel b) {
        ByteBuf aToB = Unpooled.buffer();
        boolean moved = true;
        while (moved) {
            moved = false;
            ByteBuf m;
            while ((m = a.readOutbound()) != null) {
                aToB.writeBytes(m, m.readerIndex(), m.readableBytes());
                if (b.isOpen()) {
                    b.writeInbound(m);
                } else {
                    m.release();
                }
                moved = true;
            }
            while ((m = b.readOutbound()) != null) {
                if (a.isOpen()) {
                    a.writeInbound(m);
                } else {
                    m.release();
                }
                moved = true;
            }
        }
        return aToB;
    }

    static String readReject(EmbeddedChannel ch) throws Exception {
        ByteBuf m;
        String reason = null;
        while ((m = ch.readOutbound()) != null) {
            while (m.readableBytes() >= 4) {
                int len = m.readInt();
                HandshakeMessage msg = HandshakeMessage.parseFrom(ByteBufUtil.getBytes(m, m.readerIndex(), len));
                m.skipBytes(len);
                if (msg.hasReject()) {
                    reason = msg.getReject().getReason();
                }
            }
            m.release();
        }
        return reason;
    }

    static ByteBuf message(HandshakeMessage m) {
        byte[] b = m.toByteArray();
        return Unpooled.buffer().writeInt(b.length).writeBytes(b);
    }

    static Hello hello(int major) {
        return Hello.newBuilder()
                .setProtocolMajor(major)
                .setProtocolMinor(3)
                .setNonce(ByteString.copyFrom(new byte[32]))
                .build();
    }

    static HandshakeMessage readMessage(EmbeddedChannel ch) throws Exception {
        ByteBuf m = ch.readOutbound();
        try {
            int len = m.readInt();
            return HandshakeMessage.parseFrom(ByteBufUtil.getBytes(m, m.readerIndex(), len));
        } finally {
            m.release();
        }
    }

    /**
     * Plays a dialer that knows the secret against acceptor {@code a}, claiming the given
     * identity; returns what the acceptor revealed after the proof.
     */
    static HandshakeMessage dialAs(EmbeddedChannel a, String job, int rank, int size) throws Exception {
        byte[] acceptorNonce = readMessage(a).getHello().getNonce().toByteArray();
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        a.writeInbound(message(HandshakeMessage.newBuilder()
                .setHello(hello(WireVersion.PROTOCOL_MAJOR).toBuilder().setNonce(ByteString.copyFrom(nonce)))
                .build()));
        a.writeInbound(message(HandshakeMessage.newBuilder()
                .setProof(AuthProof.newBuilder()
                        .setMac(ByteString.copyFrom(
                                MeshAuth.proof(SECRET, MeshAuth.Role.DIALER, acceptorNonce, nonce))))
                .build()));
        HandshakeMessage revealed = readMessage(a);
        byte[] mac = MeshAuth.identityMac(SECRET, MeshAuth.Role.DIALER, acceptorNonce, nonce, job, rank, size);
        a.writeInbound(message(HandshakeMessage.newBuilder()
                .setIdentity(RankIdentity.newBuilder()
                        .setJobId(job)
                        .setRank(rank)
                        .setWorldSize(size)
                        .setMac(ByteString.copyFrom(mac)))
                .build()));
        return revealed;
    }

    @Test
    void matchingPeersAuthenticateEachOtherAndRemoveTheHandler() {
        Outcome acceptor = new Outcome();
        Outcome dialer = new Outcome();
        EmbeddedChannel a = end(0, 3, JOB, SECRET, -1, acceptor);
        EmbeddedChannel d = end(2, 3, JOB, SECRET, 0, dialer);
        shuttle(d, a).release();
        assertEquals(2, acceptor.authenticatedRank);
        assertEquals(0, dialer.authenticatedRank);
        assertNull(a.pipeline().get(HandshakeHandler.class));
        assertNull(d.pipeline().get(HandshakeHandler.class));
        assertTrue(a.isOpen() && d.isOpen());
        a.finishAndReleaseAll();
        d.finishAndReleaseAll();
    }

    @Test
    void bytesAfterTheDialersIdentityReachTheNextHandler() {
        Outcome acceptor = new Outcome();
        Outcome dialer = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        EmbeddedChannel d = end(1, 2, JOB, SECRET, 0, dialer);
        a.writeInbound((ByteBuf) d.readOutbound());
        d.writeInbound((ByteBuf) a.readOutbound());
        a.writeInbound((ByteBuf) d.readOutbound());
        d.writeInbound((ByteBuf) a.readOutbound());
        // The dialer's identity glued to frame bytes in one buffer.
        ByteBuf identity = d.readOutbound();
        a.writeInbound(Unpooled.wrappedBuffer(identity, Unpooled.wrappedBuffer(new byte[] {7, 7, 7})));
        assertEquals(1, acceptor.authenticatedRank);
        assertEquals("070707", ByteBufUtil.hexDump(acceptor.leftovers.get(0)));
        acceptor.leftovers.forEach(ByteBuf::release);
        a.finishAndReleaseAll();
        d.finishAndReleaseAll();
    }

    @Test
    void acceptorGreetsAStrangerWithOnlyTheVersionAndANonce() throws Exception {
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, new Outcome());
        Hello greeting = readMessage(a).getHello();
        Hello expected = Hello.newBuilder()
                .setProtocolMajor(WireVersion.PROTOCOL_MAJOR)
                .setProtocolMinor(WireVersion.PROTOCOL_MINOR)
                .setNonce(greeting.getNonce())
                .build();
        assertEquals(expected, greeting);
        // Byte for byte: fields this build does not know (kept as unknown fields) would show here.
        assertArrayEquals(expected.toByteArray(), greeting.toByteArray(), greeting.toString());
        a.writeInbound(message(HandshakeMessage.newBuilder()
                .setHello(hello(WireVersion.PROTOCOL_MAJOR))
                .build()));
        assertNull(a.readOutbound(), "the acceptor said more before the dialer proved the secret");
        a.finishAndReleaseAll();
    }

    @Test
    void dialerRevealsNothingBeforeTheAcceptorProvesTheSecret() throws Exception {
        EmbeddedChannel d = end(1, 2, JOB, SECRET, 0, new Outcome());
        readMessage(d);
        d.writeInbound(message(HandshakeMessage.newBuilder()
                .setHello(hello(WireVersion.PROTOCOL_MAJOR))
                .build()));
        HandshakeMessage proof = readMessage(d);
        assertTrue(proof.hasProof());
        assertEquals(AuthProof.newBuilder().setMac(proof.getProof().getMac()).build(), proof.getProof());
        assertNull(d.readOutbound());
        d.finishAndReleaseAll();
    }

    @Test
    void wrongSecretIsRefusedAndTheConnectionClosed() throws Exception {
        Outcome acceptor = new Outcome();
        Outcome dialer = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        EmbeddedChannel d =
                end(1, 2, JOB, "some-other-secret-0123456789abc".getBytes(StandardCharsets.UTF_8), 0, dialer);
        shuttle(d, a).release();
        assertEquals(HandshakeHandler.Failure.REFUSED_BY_US, acceptor.failure);
        assertTrue(acceptor.reason.contains("HMAC proof does not match"), acceptor.reason);
        assertEquals(-1, acceptor.authenticatedRank);
        assertEquals(-1, dialer.authenticatedRank);
        assertFalse(a.isOpen());
        a.finishAndReleaseAll();
        d.finishAndReleaseAll();
    }

    @Test
    void replayedHandshakeIsRefusedBecauseTheNonceIsFresh() throws Exception {
        Outcome first = new Outcome();
        EmbeddedChannel a1 = end(0, 2, JOB, SECRET, -1, first);
        EmbeddedChannel d = end(1, 2, JOB, SECRET, 0, new Outcome());
        ByteBuf recorded = shuttle(d, a1);
        assertEquals(1, first.authenticatedRank);
        Outcome second = new Outcome();
        EmbeddedChannel a2 = end(0, 2, JOB, SECRET, -1, second);
        a2.writeInbound(recorded);
        assertEquals(-1, second.authenticatedRank);
        assertEquals(HandshakeHandler.Failure.REFUSED_BY_US, second.failure);
        assertTrue(second.reason.contains("replayed handshake"), second.reason);
        assertTrue(readReject(a2).contains("HMAC proof does not match"));
        a1.finishAndReleaseAll();
        a2.finishAndReleaseAll();
        d.finishAndReleaseAll();
    }

    @Test
    void unknownMajorVersionIsRefusedNamingBothVersions() throws Exception {
        Outcome acceptor = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        a.writeInbound(message(HandshakeMessage.newBuilder().setHello(hello(7)).build()));
        assertEquals(
                "protocol version 7.3 is incompatible with ours " + WireVersion.describe() + " (major versions differ)",
                acceptor.reason);
        assertEquals(acceptor.reason, readReject(a));
        assertFalse(a.isOpen());
        a.finishAndReleaseAll();
    }

    @Test
    void protocolOneHelloIsRefusedAsAnOtherMajorVersion() throws Exception {
        Outcome acceptor = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        a.writeInbound(message(HandshakeMessage.newBuilder().setHello(hello(1)).build()));
        assertEquals("protocol version 1.3 is incompatible with ours 4.0 (major versions differ)", readReject(a));
        a.finishAndReleaseAll();
    }

    @Test
    void wrongJobIsRefusedByTheAcceptorOnceTheDialerProvedTheSecret() throws Exception {
        Outcome acceptor = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        dialAs(a, "other-job", 1, 2);
        assertEquals("job id 'other-job' does not match ours 'job-1'", readReject(a));
        assertEquals(HandshakeHandler.Failure.REFUSED_BY_US, acceptor.failure);
        a.finishAndReleaseAll();
    }

    @Test
    void wrongJobIsRefusedByTheDialerBeforeItSaysWhoItIs() throws Exception {
        Outcome acceptor = new Outcome();
        Outcome dialer = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        EmbeddedChannel d = end(1, 2, "other-job", SECRET, 0, dialer);
        shuttle(d, a).release();
        assertEquals("job id 'job-1' does not match ours 'other-job'", dialer.reason);
        assertEquals(HandshakeHandler.Failure.REFUSED_BY_PEER, acceptor.failure);
        assertEquals(-1, acceptor.authenticatedRank);
        a.finishAndReleaseAll();
        d.finishAndReleaseAll();
    }

    @Test
    void wrongWorldSizeIsRefused() throws Exception {
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, new Outcome());
        dialAs(a, JOB, 1, 5);
        assertEquals("world size 5 does not match ours 2", readReject(a));
        a.finishAndReleaseAll();
    }

    @Test
    void outOfRangeAndWrongDirectionRanksAreRefused() throws Exception {
        EmbeddedChannel a = end(1, 3, JOB, SECRET, -1, new Outcome());
        dialAs(a, JOB, 3, 3);
        assertEquals("rank=3 out of range (expected: 0 <= rank < size=3)", readReject(a));
        a.finishAndReleaseAll();
        EmbeddedChannel b = end(1, 3, JOB, SECRET, -1, new Outcome());
        dialAs(b, JOB, 0, 3);
        assertEquals("rank 0 must not dial rank 1 (higher ranks dial lower ranks)", readReject(b));
        b.finishAndReleaseAll();
    }

    @Test
    void dialerRefusesAnAcceptorThatIsNotTheRankItDialed() throws Exception {
        Outcome dialer = new Outcome();
        EmbeddedChannel a = end(1, 3, JOB, SECRET, -1, new Outcome());
        EmbeddedChannel d = end(2, 3, JOB, SECRET, 0, dialer);
        shuttle(d, a).release();
        assertEquals("we dialed rank 0 but the peer says it is rank 1", dialer.reason);
        a.finishAndReleaseAll();
        d.finishAndReleaseAll();
    }

    @Test
    void duplicateRankIsRefusedWithTheListenersReason() throws Exception {
        Outcome acceptor = new Outcome();
        acceptor.refuseWith = "rank 1 is already connected (duplicate rank)";
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        Outcome dialer = new Outcome();
        EmbeddedChannel d = end(1, 2, JOB, SECRET, 0, dialer);
        shuttle(d, a).release();
        assertEquals(HandshakeHandler.Failure.REFUSED_BY_PEER, dialer.failure);
        assertTrue(dialer.reason.contains("already connected"), dialer.reason);
        assertFalse(a.isOpen());
        a.finishAndReleaseAll();
        d.finishAndReleaseAll();
    }

    @Test
    void oversizedHandshakeMessageIsRefused() throws Exception {
        Outcome acceptor = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        a.writeInbound(Unpooled.buffer().writeInt(1 << 20));
        assertTrue(
                acceptor.reason.startsWith("handshake message of 1048576 bytes (expected: <= 4096)"), acceptor.reason);
        assertFalse(a.isOpen());
        a.finishAndReleaseAll();
    }

    @Test
    void silentPeerIsRefusedWhenTheHandshakeTimesOut() throws Exception {
        Outcome acceptor = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        a.advanceTimeBy(5_001, TimeUnit.MILLISECONDS);
        a.runScheduledPendingTasks();
        assertEquals("handshake not completed within 5000 ms", acceptor.reason);
        assertEquals(HandshakeHandler.Failure.TIMED_OUT, acceptor.failure);
        assertFalse(a.isOpen());
        a.finishAndReleaseAll();
    }

    @Test
    void dialerTreatsTheAcceptorsTimeoutAsRetryable() throws Exception {
        Outcome acceptor = new Outcome();
        Outcome dialer = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        EmbeddedChannel d = end(1, 2, JOB, SECRET, 0, dialer);
        a.writeInbound((ByteBuf) d.readOutbound());
        a.advanceTimeBy(5_001, TimeUnit.MILLISECONDS);
        a.runScheduledPendingTasks();
        shuttle(d, a).release();
        assertEquals(HandshakeHandler.Failure.TIMED_OUT, dialer.failure);
        assertEquals("the peer gave up: handshake not completed within 5000 ms", dialer.reason);
        a.finishAndReleaseAll();
        d.finishAndReleaseAll();
    }

    @Test
    void dialerWaitingForTheAcceptorsDecisionDoesNotTimeOutOnItsOwn() {
        Outcome acceptor = new Outcome();
        Outcome dialer = new Outcome();
        EmbeddedChannel a = end(0, 2, JOB, SECRET, -1, acceptor);
        EmbeddedChannel d = end(1, 2, JOB, SECRET, 0, dialer);
        a.writeInbound((ByteBuf) d.readOutbound());
        d.writeInbound((ByteBuf) a.readOutbound());
        a.writeInbound((ByteBuf) d.readOutbound());
        d.writeInbound((ByteBuf) a.readOutbound());
        ByteBuf identity = d.readOutbound();
        d.advanceTimeBy(60_000, TimeUnit.MILLISECONDS);
        d.runScheduledPendingTasks();
        assertNull(dialer.failure, "the dialer gave up while the acceptor may have admitted it");
        a.writeInbound(identity);
        shuttle(d, a).release();
        assertEquals(0, dialer.authenticatedRank);
        assertEquals(1, acceptor.authenticatedRank);
        a.finishAndReleaseAll();
        d.finishAndReleaseAll();
    }
}
