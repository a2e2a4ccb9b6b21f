package dev.jmpi.core.internal;

import java.nio.ByteBuffer;

/** Copies slices of user buffers. */
final class Copies {

    private Copies() {}

    /** A new buffer of the same type holding {@code count} elements from {@code offset}. */
    static Object copyOf(Object buf, int offset, int count) {
        if (buf instanceof ByteBuffer bb) {
            ByteBuffer src = bb.duplicate();
            src.position(bb.position() + offset).limit(bb.position() + offset + count);
            ByteBuffer copy = ByteBuffer.allocate(count);
            copy.put(src).flip();
            return copy;
        }
        Object copy = java.lang.reflect.Array.newInstance(buf.getClass().getComponentType(), count);
        System.arraycopy(buf, offset, copy, 0, count);
        return copy;
    }
}
