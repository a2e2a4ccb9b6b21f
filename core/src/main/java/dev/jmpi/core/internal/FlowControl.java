package dev.jmpi.core.internal;

import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Request;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Point-to-point flow control, so that no correct program runs out of memory because a
 * receiver is late. A message goes eagerly only if it is at most the eager limit and its
 * destination still grants it credit ({@link Credits}); otherwise a header-only
 * request-to-send takes its place in the receiver's matching order, the receive that matches
 * it answers clear-to-send, and only then is the data read from the user's buffer and sent,
 * to land straight in that receive. So the eager data a rank holds for receives not yet
 * posted stays under {@link FlowConfig#unexpectedBytes()}, and a sender holds no copies of
 * messages that wait for their receiver.
 *
 * <p>Scope: messages sent through {@link #send}: user point-to-point and collective traffic
 * ({@link CollectiveChannel}). A collective's request-to-send keeps its {@link Kind#COLLECTIVE}
 * kind and signature, so it is matched in the collective context and checked like its data
 * would be; eager {@link Kind#P2P} and {@link Kind#COLLECTIVE} frames are charged to the
 * same per-peer credit.
 *
 * <p>Threads: any. Inbound handling ({@link #onMessage}) runs on whichever thread drives
 * the I/O and never blocks: clear-to-send only marks the send cleared (see
 * {@link RendezvousSend}); credit and clear-to-send frames it sends are header-only writes,
 * which the transport never makes a callback wait for.
 */
final class FlowControl {

    private static final Logger LOG = LoggerFactory.getLogger(FlowControl.class);

    /**
     * Eager sends of a direct {@code ByteBuffer} from this size on are written from the user's
     * memory ({@link LentEagerSend}): no copy into a wire buffer, and the send completes once
     * the socket has the bytes. Below it the copy is cheaper than waiting for the socket.
     */
    static final long LEND_EAGER_MIN_BYTES = 64 * 1024;

    private final World world;
    private final FlowConfig config;
    private final Credits credits;
    private final Object senderLock = new Object();
    /** Counts for tests and reports: sends that went by rendezvous, credit-only frames sent. */
    private final LongAdder rendezvousSends = new LongAdder();

    private final LongAdder creditFrames = new LongAdder();
    /** Cleared rendezvous sends whose data the sender thread wrote (nobody waited to write it). */
    private final LongAdder handedOff = new LongAdder();
    /** Frames of rendezvous data received (a large message comes in several pieces). */
    private final LongAdder dataPieces = new LongAdder();
    /** Bytes of rendezvous data copied into receive buffers from transport buffers, and read straight into them. */
    private final LongAdder bytesCopiedOnReceive = new LongAdder();

    private final LongAdder bytesLandedDirect = new LongAdder();
    /** Bytes of eager sends written from the user's direct buffer ({@link LentEagerSend}). */
    private final LongAdder bytesLentEager = new LongAdder();
    /** Eager messages matched when their header came, their payload put in place as it arrived. */
    private final LongAdder eagerLandedEarly = new LongAdder();

    private final ClearedSendWriters writers = new ClearedSendWriters();

    private @Nullable ThreadPoolExecutor sender;

    FlowControl(World world, FlowConfig config) {
        this.world = world;
        this.config = config;
        this.credits = new Credits(world.size(), config.perPeerBytes(world.size()));
    }

    FlowConfig config() {
        return config;
    }

    Credits credits() {
        return credits;
    }

    /** Sends of this rank that went by rendezvous so far. */
    long rendezvousSends() {
        return rendezvousSends.sum();
    }

    /** Eager messages received so far that matched on their header and landed while arriving. */
    long eagerMessagesLandedEarly() {
        return eagerLandedEarly.sum();
    }

    /** Counts an eager message that {@link ContextQueues#earlyLanding} matched and that has landed. */
    void landedEarly() {
        eagerLandedEarly.increment();
    }

    /** Cleared rendezvous sends written by the sender thread so far (a thread hand-off each). */
    long handedOffSends() {
        return handedOff.sum();
    }

    /** Frames of rendezvous data this rank received so far (pieces, each copied into place on arrival). */
    long rendezvousPiecesReceived() {
        return dataPieces.sum();
    }

    /**
     * Bytes of rendezvous data this rank copied into receive buffers so far: the whole piece
     * on the copy path, and only the bytes that came with its header when the transport read
     * the piece straight into the receive's direct buffer ({@link ReceiveLanding}).
     */
    long bytesCopiedOnReceive() {
        return bytesCopiedOnReceive.sum();
    }

    /** Bytes of rendezvous data the transport read straight into receive buffers so far (no copy). */
    long bytesLandedDirect() {
        return bytesLandedDirect.sum();
    }

    /** Bytes of eager sends this rank wrote from users' direct buffers so far, without a copy. */
    long bytesLentEager() {
        return bytesLentEager.sum();
    }

    /** Counts {@code bytes} of rendezvous data put into a receive buffer, {@code copied} or read straight in. */
    void receivedRendezvousBytes(int bytes, boolean copied) {
        (copied ? bytesCopiedOnReceive : bytesLandedDirect).add(bytes);
    }

    /** Header-only CREDIT frames this rank sent so far (credit that found no frame to ride on). */
    long creditFrames() {
        return creditFrames.sum();
    }

    /** Fails with a message naming {@code count} if the payload cannot be one message. */
    static long checkedBytes(Object buf, int count) {
        long bytes = Buffers.byteLength(buf, count);
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidArgumentException(
                    "count=" + count + " (expected: at most " + Integer.MAX_VALUE + " bytes per message)");
        }
        return bytes;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends {@code m} eagerly if it is small enough and has credit, else by rendezvous. The
     * request completes when the user's buffer may be reused (at once for an eager standard
     * send) and, for a synchronous send, not before a receive matched it.
     */
    Request send(Outgoing m) {
        Header.Builder h = m.header().setSequence(world.nextSequence());
        long cost = m.bytes() + FlowConfig.MESSAGE_OVERHEAD_BYTES;
        if (m.bytes() <= config.eagerLimitBytes() && credits.tryTake(m.destWorld(), cost)) {
            return sendEager(m, h, cost);
        }
        return sendRendezvous(m, h);
    }

    private Request sendEager(Outgoing m, Header.Builder h, long cost) {
        if (!m.sync() && m.bytes() >= LEND_EAGER_MIN_BYTES && LentBuffer.canLend(m.buf())) {
            bytesLentEager.add(m.bytes());
            return LentEagerSend.start(world, this, m, h);
        }
        ByteBuf payload;
        try {
            payload = encode(m);
        } catch (RuntimeException e) {
            credits.untake(m.destWorld(), cost);
            throw e;
        }
        if (!m.sync()) {
            transmit(m.destWorld(), h, payload, m.operation());
            return new CompletedRequest(m.status());
        }
        h.setSync(true);
        SyncSendRequest r = new SyncSendRequest(world, m.timeoutNanos(), m.destWorld(), m.operation(), m.status());
        world.registerSyncSend(h.getSequence(), r);
        transmit(m.destWorld(), h, payload, m.operation());
        return r;
    }

    private Request sendRendezvous(Outgoing m, Header.Builder h) {
        rendezvousSends.increment();
        Header data = h.clone().setKind(Kind.RENDEZVOUS_DATA).clearSignature().build();
        h.setRequestToSend(true).setMessageBytes(m.bytes());
        RendezvousSend r = new RendezvousSend(this, world.progress(), m, data);
        if (world.queues(data.getContext()).awaitClear(r)) {
            transmit(m.destWorld(), h, Unpooled.EMPTY_BUFFER, m.operation());
        }
        return r;
    }

    /** Sends a frame of ours to {@code dest}, carrying the credit we owe it; consumes {@code payload}. */
    void transmit(int dest, Header.Builder h, ByteBuf payload, OpText operation) {
        long owed = credits.takeOwed(dest);
        if (owed > 0) {
            h.setCredit(owed);
        }
        world.send(dest, h.build(), payload, operation);
    }

    /** As {@link #transmit(int, Header.Builder, ByteBuf, OpText)} for a built header. */
    void transmit(int dest, Header header, ByteBuf payload, OpText operation) {
        long owed = credits.takeOwed(dest);
        world.send(dest, owed > 0 ? header.toBuilder().setCredit(owed).build() : header, payload, operation);
    }

    /** Reads the message's elements from the user's buffer into a wire buffer. */
    ByteBuf encode(Outgoing m) {
        return Buffers.encode(world.transport().allocator(), m.buf(), m.offset(), m.count(), (int) m.bytes());
    }

    /** Reads {@code bytes} of the message, from element {@code firstElement} on, into a wire buffer. */
    ByteBuf encode(Outgoing m, int firstElement, int bytes) {
        int elementBytes = Buffers.datatypeOf(m.buf(), "buf").sizeBytes();
        return Buffers.encode(
                world.transport().allocator(), m.buf(), m.offset() + firstElement, bytes / elementBytes, bytes);
    }

    /** Cleared sends waiting for a thread that waits on another send of this rank to write them. */
    ClearedSendWriters writers() {
        return writers;
    }

    /** Writes a cleared send's data on the sender thread (nobody waits on its request). */
    void transmitLater(RendezvousSend s) {
        handedOff.increment();
        senderThread().execute(s::transmitIfUnclaimed);
    }

    private ThreadPoolExecutor senderThread() {
        synchronized (senderLock) {
            if (sender == null) {
                String name = "jmpi-r" + world.rank() + "-rendezvous";
                sender = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name);
                    t.setDaemon(true);
                    return t;
                });
            }
            return sender;
        }
    }

    void timedOut(String operation, long timeoutNanos, int awaitedWorld) {
        world.timedOut(operation, timeoutNanos, awaitedWorld);
    }

    // ------------------------------------------------------------------ receiving

    /**
     * Takes the credit any frame carries, and handles the flow-control kinds; returns true if
     * the frame was one of them (and is consumed).
     */
    boolean onMessage(Header header, ByteBuf payload) {
        if (header.getCredit() > 0) {
            credits.returned(header.getSource(), header.getCredit());
        }
        switch (header.getKind()) {
            case CREDIT -> payload.release();
            case CLEAR_TO_SEND -> {
                payload.release();
                world.queues(header.getContext()).cleared(header.getSequence());
            }
            case RENDEZVOUS_DATA -> {
                dataPieces.increment();
                world.queues(header.getContext()).land(header, payload);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The message to match for an arriving frame; eager point-to-point and collective data is charged to credit. */
    InboundMessage inbound(Header header, ByteBuf payload) {
        long charge = chargeOf(header, payload.readableBytes());
        return new InboundMessage(header, payload, charge == 0 ? null : this, charge);
    }

    /**
     * The credit that the message {@code header} with {@code payloadBytes} took from its
     * sender's budget: payload plus overhead for eager data, 0 for anything else.
     */
    static long chargeOf(Header header, long payloadBytes) {
        Kind kind = header.getKind();
        return (kind == Kind.P2P || kind == Kind.COLLECTIVE) && !header.getRequestToSend()
                ? payloadBytes + FlowConfig.MESSAGE_OVERHEAD_BYTES
                : 0;
    }

    /**
     * An eager message of {@code cost} from {@code source} left the queues (matched or
     * dropped); its credit goes back with the next frame to {@code source}, or now in a
     * CREDIT frame once half the budget is owed.
     */
    void consumed(int source, long cost) {
        long back = credits.consumed(source, cost);
        if (back == 0 || world.breakage() != null) {
            return;
        }
        Header h = Header.newBuilder()
                .setKind(Kind.CREDIT)
                .setSource(world.rank())
                .setCredit(back)
                .build();
        creditFrames.increment();
        try {
            world.transport().send(source, h, Unpooled.EMPTY_BUFFER);
        } catch (RuntimeException e) {
            LOG.debug("rank {}: could not return credit to rank {}: {}", world.rank(), source, e.toString());
        }
    }

    /**
     * Answers the request-to-send {@code rts}: its data may come. Header-only, so it never
     * waits for backpressure on an I/O thread.
     */
    void clearToSend(Header rts, OpText operation) {
        Header.Builder h = Header.newBuilder()
                .setKind(Kind.CLEAR_TO_SEND)
                .setContext(rts.getContext())
                .setSource(world.rank())
                .setSequence(rts.getSequence());
        transmit(rts.getSource(), h, Unpooled.EMPTY_BUFFER, operation);
    }
}
