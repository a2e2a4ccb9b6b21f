package dev.jmpi;

import org.jspecify.annotations.Nullable;

/**
 * The element types jmpi moves and reduces. Typed buffers are Java primitive arrays; the
 * array's component type is the datatype. On the wire every element is little-endian.
 */
public enum Datatype {
    /** {@code byte[]}, or the bytes of a {@link java.nio.ByteBuffer}. */
    BYTE(1, byte[].class),
    /** {@code short[]}. */
    SHORT(2, short[].class),
    /** {@code int[]}. */
    INT(4, int[].class),
    /** {@code long[]}. */
    LONG(8, long[].class),
    /** {@code float[]}. */
    FLOAT(4, float[].class),
    /** {@code double[]}. */
    DOUBLE(8, double[].class),
    /** {@code char[]} (UTF-16 code units). */
    CHAR(2, char[].class),
    /** {@code boolean[]}, one byte per element on the wire. */
    BOOLEAN(1, boolean[].class);

    private final int sizeBytes;
    private final Class<?> arrayClass;

    Datatype(int sizeBytes, Class<?> arrayClass) {
        this.sizeBytes = sizeBytes;
        this.arrayClass = arrayClass;
    }

    /**
     * Bytes one element takes on the wire.
     *
     * @return the size of one element in bytes
     */
    public int sizeBytes() {
        return sizeBytes;
    }

    /**
     * The Java array class that holds this type, e.g. {@code double[].class}.
     *
     * @return the class of this type's primitive arrays
     */
    public Class<?> arrayClass() {
        return arrayClass;
    }

    /**
     * The datatype of a primitive array, or {@code null} if {@code buf} is not one.
     *
     * @param buf a primitive array
     * @return the element type of the array; {@code null} if {@code buf} is not a primitive array
     */
    public static @Nullable Datatype ofArray(@Nullable Object buf) {
        if (buf instanceof double[]) {
            return DOUBLE;
        } else if (buf instanceof int[]) {
            return INT;
        } else if (buf instanceof long[]) {
            return LONG;
        } else if (buf instanceof byte[]) {
            return BYTE;
        } else if (buf instanceof float[]) {
            return FLOAT;
        } else if (buf instanceof short[]) {
            return SHORT;
        } else if (buf instanceof char[]) {
            return CHAR;
        } else if (buf instanceof boolean[]) {
            return BOOLEAN;
        }
        return null;
    }
}
