package dev.jmpi.core.internal;

import dev.jmpi.transport.DirectLanding;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One piece of rendezvous data read by the transport straight into the receive's direct
 * {@code ByteBuffer} ({@link RecvRequest#directLanding}): no copy but the few bytes that
 * came with the piece's header.
 *
 * <p>Closing: a receive that fails closes its landing before it completes, and
 * {@link #close} returns only once no write is under way and none can begin, so nothing is
 * written into the user's buffer after the user has it back (the transport drops the rest
 * of the piece). Writes run on the thread that drives the I/O, one at a time; {@link #close}
 * on any thread.
 */
final class ReceiveLanding implements DirectLanding {

    private static final int OPEN = 0;
    private static final int WRITING = 1;
    /** A write is under way and {@link #close} waits for it. */
    private static final int WRITING_CLOSING = 2;

    private static final int CLOSED = 3;

    private final ByteBuffer target;
    private final long dataOffset;
    private final FlowControl flow;
    private final AtomicInteger state = new AtomicInteger(OPEN);
    /** Bytes written so far; only the writing thread touches it. */
    private int landedBytes;

    /** Lands the piece at {@code dataOffset} of the message in {@code target} (exactly the piece's bytes). */
    ReceiveLanding(ByteBuffer target, long dataOffset, FlowControl flow) {
        this.target = target;
        this.dataOffset = dataOffset;
        this.flow = flow;
    }

    @Override
    public ByteBuffer target() {
        return target;
    }

    @Override
    public boolean acquire() {
        return state.compareAndSet(OPEN, WRITING);
    }

    @Override
    public void release(int bytes, boolean copied) {
        landedBytes += bytes;
        flow.receivedRendezvousBytes(bytes, copied);
        if (!state.compareAndSet(WRITING, OPEN)) {
            state.set(CLOSED); // close() waits for this write
        }
    }

    /** Where the piece starts in the message. */
    long dataOffset() {
        return dataOffset;
    }

    /** The piece's size. */
    int bytes() {
        return target.limit();
    }

    /** Bytes written so far (all of them once the transport delivers the piece's header). */
    int landedBytes() {
        return landedBytes;
    }

    /** Whether {@link #close} is waiting for a write under way (for tests). */
    boolean closing() {
        return state.get() == WRITING_CLOSING;
    }

    /** No write may begin after this returns, and none is under way. Idempotent. */
    void close() {
        int spins = 0;
        while (true) {
            int s = state.get();
            if (s == CLOSED) {
                return;
            }
            if (s == OPEN && state.compareAndSet(OPEN, CLOSED)) {
                return;
            }
            if (s == WRITING) {
                state.compareAndSet(WRITING, WRITING_CLOSING);
            }
            // A write is one non-blocking socket read or one copy: wait it out.
            if (++spins < 1000) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }
}
