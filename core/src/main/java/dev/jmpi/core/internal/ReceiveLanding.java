package dev.jmpi.core.internal;

import dev.jmpi.transport.PayloadLanding;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One payload landing in a receive's buffer while it arrives ({@link RecvRequest}): a piece
 * of rendezvous data, or an eager message matched as soon as its header came. A direct
 * {@code ByteBuffer} is read into straight from the socket (no copy but the few bytes that
 * came with the header); any other buffer gets each receive buffer of the transport copied in
 * as it comes ({@link PayloadWriter}).
 *
 * <p>Closing: a receive that fails closes its landing before it completes, and
 * {@link #close} returns only once no write is under way and none can begin, so nothing is
 * written into the user's buffer after the user has it back (the transport drops the rest
 * of the payload). Writes run on the thread that drives the I/O, one at a time; {@link #close}
 * on any thread.
 */
final class ReceiveLanding implements PayloadLanding {

    private static final int OPEN = 0;
    private static final int WRITING = 1;
    /** A write is under way and {@link #close} waits for it. */
    private static final int WRITING_CLOSING = 2;

    private static final int CLOSED = 3;

    private final PayloadWriter writer;
    private final @Nullable ByteBuffer directTarget;
    private final long dataOffset;
    private final int bytes;
    /** Where rendezvous bytes are counted (copied or read straight in); null for an eager message. */
    private final @Nullable FlowControl rendezvousCounts;

    private final AtomicInteger state = new AtomicInteger(OPEN);
    /** Bytes written so far; only the writing thread touches it. */
    private int landedBytes;

    /**
     * Lands the {@code bytes} bytes at {@code dataOffset} of the message through {@code writer};
     * {@code directTarget}, if any, is the same memory as a direct buffer of exactly those bytes.
     */
    ReceiveLanding(
            PayloadWriter writer,
            @Nullable ByteBuffer directTarget,
            long dataOffset,
            int bytes,
            @Nullable FlowControl rendezvousCounts) {
        this.writer = writer;
        this.directTarget = directTarget;
        this.dataOffset = dataOffset;
        this.bytes = bytes;
        this.rendezvousCounts = rendezvousCounts;
    }

    @Override
    public int bytes() {
        return bytes;
    }

    @Override
    public @Nullable ByteBuffer directTarget() {
        return directTarget;
    }

    @Override
    public void write(ByteBuf src, int at, int n) {
        writer.write(src, at, n);
    }

    @Override
    public boolean acquire() {
        return state.compareAndSet(OPEN, WRITING);
    }

    @Override
    public void release(int written, boolean copied) {
        landedBytes += written;
        if (rendezvousCounts != null) {
            rendezvousCounts.receivedRendezvousBytes(written, copied);
        }
        if (!state.compareAndSet(WRITING, OPEN)) {
            state.set(CLOSED); // close() waits for this write
        }
    }

    /** Where the piece starts in the message. */
    long dataOffset() {
        return dataOffset;
    }

    /** Bytes written so far (all of them once the transport delivers the frame's header). */
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
