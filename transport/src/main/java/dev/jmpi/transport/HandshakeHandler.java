package dev.jmpi.transport;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.jmpi.proto.Admitted;
import dev.jmpi.proto.AuthProof;
import dev.jmpi.proto.HandshakeMessage;
import dev.jmpi.proto.Hello;
import dev.jmpi.proto.RankIdentity;
import dev.jmpi.proto.Reject;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a fresh connection before any frame flows, revealing nothing about the job
 * to a peer that has not proved the job secret (protocol 2; the full exchange is described
 * above {@code Hello} in {@code jmpi.proto}). In short:
 * <ol>
 *   <li>both sides send a {@code Hello} (protocol version and a fresh nonce) and refuse a peer
 *       of another major version;</li>
 *   <li>the dialer proves the secret ({@code AuthProof}, see {@link MeshAuth#proof});</li>
 *   <li>the acceptor verifies it and only then sends its {@code RankIdentity};</li>
 *   <li>the dialer verifies that identity's MAC and checks it (job id, world size, the rank it
 *       dialed), then sends its own;</li>
 *   <li>the acceptor checks the dialer's identity (job id, world size, rank range, and with
 *       eager connections that higher ranks dial lower ones), lets the {@link Listener} admit
 *       the rank (refusing a duplicate, or a {@link #SIMULTANEOUS_DIAL} with a retryable
 *       {@code Reject}), and sends {@code Admitted}; the dialer is admitted on its side when it
 *       reads it.</li>
 * </ol>
 * So a stranger learns our protocol version and a nonce, never a proof or an identity; and
 * the acceptor's decision is final before the dialer considers the connection up: a dialer
 * never starts sending frames on a connection the acceptor refused. After admission the
 * listener has installed the frame pipeline and this handler removes itself, handing any
 * bytes already read to the handler after it.
 *
 * <p>Each handshake message is a 4-byte big-endian length and a protobuf
 * {@code HandshakeMessage} of at most {@value #MAX_MESSAGE_BYTES} bytes. Any violation,
 * and a handshake that is not done within the timeout, sends a {@code Reject} with the
 * reason (best effort; before the peer has proved the secret the reason names no job, rank
 * or size), closes the connection and logs at WARN with the full reason (rate-limited by
 * {@link RefusalLog}); nothing else in the mesh is affected. One instance per channel; all
 * state is owned by its event loop.
 */
final class HandshakeHandler extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(HandshakeHandler.class);
    private static final RefusalLog REFUSALS = new RefusalLog(log);

    static final int MAX_MESSAGE_BYTES = 4096;

    /**
     * Start of a {@link Listener#onAuthenticated} refusal that is no error: the two ranks
     * dialed each other at once and the other connection is kept; the dialer is told to retry
     * (it stops once that connection is up).
     */
    static final String SIMULTANEOUS_DIAL = "simultaneous dial: ";

    /** Why a handshake did not complete. */
    enum Failure {
        /** We refused the peer. */
        REFUSED_BY_US,
        /** The peer sent Reject. */
        REFUSED_BY_PEER,
        /**
         * The handshake did not complete within our timeout, or the peer's (a retryable
         * Reject): nothing is wrong with who the peer is, so a dialer tries again.
         */
        TIMED_OUT,
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
        @Nullable
        String onAuthenticated(ChannelHandlerContext ctx, int peerRank);

        /** The handshake failed; {@code claimedRank} is -1 if the peer never said. */
        void onHandshakeFailed(Channel channel, int claimedRank, Failure failure, String reason);
    }

    private enum State {
        /** Both sides: waiting for the peer's Hello. */
        AWAIT_HELLO,
        /** Acceptor: waiting for the dialer to prove the secret. */
        AWAIT_PROOF,
        /** Both sides: the peer has (acceptor) or will have (dialer) proved the secret; waiting for its identity. */
        AWAIT_IDENTITY,
        /** Dialer: waiting for the acceptor to admit us. */
        AWAIT_ADMISSION,
        DONE,
        FAILED
    }

    private static final String MAC_MISMATCH = "HMAC proof does not match (wrong job secret, or a replayed handshake)";

    private final int rank;
    private final int size;
    private final String jobId;
    private final byte[] secret;
    private final int expectedPeer;
    private final long timeoutMs;
    private final Listener listener;
    private final byte[] ownNonce;
    private final MeshAuth.Role ownRole;
    private final MeshAuth.Role peerRole;
    private final boolean eitherMayDial;

    private State state = State.AWAIT_HELLO;
    private boolean started;
    private int peerRank = -1;
    private byte @Nullable [] peerNonce;
    private @Nullable ScheduledFuture<?> timeout;

    /**
     * A handshake where only higher ranks dial lower ones (eager connections).
     *
     * @param expectedPeer the rank we dialed, or -1 on an accepted connection
     */
    HandshakeHandler(
            int rank,
            int size,
            String jobId,
            byte[] secret,
            int expectedPeer,
            long timeoutMs,
            SecureRandom random,
            Listener listener) {
        this(rank, size, jobId, secret, expectedPeer, timeoutMs, random, listener, false);
    }

    /**
     * @param expectedPeer the rank we dialed, or -1 on an accepted connection
     * @param eitherMayDial whether a lower rank may dial a higher one (lazy connections)
     */
    HandshakeHandler(
            int rank,
            int size,
            String jobId,
            byte[] secret,
            int expectedPeer,
            long timeoutMs,
            SecureRandom random,
            Listener listener,
            boolean eitherMayDial) {
        this.eitherMayDial = eitherMayDial;
        this.rank = rank;
        this.size = size;
        this.jobId = jobId;
        this.secret = secret;
        this.expectedPeer = expectedPeer;
        this.timeoutMs = timeoutMs;
        this.listener = listener;
        this.ownNonce = MeshAuth.newNonce(random);
        this.ownRole = expectedPeer >= 0 ? MeshAuth.Role.DIALER : MeshAuth.Role.ACCEPTOR;
        this.peerRole = expectedPeer >= 0 ? MeshAuth.Role.ACCEPTOR : MeshAuth.Role.DIALER;
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
        timeout = ctx.executor().schedule(() -> timedOut(ctx), timeoutMs, TimeUnit.MILLISECONDS);
        Hello hello = Hello.newBuilder()
                .setProtocolMajor(WireVersion.PROTOCOL_MAJOR)
                .setProtocolMinor(WireVersion.PROTOCOL_MINOR)
                .setNonce(ByteString.copyFrom(ownNonce))
                .build();
        write(ctx, HandshakeMessage.newBuilder().setHello(hello).build());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (inProgress() && in.readableBytes() >= 4) {
            int length = in.getInt(in.readerIndex());
            if (length < 0 || length > MAX_MESSAGE_BYTES) {
                refuse(
                        ctx,
                        "handshake message of " + Integer.toUnsignedLong(length) + " bytes (expected: <= "
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
            Reject reject = message.getReject();
            if (reject.getRetryable()) {
                log.debug("rank {}: {} gave up on our handshake: {}", rank, describePeer(ctx), reject.getReason());
                finish(ctx, Failure.TIMED_OUT, "the peer gave up: " + reject.getReason());
                return;
            }
            REFUSALS.warn("rank {}: {} refused our handshake: {}", rank, describePeer(ctx), reject.getReason());
            finish(ctx, Failure.REFUSED_BY_PEER, "refused by the peer: " + reject.getReason());
            return;
        }
        HandshakeMessage.BodyCase expected = expectedBody();
        if (message.getBodyCase() != expected) {
            refuse(ctx, "expected " + expected + ", got " + message.getBodyCase());
            return;
        }
        switch (expected) {
            case HELLO:
                onHello(ctx, message.getHello());
                break;
            case PROOF:
                onProof(ctx, message.getProof());
                break;
            case IDENTITY:
                onIdentity(ctx, message.getIdentity());
                break;
            default:
                onAdmitted(ctx);
                break;
        }
    }

    private HandshakeMessage.BodyCase expectedBody() {
        switch (state) {
            case AWAIT_HELLO:
                return HandshakeMessage.BodyCase.HELLO;
            case AWAIT_PROOF:
                return HandshakeMessage.BodyCase.PROOF;
            case AWAIT_IDENTITY:
                return HandshakeMessage.BodyCase.IDENTITY;
            default:
                return HandshakeMessage.BodyCase.ADMITTED;
        }
    }

    private void onHello(ChannelHandlerContext ctx, Hello hello) {
        if (hello.getProtocolMajor() != WireVersion.PROTOCOL_MAJOR) {
            refuse(
                    ctx,
                    "protocol version " + WireVersion.describe(hello.getProtocolMajor(), hello.getProtocolMinor())
                            + " is incompatible with ours " + WireVersion.describe() + " (major versions differ)");
            return;
        }
        if (hello.getNonce().size() != MeshAuth.NONCE_BYTES) {
            refuse(ctx, "nonce of " + hello.getNonce().size() + " bytes (expected: " + MeshAuth.NONCE_BYTES + ")");
            return;
        }
        peerNonce = hello.getNonce().toByteArray();
        if (dialing()) {
            byte[] mac = MeshAuth.proof(secret, ownRole, peerNonce, ownNonce);
            write(
                    ctx,
                    HandshakeMessage.newBuilder()
                            .setProof(AuthProof.newBuilder().setMac(ByteString.copyFrom(mac)))
                            .build());
            state = State.AWAIT_IDENTITY;
        } else {
            state = State.AWAIT_PROOF;
        }
    }

    /** The peer's nonce: its hello came before any message that needs it (the state machine's order). */
    private byte[] peerNonce() {
        byte[] n = peerNonce;
        if (n == null) {
            throw new IllegalStateException("rank " + rank + ": handshake state " + state + " before the peer's hello");
        }
        return n;
    }

    private boolean dialing() {
        return expectedPeer >= 0;
    }

    /** Acceptor: the dialer proves the secret; only then do we say who we are. */
    private void onProof(ChannelHandlerContext ctx, AuthProof proof) {
        byte[] expected = MeshAuth.proof(secret, peerRole, ownNonce, peerNonce());
        if (!MeshAuth.verify(expected, proof.getMac().toByteArray())) {
            refuse(ctx, "authentication failed: " + MAC_MISMATCH);
            return;
        }
        sendIdentity(ctx);
        state = State.AWAIT_IDENTITY;
    }

    private void onIdentity(ChannelHandlerContext ctx, RankIdentity identity) {
        byte[] expected = MeshAuth.identityMac(
                secret,
                peerRole,
                ownNonce,
                peerNonce(),
                identity.getJobId(),
                identity.getRank(),
                identity.getWorldSize());
        if (!MeshAuth.verify(expected, identity.getMac().toByteArray())) {
            refuse(
                    ctx,
                    "authentication of the " + peerRole.name().toLowerCase(Locale.ROOT) + " failed: " + MAC_MISMATCH);
            return;
        }
        peerRank = identity.getRank();
        String problem = IdentityCheck.problem(identity, jobId, size, rank, expectedPeer, eitherMayDial);
        if (problem != null) {
            refuse(ctx, problem);
            return;
        }
        if (dialing()) {
            sendIdentity(ctx);
            state = State.AWAIT_ADMISSION;
            // From here the acceptor decides, within its own timeout (a retryable Reject) or
            // the mesh deadline. Giving up on our side could drop a connection the acceptor
            // has just admitted, which it would report as a lost rank.
            cancelTimeout();
            return;
        }
        if (admit(ctx)) {
            write(
                    ctx,
                    HandshakeMessage.newBuilder()
                            .setAdmitted(Admitted.getDefaultInstance())
                            .build());
            ctx.pipeline().remove(this);
        }
    }

    /** Dialer: the acceptor has admitted us. */
    private void onAdmitted(ChannelHandlerContext ctx) {
        if (admit(ctx)) {
            ctx.pipeline().remove(this);
        }
    }

    private boolean admit(ChannelHandlerContext ctx) {
        String refusal = listener.onAuthenticated(ctx, peerRank);
        if (refusal != null && refusal.startsWith(SIMULTANEOUS_DIAL)) {
            // Not an error: both ranks dialed at once and the other connection is kept. The
            // dialer retries (a retryable Reject) and stops once that connection is up.
            log.debug("rank {}: refusing connection from {}: {}", rank, describePeer(ctx), refusal);
            write(
                    ctx,
                    HandshakeMessage.newBuilder()
                            .setReject(Reject.newBuilder().setReason(refusal).setRetryable(true))
                            .build());
            finish(ctx, Failure.REFUSED_BY_US, refusal);
            return false;
        }
        if (refusal != null) {
            refuse(ctx, refusal);
            return false;
        }
        state = State.DONE;
        cancelTimeout();
        return true;
    }

    private void sendIdentity(ChannelHandlerContext ctx) {
        byte[] mac = MeshAuth.identityMac(secret, ownRole, peerNonce(), ownNonce, jobId, rank, size);
        RankIdentity identity = RankIdentity.newBuilder()
                .setJobId(jobId)
                .setRank(rank)
                .setWorldSize(size)
                .setMac(ByteString.copyFrom(mac))
                .build();
        write(ctx, HandshakeMessage.newBuilder().setIdentity(identity).build());
    }

    private boolean inProgress() {
        return state != State.DONE && state != State.FAILED;
    }

    private void refuse(ChannelHandlerContext ctx, String reason) {
        if (!inProgress()) {
            return;
        }
        REFUSALS.warn("rank {}: refusing connection from {}: {}", rank, describePeer(ctx), reason);
        write(
                ctx,
                HandshakeMessage.newBuilder()
                        .setReject(Reject.newBuilder().setReason(reason))
                        .build());
        finish(ctx, Failure.REFUSED_BY_US, reason);
    }

    private void timedOut(ChannelHandlerContext ctx) {
        if (!inProgress()) {
            return;
        }
        String reason = "handshake not completed within " + timeoutMs + " ms";
        // A dialer retries this, so it is no alarm yet; a stranger that never finishes is.
        if (dialing()) {
            log.info("rank {}: handshake with {}: {}", rank, describePeer(ctx), reason);
        } else {
            REFUSALS.warn("rank {}: refusing connection from {}: {}", rank, describePeer(ctx), reason);
        }
        write(
                ctx,
                HandshakeMessage.newBuilder()
                        .setReject(Reject.newBuilder().setReason(reason).setRetryable(true))
                        .build());
        finish(ctx, Failure.TIMED_OUT, reason);
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
