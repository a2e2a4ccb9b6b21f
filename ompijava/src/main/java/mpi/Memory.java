package mpi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * A user's buffer seen as an indexed run of elements of one base type: a primitive array, or
 * an NIO buffer addressed from its start (position and limit are ignored, as Open MPI reads
 * the memory itself). A heap buffer is its backing array from {@code arrayOffset()}; a
 * {@code ByteBuffer} holding wider elements is read in native byte order, as memory is.
 */
final class Memory {

    /** A primitive array or a typed NIO buffer of the base type. */
    final Object target;
    /** Index of the buffer's first element in {@link #target}. */
    final int first;

    private Memory(Object target, int first) {
        this.target = target;
        this.first = first;
    }

    static Memory of(Object buf, Datatype type) throws MPIException {
        if (buf instanceof Buffer b) {
            if (!b.isDirect() && b.hasArray() && !(b instanceof ByteBuffer && type.baseType != Datatype.BYTE)) {
                return checked(new Memory(b.array(), b.arrayOffset()), buf, type);
            }
            if (b instanceof ByteBuffer bb && type.baseType != Datatype.BYTE && type.baseType != Datatype.BOOLEAN) {
                ByteBuffer whole = bb.duplicate().clear().order(ByteOrder.nativeOrder());
                return checked(new Memory(view(whole, type.baseType), 0), buf, type);
            }
            return checked(new Memory(b, 0), buf, type);
        }
        return checked(new Memory(buf, 0), buf, type);
    }

    private static Object view(ByteBuffer bb, int baseType) {
        return switch (baseType) {
            case Datatype.CHAR -> bb.asCharBuffer();
            case Datatype.SHORT -> bb.asShortBuffer();
            case Datatype.INT -> bb.asIntBuffer();
            case Datatype.LONG -> bb.asLongBuffer();
            case Datatype.FLOAT -> bb.asFloatBuffer();
            case Datatype.DOUBLE -> bb.asDoubleBuffer();
            default -> bb;
        };
    }

    private static Memory checked(Memory m, Object original, Datatype type) throws MPIException {
        Object t = m.target;
        boolean ok = switch (type.baseType) {
            case Datatype.BYTE -> t instanceof byte[] || t instanceof ByteBuffer;
            case Datatype.BOOLEAN -> t instanceof boolean[] || t instanceof ByteBuffer;
            case Datatype.CHAR -> t instanceof char[] || t instanceof CharBuffer;
            case Datatype.SHORT -> t instanceof short[] || t instanceof ShortBuffer;
            case Datatype.INT -> t instanceof int[] || t instanceof IntBuffer;
            case Datatype.LONG -> t instanceof long[] || t instanceof LongBuffer;
            case Datatype.FLOAT -> t instanceof float[] || t instanceof FloatBuffer;
            case Datatype.DOUBLE -> t instanceof double[] || t instanceof DoubleBuffer;
            default -> false;
        };
        if (!ok) {
            throw new MPIException(
                    ErrorCodes.ERR_BUFFER,
                    "buffer "
                            + (original == null ? "null" : original.getClass().getSimpleName())
                            + " cannot hold elements of "
                            + type + " (expected: " + expected(type.baseType) + ")",
                    null);
        }
        return m;
    }

    private static String expected(int baseType) {
        return switch (baseType) {
            case Datatype.BYTE -> "byte[] or a ByteBuffer";
            case Datatype.BOOLEAN -> "boolean[] or a ByteBuffer";
            case Datatype.CHAR -> "char[], a CharBuffer or a ByteBuffer";
            case Datatype.SHORT -> "short[], a ShortBuffer or a ByteBuffer";
            case Datatype.INT -> "int[], an IntBuffer or a ByteBuffer";
            case Datatype.LONG -> "long[], a LongBuffer or a ByteBuffer";
            case Datatype.FLOAT -> "float[], a FloatBuffer or a ByteBuffer";
            case Datatype.DOUBLE -> "double[], a DoubleBuffer or a ByteBuffer";
            default -> "a usable datatype";
        };
    }

    boolean isArray() {
        return !(target instanceof Buffer);
    }

    int length() {
        return isArray() ? java.lang.reflect.Array.getLength(target) : ((Buffer) target).capacity();
    }

    /** Copies {@code len} elements from index {@code at} into {@code dst} at {@code dstOff}. */
    void read(int at, Object dst, int dstOff, int len) {
        if (isArray()) {
            System.arraycopy(target, at, dst, dstOff, len);
        } else if (dst instanceof boolean[] bools) {
            ByteBuffer bb = (ByteBuffer) target;
            for (int i = 0; i < len; i++) {
                bools[dstOff + i] = bb.get(at + i) != 0;
            }
        } else if (target instanceof ByteBuffer b) {
            b.get(at, (byte[]) dst, dstOff, len);
        } else if (target instanceof IntBuffer b) {
            b.get(at, (int[]) dst, dstOff, len);
        } else if (target instanceof DoubleBuffer b) {
            b.get(at, (double[]) dst, dstOff, len);
        } else if (target instanceof LongBuffer b) {
            b.get(at, (long[]) dst, dstOff, len);
        } else if (target instanceof FloatBuffer b) {
            b.get(at, (float[]) dst, dstOff, len);
        } else if (target instanceof ShortBuffer b) {
            b.get(at, (short[]) dst, dstOff, len);
        } else {
            ((CharBuffer) target).get(at, (char[]) dst, dstOff, len);
        }
    }

    /** Copies {@code len} elements of {@code src} from {@code srcOff} to index {@code at}. */
    void write(int at, Object src, int srcOff, int len) {
        if (isArray()) {
            System.arraycopy(src, srcOff, target, at, len);
        } else if (src instanceof boolean[] bools) {
            ByteBuffer bb = (ByteBuffer) target;
            for (int i = 0; i < len; i++) {
                bb.put(at + i, (byte) (bools[srcOff + i] ? 1 : 0));
            }
        } else if (target instanceof ByteBuffer b) {
            b.put(at, (byte[]) src, srcOff, len);
        } else if (target instanceof IntBuffer b) {
            b.put(at, (int[]) src, srcOff, len);
        } else if (target instanceof DoubleBuffer b) {
            b.put(at, (double[]) src, srcOff, len);
        } else if (target instanceof LongBuffer b) {
            b.put(at, (long[]) src, srcOff, len);
        } else if (target instanceof FloatBuffer b) {
            b.put(at, (float[]) src, srcOff, len);
        } else if (target instanceof ShortBuffer b) {
            b.put(at, (short[]) src, srcOff, len);
        } else {
            ((CharBuffer) target).put(at, (char[]) src, srcOff, len);
        }
    }

    static Object newArray(int baseType, int n) {
        return switch (baseType) {
            case Datatype.BOOLEAN -> new boolean[n];
            case Datatype.CHAR -> new char[n];
            case Datatype.SHORT -> new short[n];
            case Datatype.INT -> new int[n];
            case Datatype.LONG -> new long[n];
            case Datatype.FLOAT -> new float[n];
            case Datatype.DOUBLE -> new double[n];
            default -> new byte[n];
        };
    }
}
