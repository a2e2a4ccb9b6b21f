package mpi;

import java.lang.reflect.Array;

/**
 * The Java element type under a datatype: a buffer is always a one-dimensional array of
 * exactly one of these.
 */
enum Base {
    BYTE(byte[].class, dev.jmpi.Datatype.BYTE, 1),
    CHAR(char[].class, dev.jmpi.Datatype.CHAR, 2),
    SHORT(short[].class, dev.jmpi.Datatype.SHORT, 2),
    BOOLEAN(boolean[].class, dev.jmpi.Datatype.BOOLEAN, 1),
    INT(int[].class, dev.jmpi.Datatype.INT, 4),
    LONG(long[].class, dev.jmpi.Datatype.LONG, 8),
    FLOAT(float[].class, dev.jmpi.Datatype.FLOAT, 4),
    DOUBLE(double[].class, dev.jmpi.Datatype.DOUBLE, 8),
    OBJECT(Object[].class, null, -1);

    private final Class<?> arrayClass;
    private final dev.jmpi.Datatype core;
    private final int bytes;

    Base(Class<?> arrayClass, dev.jmpi.Datatype core, int bytes) {
        this.arrayClass = arrayClass;
        this.core = core;
        this.bytes = bytes;
    }

    /** The core datatype, or null for OBJECT. */
    dev.jmpi.Datatype core() {
        return core;
    }

    /** Bytes per element when packed, or -1 for OBJECT (variable). */
    int bytes() {
        return bytes;
    }

    /** True if {@code buf} is an array of this element type. */
    boolean accepts(Object buf) {
        return this == OBJECT ? buf instanceof Object[] : arrayClass.isInstance(buf);
    }

    /** A new array of this element type. */
    Object newArray(int length) {
        return this == OBJECT ? new Object[length] : Array.newInstance(arrayClass.getComponentType(), length);
    }

    /** Simple name of the array type, for messages. */
    String arrayName() {
        return arrayClass.getSimpleName();
    }
}
