package dev.jmpi.transport;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.jmpi.proto.AuthProof;
import dev.jmpi.proto.HandshakeMessage;
import dev.jmpi.proto.Hello;
import dev.jmpi.proto.Reject;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a fresh connection before any frame flows. Both sides send a
 * {@code Hello} at once and check the peer's (protocol major, job id, world size, rank
 * range, and that the peer is the rank that belongs on the other side of this connection:
 * higher ranks dial lower ones). Then the proofs over the peer's nonce (see
 * {@link MeshAuth}) go in a fixed order:
 * <ol>
 *   <li>the dialer sends its {@code AuthProof} as soon as it has the acceptor's Hello;</li>
 *   <li>the acceptor verifies it, lets the {@link Listener} admit the rank (refusing a
 *       duplicate), and only then sends its own proof;</li>
 *   <li>the dialer verifies that and is admitted on its side.</li>
 * </ol>
 * So an unauthenticated peer never obtains a proof from an acceptor, and the acceptor's
 * decision is final before the dialer considers the connection up: a dialer never starts
 * sending frames on a connection the acceptor refused. After admission the listener has
 * installed the frame pipeline and this handler removes itself, handing any bytes already
 * read to the handler after it.
 *
 * <p>Each handshake message is a 4-byte big-endian length and a protobuf
 * {@code HandshakeMessage} of at most {@value #MAX_MESSAGE_BYTES} bytes. Any violation,
 * and a handshake that is not done within the timeout, sends a {@code Reject} with the
 * reason (best effort), closes the connection and logs at WARN (rate-limited by
 * {@link RefusalLog}); nothing else in the mesh is affected. One instance per channel; all state is owned by its event loop.
 */
final class HandshakeHandler extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);
    private static final RefusalLog refusals = new RefusalLog(log);

    static final int MAX_MESSAGE_BYTES = 4096;

    /** Why a handshake did not complete. */
    enum Failure {
        /** We refused the peer. */
        REFUSED_BY_US,
        /** The peer sent Reject. */
        REFUSED_BY_PEER,
        /** The connection closed before the handshake completed. */
        CLOSED
    }

    /** Receives the outcome; called on the channel's event loop. */
    interface Listener {
        /**
         * The peer proved it is {@code peerRank}. Installs the frame pipeline after this
         * handler and returns {@code null}, or returns why the connection is refused (for
         * example a duplicate rank) without touching the pipeline.
         */
        String onAuthenticated(ChannelHandlerContext ctx, int peerRank);

        /** The handshake failed; {@code claimedRank} is -1 if the peer never said. */
        void onHandshakeFailed(Channel channel, int claimedRank, Failure failure, String reason);
    }

    private enum State { AWAIT_HELLO, AWAIT_PROOF, DONE, FAILED }

    private final int rank;
    private final int size;
    private final String jobId;
    private final byte[] secret;
    private final int expectedPeer;
    private final long timeoutMs;
    private final Listener listener;
    private final byte[] ownNonce;

    private State state = State.AWAIT_HELLO;
    private boolean started;
    private int peerRank = -1;
    private byte[] peerNonce;
    private ScheduledFuture<?> timeout;

    /**
     * @param expectedPeer the rank we dialed, or -1 on an accepted connection
     */
    HandshakeHandler(int rank, int size, String jobId, byte[] secret, int expectedPeer, long timeoutMs,
                     SecureRandom random, Listener listener) {
        this.rank = rank;
        this.size = size;
        this.jobId = jobId;
        this.secret = secret;
        this.expectedPeer = expectedPeer;
        this.timeoutMs = timeoutMs;
        this.listener = listener;
        this.ownNonce = MeshAuth.newNonce(random);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            begin(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        begin(ctx);
        super.channelActive(ctx);
    }

    private void begin(ChannelHandlerContext ctx) {
        if (started) {
            return;
        }
        started = true;
        timeout = ctx.executor().schedule(() -> {
            if (inProgress()) {
                refuse(ctx, "handshake not completed within " + timeoutMs + " ms");
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        Hello hello = Hello.newBuilder()
                .setProtocolMajor(WireVersion.PROTOCOL_MAJOR)
                .setProtocolMinor(WireVersion.PROTOCOL_MINOR)
                .setJobId(jobId)
                .setRank(rank)
                .setWorldSize(size)
                .setNonce(ByteString.copyFrom(ownNonce))
                .build();
        write(ctx, HandshakeMessage.newBuilder().setHello(hello).build());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (inProgress() && in.readableBytes() >= 4) {
            int length = in.getInt(in.readerIndex());
            if (length < 0 || length > MAX_MESSAGE_BYTES) {
                refuse(ctx, "handshake message of " + Integer.toUnsignedLong(length) + " bytes (expected: <= "
                        + MAX_MESSAGE_BYTES + "); not a jmpi " + WireVersion.describe() + " peer");
                break;
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            HandshakeMessage message;
            try {
                message = HandshakeMessage.parseFrom(in.nioBuffer(in.readerIndex() + 4, length));
            } catch (InvalidProtocolBufferException e) {
                refuse(ctx, "malformed handshake message: " + e.getMessage());
                break;
            }
            in.skipBytes(4 + length);
            handle(ctx, message);
        }
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void handle(ChannelHandlerContext ctx, HandshakeMessage message) {
        if (message.hasReject()) {
            String reason = message.getReject().getReason();
            refusals.warn("rank {}: {} refused our handshake: {}", rank, describePeer(ctx), reason);
            finish(ctx, Failure.REFUSED_BY_PEER, "refused by the peer: " + reason);
            return;
        }
        if (state == State.AWAIT_HELLO) {
            if (!message.hasHello()) {
                refuse(ctx, "expected Hello, got " + message.getBodyCase());
                return;
            }
            onHello(ctx, message.getHello());
        } else {
            if (!message.hasProof()) {
                refuse(ctx, "expected AuthProof, got " + message.getBodyCase());
                return;
            }
            onProof(ctx, message.getProof());
        }
    }

    private void onHello(ChannelHandlerContext ctx, Hello hello) {
        String problem = checkHello(hello);
        if (problem != null) {
            refuse(ctx, problem);
            return;
        }
        peerRank = hello.getRank();
        peerNonce = hello.getNonce().toByteArray();
        state = State.AWAIT_PROOF;
        if (dialing()) {
            sendProof(ctx);
        }
    }

    private boolean dialing() {
        return expectedPeer >= 0;
    }

    private void sendProof(ChannelHandlerContext ctx) {
        byte[] mac = MeshAuth.proof(secret, jobId, peerNonce, rank, peerRank);
        write(ctx, HandshakeMessage.newBuilder().setProof(AuthProof.newBuilder().setMac(ByteString.copyFrom(mac))).build());
    }

    private String checkHello(Hello hello) {
        if (hello.getProtocolMajor() != WireVersion.PROTOCOL_MAJOR) {
            return "protocol version " + WireVersion.describe(hello.getProtocolMajor(), hello.getProtocolMinor())
                    + " is incompatible with ours " + WireVersion.describe() + " (major versions differ)";
        }
        if (!jobId.equals(hello.getJobId())) {
            return "job id '" + hello.getJobId() + "' does not match ours '" + jobId + "'";
        }
        if (hello.getWorldSize() != size) {
            return "world size " + hello.getWorldSize() + " does not match ours " + size;
        }
        int r = hello.getRank();
        if (r < 0 || r >= size) {
            return "rank=" + r + " out of range (expected: 0 <= rank < size=" + size + ")";
        }
        if (r == rank) {
            return "rank=" + r + " is our own rank";
        }
        if (expectedPeer < 0 && r < rank) {
            return "rank " + r + " must not dial rank " + rank + " (higher ranks dial lower ranks)";
        }
        if (expectedPeer >= 0 && r != expectedPeer) {
            return "we dialed rank " + expectedPeer + " but the peer says it is rank " + r;
        }
        if (hello.getNonce().size() != MeshAuth.NONCE_BYTES) {
            return "nonce of " + hello.getNonce().size() + " bytes (expected: " + MeshAuth.NONCE_BYTES + ")";
        }
        return null;
    }

    private void onProof(ChannelHandlerContext ctx, AuthProof proof) {
        byte[] expected = MeshAuth.proof(secret, jobId, ownNonce, peerRank, rank);
        if (!MeshAuth.verify(expected, proof.getMac().toByteArray())) {
            refuse(ctx, "authentication of rank " + peerRank
                    + " failed: HMAC proof does not match (wrong job secret, or a replayed handshake)");
            return;
        }
        String refusal = listener.onAuthenticated(ctx, peerRank);
        if (refusal != null) {
            refuse(ctx, refusal);
            return;
        }
        if (!dialing()) {
            sendProof(ctx);
        }
        state = State.DONE;
        cancelTimeout();
        ctx.pipeline().remove(this);
    }

    private boolean inProgress() {
        return state == State.AWAIT_HELLO || state == State.AWAIT_PROOF;
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        if (!inProgress()) {
            return;
        }
        refusals.warn("rank {}: refusing connection from {}: {}", rank, describePeer(ctx), reason);
        write(ctx, HandshakeMessage.newBuilder().setReject(Reject.newBuilder().setReason(reason)).build());
        finish(ctx, Failure.REFUSED_BY_US, reason);
    }

    private void finish(ChannelHandlerContext ctx, Failure failure, String reason) {
        state = State.FAILED;
        cancelTimeout();
        ctx.flush();
        ctx.close();
        listener.onHandshakeFailed(ctx.channel(), peerRank, failure, reason);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (inProgress()) {
            finish(ctx, Failure.CLOSED, "connection closed during the handshake");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (inProgress()) {
            log.debug("rank {}: handshake with {} failed", rank, describePeer(ctx), cause);
            finish(ctx, Failure.CLOSED, "connection error during the handshake: " + cause);
        } else if (state == State.DONE) {
            ctx.fireExceptionCaught(cause);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelTimeout();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private String describePeer(ChannelHandlerContext ctx) {
        String who = peerRank >= 0 ? "rank " + peerRank + " at " : "";
        return who + ctx.channel().remoteAddress();
    }

    private static void write(ChannelHandlerContext ctx, HandshakeMessage message) {
        byte[] bytes = message.toByteArray();
        ByteBuf buf = ctx.alloc().buffer(4 + bytes.length);
        buf.writeInt(bytes.length).writeBytes(bytes);
        // A failed write needs no handling: the connection closes and channelInactive reports it.
        ctx.writeAndFlush(buf);
    }
}
