package dev.jmpi.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.EmptyByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Where the payload of one inbound data frame goes while it is still arriving: the memory of
 * the receive it is for. Offered by the {@link InboundHandler} once the frame's header is known
 * ({@link InboundHandler#landing}); the frame is then delivered with the payload
 * {@link #LANDED}, its bytes already in place. With a {@link #directTarget} (a receiver's own direct buffer) the
 * transport reads the socket straight into it; otherwise it hands over each receive buffer as
 * it comes ({@link #write}), so the copy into a heap array overlaps the transfer instead of
 * following it, and is made while the bytes are still in the cache.
 *
 * <p>Every write of the transport is bracketed by {@link #acquire} and {@link #release}, so
 * the owner can close the landing (when its receive fails, before the user gets the buffer
 * back) and know that nothing writes into it afterwards: once {@code acquire} has returned
 * false the transport reads the rest of the payload into its own buffers and drops it.
 * Writes happen on the thread that drives the connection's I/O, one at a time, in payload
 * order; a write lasts one non-blocking socket read or one copy.
 */
public interface PayloadLanding {

    /**
     * The payload a frame is delivered with once its payload has landed (or was dropped, its
     * landing closed): empty, and this very instance, so the receiver can tell such a frame
     * from a message that carries no data. Releasing it does nothing.
     */
    ByteBuf LANDED = new EmptyByteBuf(UnpooledByteBufAllocator.DEFAULT);

    /** Whether {@code payload} is {@link #LANDED}: the instance itself, not just an empty buffer. */
    @SuppressWarnings("ReferenceEquality") // identity is the point: any other empty payload is a message's
    static boolean isLanded(ByteBuf payload) {
        return payload == LANDED;
    }

    /** The payload's size in bytes. */
    int bytes();

    /**
     * Direct memory whose bytes 0 to {@code limit()} are exactly the payload's, for socket
     * reads straight into it; null when the payload can only be {@link #write written} (a heap
     * array). The transport reads it through duplicates; it never moves its position.
     */
    @Nullable
    ByteBuffer directTarget();

    /**
     * Copies {@code n} bytes of {@code src}, from its reader index (which it does not move),
     * to offset {@code at} of the payload. Only between {@link #acquire} and {@link #release}.
     */
    void write(ByteBuf src, int at, int n);

    /**
     * Before a write: true if it may go on (and {@link #release} follows), false once the
     * landing is closed (the bytes are then dropped).
     */
    boolean acquire();

    /**
     * After a write of {@code bytes} bytes (possibly 0) that {@link #acquire} allowed;
     * {@code copied} when they came from a transport buffer ({@link #write}) rather than
     * straight from the socket.
     */
    void release(int bytes, boolean copied);
}
