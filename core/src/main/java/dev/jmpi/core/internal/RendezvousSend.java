package dev.jmpi.core.internal;

import dev.jmpi.proto.Header;
import dev.jmpi.transport.Progress;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A send that went by rendezvous: its request-to-send is out, and its data leaves the
 * user's buffer only once the receiver answers clear-to-send. The request completes when the
 * data has been handed to the transport (so the user's buffer is free again); since a
 * clear-to-send means a receive matched, that also satisfies a synchronous send.
 *
 * <p>Who moves the data: the clear-to-send is handled on whichever thread drives the I/O,
 * which must not block, so it only marks the send cleared. A thread waiting on this request
 * then encodes and writes the data itself (no thread hand-off for a blocking send); else a
 * thread waiting on another send of this rank does ({@link ClearedSendWriters}: a window of
 * {@code isend}s awaited in order); otherwise {@link FlowControl}'s sender thread does.
 * Exactly one of them claims it.
 *
 * <p>A direct, writable {@link java.nio.ByteBuffer} is not copied: it is lent to the
 * transport ({@link LentBuffer}), and the send completes once the transport has written it
 * to the socket and let go of it (not when it was handed over), because the user may
 * reuse the buffer as soon as the send has completed.
 *
 * <p>Threads: any; the state is an atomic, the result a {@link Completion}.
 */
final class RendezvousSend extends OutgoingSend {

    private static final int AWAITING_CLEAR = 0;
    private static final int CLEARED = 1;
    private static final int CLAIMED = 2;

    /** Largest piece of rendezvous data in one frame (the transport's default chunk size). */
    static final int PIECE_BYTES = Buffers.PIECE_BYTES;

    private final Progress progress;
    private final Header dataHeader;
    private final long sequence;
    private final AtomicInteger state = new AtomicInteger(AWAITING_CLEAR);
    /** For a lent buffer: the hand-over to the transport and the buffer's return, both due. */
    private final AtomicInteger lendHolds = new AtomicInteger(2);

    private volatile @Nullable RuntimeException lendFailure;
    /** The collective schedule that posted this send, whose waiting thread may write its data. */
    private volatile @Nullable ScheduleRequest schedule;

    RendezvousSend(FlowControl flow, Progress progress, Outgoing message, Header dataHeader) {
        super(progress, flow, message);
        this.progress = progress;
        this.dataHeader = dataHeader;
        this.sequence = dataHeader.getSequence();
    }

    long sequence() {
        return sequence;
    }

    int destWorld() {
        return message.destWorld();
    }

    String describe() {
        return message.operation() + " (rendezvous: waiting for the receiver to post a matching receive)";
    }

    /** This send belongs to {@code s}: a thread waiting for the schedule writes its data. */
    void ownedBy(ScheduleRequest s) {
        schedule = s;
    }

    /**
     * The receiver matched the request-to-send. Runs on the I/O-driving thread: never
     * blocks, only hands the write to a waiting thread (of this send, or of the collective
     * schedule it belongs to) or to the sender thread.
     */
    void cleared() {
        if (!state.compareAndSet(AWAITING_CLEAR, CLEARED)) {
            return;
        }
        Thread w = waitingThread();
        if (w != null) {
            progress.wake(w);
            return;
        }
        ScheduleRequest s = schedule;
        if ((s == null || !s.writeByWaiter(this)) && !flow.writers().offer(this)) {
            handOff();
        }
    }

    /** Has the sender thread write the data (if nobody claims it first). */
    void handOff() {
        flow.transmitLater(this);
    }

    /** Writes the data if no other thread has claimed it; called by a waiter or the sender thread. */
    void transmitIfUnclaimed() {
        if (!state.compareAndSet(CLEARED, CLAIMED)) {
            return;
        }
        LentBuffer lent = null;
        if (LentBuffer.canLend(message.buf())) {
            try {
                lent = new LentBuffer(
                        (java.nio.ByteBuffer) message.buf(),
                        message.offset(),
                        (int) message.bytes(),
                        this::lendHoldDone);
            } catch (RuntimeException e) {
                failWith(dataFailure(e));
                return;
            }
        }
        RuntimeException failure = null;
        try {
            transmitPieces(lent);
        } catch (RuntimeException e) {
            failure = dataFailure(e);
        } finally {
            if (lent != null) {
                // The transport's slices keep it until written; it comes back through lendHoldDone.
                lent.release();
            }
        }
        if (lent == null) {
            if (failure != null) {
                failWith(failure);
            } else {
                succeed(message.status());
            }
            return;
        }
        if (failure != null) {
            lendFailure = failure;
        }
        lendHoldDone();
    }

    /**
     * Writes the data as pieces of at most {@link #PIECE_BYTES}, each a whole number of
     * elements and its own frame ({@code data_offset} says where it goes), encoding each just
     * before it is written: the receiver copies a piece into place while the next is on the
     * wire, and the sender holds at most one encoded piece beyond what the channel buffers.
     * A lent buffer is written as slices of the user's memory.
     */
    private void transmitPieces(@Nullable LentBuffer lent) {
        int elementBytes = Buffers.datatypeOf(message.buf(), "buf").sizeBytes();
        int bytes = (int) message.bytes();
        int perPiece = Math.max(1, PIECE_BYTES / elementBytes) * elementBytes;
        int at = 0;
        do {
            int n = Math.min(perPiece, bytes - at);
            ByteBuf payload = lent != null ? lent.retainedSlice(at, n) : flow.encode(message, at / elementBytes, n);
            Header h = at == 0
                    ? dataHeader
                    : dataHeader.toBuilder().setDataOffset(at).build();
            // Consumes the payload whatever happens.
            flow.transmit(message.destWorld(), h, payload, message.operation());
            at += n;
        } while (at < bytes);
    }

    private RuntimeException dataFailure(RuntimeException e) {
        return e instanceof dev.jmpi.JmpiException
                ? e
                : new dev.jmpi.JmpiException(message.operation() + " failed while sending its data: " + e, e, true);
    }

    /** One of the two holds on a lent buffer ended (handed over; returned): completes after both. */
    private void lendHoldDone() {
        if (lendHolds.decrementAndGet() != 0 || isDone()) {
            return;
        }
        RuntimeException f = lendFailure;
        if (f != null) {
            failWith(f);
        } else {
            succeed(message.status());
        }
    }

    void fail(Breakage b) {
        failWith(b.toException(message.operation().toString()));
    }

    @Override
    boolean hasWorkForWaiter() {
        return state.get() == CLEARED || flow.writers().hasWork();
    }

    @Override
    void doWorkForWaiter() {
        if (state.get() == CLEARED) {
            transmitIfUnclaimed();
        } else {
            flow.writers().writeOne();
        }
    }

    /** The waiting thread writes the rank's other cleared sends meanwhile ({@link ClearedSendWriters}). */
    @Override
    void waiterArrived() {
        flow.writers().arrive();
    }

    /** Once this send is done, its waiter writes the others cleared meanwhile before it returns. */
    @Override
    void waiterLeft() {
        flow.writers().leave(isDone() && failure() == null, progress);
    }

    /**
     * A send cannot be taken back once its request-to-send is out (MPI-4 deprecates
     * cancelling sends; MPI lets cancel fail): returns false, and the send completes when
     * matched or fails with the job.
     */
    @Override
    public boolean cancel() {
        return false;
    }
}
