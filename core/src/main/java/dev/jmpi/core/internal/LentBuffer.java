package dev.jmpi.core.internal;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.nio.ByteBuffer;

/**
 * A user's direct {@link ByteBuffer} lent to the transport for one send, instead of copied
 * into a wire buffer: the socket write reads the user's memory itself. The transport
 * releases its last reference once the bytes have been written to the socket (or dropped,
 * when the connection failed); only then does {@code onReturned} run, on the releasing
 * thread (usually the one driving the I/O), and only then may the send complete, since the
 * user may change the buffer as soon as it has.
 *
 * <p>Never frees the memory: it belongs to the user's {@code ByteBuffer}.
 */
final class LentBuffer extends UnpooledDirectByteBuf {

    private final Runnable onReturned;

    /** Lends {@code bytes} bytes of {@code buf} starting {@code offset} past its position. */
    LentBuffer(ByteBuffer buf, int offset, int bytes, Runnable onReturned) {
        super(UnpooledByteBufAllocator.DEFAULT, view(buf, offset, bytes), bytes);
        this.onReturned = onReturned;
    }

    private static ByteBuffer view(ByteBuffer buf, int offset, int bytes) {
        ByteBuffer v = buf.duplicate();
        v.position(buf.position() + offset).limit(buf.position() + offset + bytes);
        return v;
    }

    /** Whether a send from {@code buf} can lend it rather than copy it. */
    static boolean canLend(Object buf) {
        return buf instanceof ByteBuffer bb && bb.isDirect() && !bb.isReadOnly();
    }

    @Override
    protected void deallocate() {
        super.deallocate();
        onReturned.run();
    }
}
