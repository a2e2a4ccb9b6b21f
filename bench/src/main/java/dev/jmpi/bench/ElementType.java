package dev.jmpi.bench;

import java.nio.ByteBuffer;

/**
 * The buffer types a benchmark can use ({@code --type}): primitive arrays, or a direct
 * {@link ByteBuffer} (jmpi's zero-copy path). Element access here is only for filling and
 * checking verification patterns, never inside a timed loop.
 */
enum ElementType {
    BYTE(1),
    SHORT(2),
    INT(4),
    LONG(8),
    FLOAT(4),
    DOUBLE(8),
    DIRECT(1);

    private final int sizeBytes;

    ElementType(int sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    int sizeBytes() {
        return sizeBytes;
    }

    /** True if reductions (SUM) are defined on this type. */
    boolean reducible() {
        return this != DIRECT;
    }

    Object allocate(int count) {
        return switch (this) {
            case BYTE -> new byte[count];
            case SHORT -> new short[count];
            case INT -> new int[count];
            case LONG -> new long[count];
            case FLOAT -> new float[count];
            case DOUBLE -> new double[count];
            case DIRECT -> ByteBuffer.allocateDirect(count);
        };
    }

    /** Stores the small integer {@code v} at element {@code i} (wrapping for narrow types). */
    void set(Object buf, int i, long v) {
        switch (this) {
            case BYTE -> ((byte[]) buf)[i] = (byte) v;
            case SHORT -> ((short[]) buf)[i] = (short) v;
            case INT -> ((int[]) buf)[i] = (int) v;
            case LONG -> ((long[]) buf)[i] = v;
            case FLOAT -> ((float[]) buf)[i] = v;
            case DOUBLE -> ((double[]) buf)[i] = v;
            case DIRECT -> ((ByteBuffer) buf).put(i, (byte) v);
            default -> throw new IllegalStateException("unreachable: " + this);
        }
    }

    /** The element at {@code i} as a long (exact for the small integers the patterns use). */
    long get(Object buf, int i) {
        return switch (this) {
            case BYTE -> ((byte[]) buf)[i];
            case SHORT -> ((short[]) buf)[i];
            case INT -> ((int[]) buf)[i];
            case LONG -> ((long[]) buf)[i];
            case FLOAT -> (long) ((float[]) buf)[i];
            case DOUBLE -> (long) ((double[]) buf)[i];
            case DIRECT -> ((ByteBuffer) buf).get(i);
        };
    }

    /** {@code v} as the element type stores it: wrapped to its width for the integer types. */
    long normalize(long v) {
        return switch (this) {
            case BYTE, DIRECT -> (byte) v;
            case SHORT -> (short) v;
            case INT -> (int) v;
            case LONG, FLOAT, DOUBLE -> v;
        };
    }
}
