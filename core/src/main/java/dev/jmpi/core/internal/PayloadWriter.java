package dev.jmpi.core.internal;

import dev.jmpi.Datatype;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;

/**
 * Writes a payload that arrives in parts (the transport's receive buffers, in order) into a
 * receive's buffer as each part comes: bulk copies of the whole elements in the part, and an
 * element split between two parts stitched through a small carry, so every byte is copied
 * once. One payload, one thread at a time.
 */
final class PayloadWriter {

    private final Object buf;
    private final int firstElement;
    private final Datatype type;
    private final byte[] carry;
    /** Bytes of a split element held in {@link #carry}. */
    private int carried;

    /**
     * @param buf a typed array, or a {@code ByteBuffer} whose bytes 0 to the payload's size
     *     are exactly where the payload goes
     * @param firstElement the array element the payload's first byte belongs to (0 for a
     *     {@code ByteBuffer})
     */
    PayloadWriter(Object buf, int firstElement) {
        this.buf = buf;
        this.firstElement = firstElement;
        this.type = Buffers.datatypeOf(buf, "buf");
        this.carry = new byte[type.sizeBytes()];
    }

    /**
     * Copies {@code n} bytes of {@code src}, from its reader index (not moved), to offset
     * {@code at} of the payload; {@code at} is where the previous write ended.
     */
    void write(ByteBuf src, int at, int n) {
        int index = src.readerIndex();
        if (buf instanceof ByteBuffer bb) {
            ByteBuffer dst = bb.duplicate();
            dst.limit(at + n).position(at);
            src.getBytes(index, dst);
            return;
        }
        if (type == Datatype.BYTE) {
            src.getBytes(index, (byte[]) buf, firstElement + at, n);
            return;
        }
        int size = type.sizeBytes();
        int end = index + n;
        int element = firstElement + at / size;
        if (carried > 0) {
            int k = Math.min(size - carried, n);
            src.getBytes(index, carry, carried, k);
            carried += k;
            index += k;
            if (carried < size) {
                return;
            }
            Buffers.readElements(ByteBuffer.wrap(carry), type, buf, element, 1);
            element++;
            carried = 0;
        }
        int whole = (end - index) / size;
        if (whole > 0) {
            int bytes = whole * size;
            if (src.nioBufferCount() == 1) {
                Buffers.readElements(src.nioBuffer(index, bytes), type, buf, element, whole);
            } else {
                Buffers.readElementsFromParts(src.nioBuffers(index, bytes), type, buf, element);
            }
            index += bytes;
        }
        if (index < end) {
            carried = end - index;
            src.getBytes(index, carry, 0, carried);
        }
    }
}
