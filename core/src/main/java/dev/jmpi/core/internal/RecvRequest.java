package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.JmpiException;
import dev.jmpi.Status;
import dev.jmpi.TruncationException;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A posted receive into a typed buffer. Completed by whichever thread matches it: the
 * transport thread on arrival (it copies the payload straight into the user's array), or
 * the posting thread if the message was already queued. If it matches a request-to-send, it
 * answers clear-to-send and completes when the data lands ({@link #land}).
 */
final class RecvRequest extends PostedReceive implements RendezvousTarget {

    private final ContextQueues queues;
    private final Object buf;
    private final int offset;
    private final int count;
    private final Datatype type;
    /** The request-to-send this receive matched, if any; set before its data can land. */
    private volatile @Nullable Header rendezvous;
    /** The collective call this receive belongs to, or null; see {@link #stallAnnouncement}. */
    private @Nullable CollectiveSignature call;

    private boolean announced;
    /** Bytes of rendezvous data landed so far; only the thread landing them touches it. */
    private long landedBytes;
    /** The payload (a rendezvous piece, or an eager message) landing in the user's buffer, if any. */
    private volatile @Nullable ReceiveLanding landing;
    /** Set when this fails: no landing may write into the user's buffer any more. */
    private volatile boolean landingsClosed;
    /** Told the elements in place after each piece of rendezvous data, if set; see {@link #reportLanded}. */
    private @Nullable IntConsumer landed;

    RecvRequest(
            CommunicatorImpl comm,
            ContextQueues queues,
            Object buf,
            int offset,
            int count,
            int sourceWorld,
            int tag,
            OpText operation) {
        super(comm, sourceWorld, tag, operation);
        this.queues = queues;
        this.buf = buf;
        this.offset = offset;
        this.count = count;
        this.type = Buffers.datatypeOf(buf, "buf");
    }

    /** Marks this receive as part of collective call {@code signature}. Before posting. */
    RecvRequest forCall(CollectiveSignature signature) {
        this.call = signature;
        return this;
    }

    /**
     * After each piece of rendezvous data (the last included), before this completes, tells
     * {@code listener} how many elements are in place (from the buffer's offset). An eager
     * message, which lands whole, is not reported. Before posting.
     */
    RecvRequest reportLanded(IntConsumer listener) {
        this.landed = listener;
        return this;
    }

    /** The collective call this receive belongs to, or null. */
    @Nullable
    CollectiveSignature call() {
        return call;
    }

    /**
     * Once, for a collective receive posted before {@code cutoffNanos} and still waiting: the
     * header-only frame that tells the rank it waits for which call it waits in, so a peer
     * stuck in another call fails with both calls named. Under the queue's lock.
     */
    @Nullable
    Header stallAnnouncement(long cutoffNanos) {
        if (call == null || announced || postedAtNanos() - cutoffNanos > 0 || isDone()) {
            return null;
        }
        announced = true;
        return Header.newBuilder()
                .setKind(Kind.COLLECTIVE_CHECK)
                .setContext(comm.context() + 1)
                .setSource(comm.world().rank())
                .setSignature(call)
                .build();
    }

    @Override
    void deliver(InboundMessage m) {
        if (m.isRequestToSend()) {
            acceptRendezvous(m);
            return;
        }
        @Nullable Status outcome = null;
        @Nullable JmpiException error = null;
        try {
            long sentBytes = m.payload().readableBytes();
            error = refusal(m.header(), sentBytes);
            if (error == null) {
                outcome = statusOf(m.header(), sentBytes);
                Buffers.read(m.payload(), buf, offset, outcome.count());
            }
            if (m.header().getSync()) {
                comm.world().sendSyncAck(m.header());
            }
        } catch (RuntimeException e) {
            error = asJmpiException(e);
        } finally {
            m.release();
        }
        finish(outcome, error);
    }

    /**
     * This receive matched a request-to-send: expect the data under the sender's sequence and
     * answer clear-to-send. A receive that cannot take the message fails now; its data is
     * still cleared (the sender must finish) and dropped on arrival.
     */
    private void acceptRendezvous(InboundMessage m) {
        Header rts = m.header();
        m.release();
        JmpiException error;
        try {
            error = refusal(rts, rts.getMessageBytes());
        } catch (RuntimeException e) {
            error = asJmpiException(e);
        }
        rendezvous = rts;
        if (!queues.awaitData(rts.getSource(), rts.getSequence(), error == null ? this : RendezvousTarget.DISCARD)) {
            if (error != null) {
                failWith(error);
            }
            return;
        }
        try {
            comm.world().flow().clearToSend(rts, operation);
        } catch (JmpiException e) {
            // The job broke: the breakage may already have failed this receive.
            error = error == null ? e : error;
        }
        if (error != null && !isDone()) {
            failWith(error);
        }
    }

    /**
     * A piece of the data of the request-to-send this receive matched: copied into place at
     * once, so the transport's buffers go back while the next piece is on the wire. Completes
     * the receive with the last piece. Pieces of one message come in order on one thread.
     */
    @Override
    public boolean land(Header data, ByteBuf payload) {
        Header rts = Objects.requireNonNull(rendezvous, "the request-to-send this receive matched");
        long total = rts.getMessageBytes();
        int size = type.sizeBytes();
        long at = data.getDataOffset();
        ReceiveLanding arrived = landing;
        if (arrived != null && arrived.dataOffset() == at && payload.readableBytes() == 0) {
            landing = null; // this piece was put in place while it arrived
        } else {
            arrived = null;
        }
        int n = arrived != null ? arrived.bytes() : payload.readableBytes();
        JmpiException error = null;
        try {
            if (isDone()) {
                return true;
            }
            if (at != landedBytes || n % size != 0 || at + n > total) {
                error = new JmpiException(
                        operation + ": rendezvous data from world rank " + data.getSource() + " of " + n
                                + " bytes at offset " + at + " (expected: offset " + landedBytes + ", a multiple of "
                                + size + " bytes, within the message's " + total + " bytes)",
                        false);
            } else if (arrived != null) {
                if (arrived.landedBytes() != n) {
                    throw new IllegalStateException("a piece of " + n + " bytes delivered with " + arrived.landedBytes()
                            + " landed (expected: all)");
                }
                landedBytes += n;
            } else {
                Buffers.read(payload, buf, offset + (int) (at / size), n / size);
                comm.world().flow().receivedRendezvousBytes(n, true);
                landedBytes += n;
            }
        } catch (RuntimeException e) {
            error = asJmpiException(e);
        } finally {
            payload.release();
        }
        if (error != null) {
            failWith(error);
            return true;
        }
        IntConsumer listener = landed;
        if (listener != null) {
            try {
                listener.accept((int) (landedBytes / size));
            } catch (RuntimeException e) {
                failWith(asJmpiException(e));
                return true;
            }
        }
        if (landedBytes < total) {
            return false;
        }
        succeed(statusOf(rts, total));
        return true;
    }

    /**
     * Where the piece of rendezvous data {@code data} ({@code payloadBytes} bytes) lands while
     * it arrives: this receive's buffer, if the piece is the next one expected (read straight
     * from the socket into a direct {@code ByteBuffer}, copied buffer by buffer into anything
     * else). Null otherwise (the piece then comes whole in transport buffers and is copied by
     * {@link #land}). On the thread that drives the I/O, before that piece lands.
     */
    @Nullable
    ReceiveLanding pieceLanding(Header data, int payloadBytes) {
        Header rts = rendezvous;
        long at = data.getDataOffset();
        if (rts == null || isDone() || at != landedBytes || at + payloadBytes > rts.getMessageBytes()) {
            return null;
        }
        return open(at, payloadBytes, comm.world().flow());
    }

    /**
     * This receive is the first posted one that eager message {@code header} matches, whose
     * {@code payloadBytes} bytes are still arriving: a landing that puts them in place as
     * they come, or null if this receive cannot take the message (it then matches as usual
     * once the message is whole, and fails there). Under the queue's lock, while still posted;
     * {@link #landedEager} follows once the payload is in.
     */
    @Nullable
    ReceiveLanding eagerLanding(Header header, int payloadBytes) {
        if (isDone() || refusal(header, payloadBytes) != null) {
            return null;
        }
        return open(0, payloadBytes, null);
    }

    /** A landing for the bytes at {@code at} of the message, or null if this buffer takes none. */
    private @Nullable ReceiveLanding open(long at, int payloadBytes, @Nullable FlowControl rendezvousCounts) {
        ReceiveLanding l;
        if (buf instanceof ByteBuffer bb) {
            if (bb.isReadOnly()) {
                return null;
            }
            ByteBuffer target = bb.duplicate();
            int from = bb.position() + offset + (int) at;
            target.limit(from + payloadBytes).position(from);
            ByteBuffer piece = target.slice();
            l = new ReceiveLanding(
                    new PayloadWriter(piece, 0), piece.isDirect() ? piece : null, at, payloadBytes, rendezvousCounts);
        } else {
            int first = offset + (int) (at / type.sizeBytes());
            l = new ReceiveLanding(new PayloadWriter(buf, first), null, at, payloadBytes, rendezvousCounts);
        }
        landing = l;
        if (landingsClosed) {
            // Failed meanwhile: beforeFailure may not have seen this landing.
            l.close();
            landing = null;
            return null;
        }
        return l;
    }

    /**
     * The eager message {@code header} that {@link #eagerLanding} took has all landed (or was
     * dropped because this receive failed meanwhile): completes this receive, and gives back
     * the message's credit either way. On the thread that drives the I/O.
     */
    void landedEager(Header header) {
        ReceiveLanding l = Objects.requireNonNull(landing, "the landing eagerLanding opened");
        landing = null;
        int bytes = l.bytes();
        try {
            if (isDone()) {
                return;
            }
            if (l.landedBytes() != bytes) {
                failWith(asJmpiException(new IllegalStateException("an eager message of " + bytes
                        + " bytes delivered with " + l.landedBytes() + " landed (expected: all)")));
                return;
            }
            if (header.getSync()) {
                comm.world().sendSyncAck(header);
            }
            comm.world().flow().landedEarly();
            succeed(statusOf(header, bytes));
        } finally {
            comm.world().flow().consumed(header.getSource(), FlowControl.chargeOf(header, bytes));
        }
    }

    /** Stops any landing before this fails: afterwards nothing writes into the user's buffer. */
    @Override
    void beforeFailure() {
        landingsClosed = true;
        ReceiveLanding l = landing;
        if (l != null) {
            l.close();
        }
    }

    /** Why this receive cannot take a message of {@code sentBytes} with {@code header}, or null. */
    private @Nullable JmpiException refusal(Header header, long sentBytes) {
        int sourceRank = comm.commRankOf(header.getSource());
        Datatype sentType = WireTypes.fromWire(header.getDataType());
        if (!(buf instanceof ByteBuffer) && sentType != type) {
            return new InvalidArgumentException(operation + ": rank " + sourceRank + " sent "
                    + header.getDataType().name() + " but the receive buffer is "
                    + type.arrayClass().getSimpleName() + " (expected: matching element types)");
        }
        int elements = (int) (sentBytes / type.sizeBytes());
        if (elements > count) {
            return new TruncationException(
                    operation + ": message from rank " + sourceRank
                            + " holds " + elements + " elements but the receive buffer has room for " + count
                            + " (expected: count >= message size)",
                    elements,
                    count);
        }
        return null;
    }

    private Status statusOf(Header header, long sentBytes) {
        int tagOut = header.getKind() == Kind.COLLECTIVE
                ? header.getTag() & ((1 << ContextQueues.STEP_BITS) - 1)
                : header.getTag();
        return new Status(
                comm.commRankOf(header.getSource()),
                tagOut,
                (int) (sentBytes / type.sizeBytes()),
                WireTypes.fromWire(header.getDataType()),
                false);
    }

    private void finish(@Nullable Status outcome, @Nullable JmpiException error) {
        if (error != null) {
            failWith(error);
        } else {
            succeed(outcome);
        }
    }

    @Override
    public boolean cancel() {
        if (queues.cancel(this)) {
            succeed(new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, 0, type, true));
            return true;
        }
        return false;
    }
}
