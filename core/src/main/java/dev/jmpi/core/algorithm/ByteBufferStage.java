package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ByteBuffer} argument seen as a {@code byte[]} and an offset, so the algorithms deal
 * only in arrays. A writable heap buffer is used in place (its backing array, offset by
 * {@code arrayOffset() + position()}); a direct or read-only buffer's remaining bytes are
 * copied into a pooled array, and, for receive buffers, copied back by {@link #finish}.
 * Offsets the caller passes stay relative to the buffer's position, as in the API.
 */
final class ByteBufferStage {

    private final ByteBuffer buffer;
    private final byte[] array;
    private final int base;
    private final boolean staged;
    private final boolean output;
    private final ArrayPool pool;

    private ByteBufferStage(ByteBuffer buffer, byte[] array, int base, boolean staged, boolean output, ArrayPool pool) {
        this.buffer = buffer;
        this.array = array;
        this.base = base;
        this.staged = staged;
        this.output = output;
        this.pool = pool;
    }

    /**
     * Stages {@code buffer} if it is a ByteBuffer, else returns {@code null}.
     *
     * @param output whether the collective writes into it
     */
    static @Nullable ByteBufferStage of(@Nullable Object buffer, boolean output, String name, ArrayPool pool) {
        if (!(buffer instanceof ByteBuffer bb)) {
            return null;
        }
        if (output && bb.isReadOnly()) {
            throw new InvalidArgumentException(name + " is a read-only ByteBuffer (expected: a writable buffer)");
        }
        if (bb.hasArray()) {
            return new ByteBufferStage(bb, bb.array(), bb.arrayOffset() + bb.position(), false, output, pool);
        }
        byte[] copy = (byte[]) pool.acquire(Datatype.BYTE, bb.remaining());
        bb.duplicate().get(copy, 0, bb.remaining());
        return new ByteBufferStage(bb, copy, 0, true, output, pool);
    }

    /** The array to hand the algorithm, or {@code original} if it was not a ByteBuffer. */
    static @Nullable Object array(@Nullable ByteBufferStage stage, @Nullable Object original) {
        return stage == null ? original : stage.array;
    }

    /** The offset into {@link #array} of the caller's {@code offset}. */
    static int offset(@Nullable ByteBufferStage stage, int offset) {
        return stage == null ? offset : stage.base + offset;
    }

    /** Copies a staged receive buffer back and returns the scratch array; {@code null} is ignored. */
    static void finish(@Nullable ByteBufferStage stage, boolean succeeded) {
        if (stage == null || !stage.staged) {
            return;
        }
        if (succeeded && stage.output) {
            stage.buffer.duplicate().put(stage.array, 0, stage.buffer.remaining());
        }
        stage.pool.release(stage.array);
    }
}
