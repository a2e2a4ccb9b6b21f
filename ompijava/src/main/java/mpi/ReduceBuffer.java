package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reduction operand as the core sees it. Mostly a {@link Staged} buffer; for MINLOC and
 * MAXLOC over the pair types (whose buffers hold C-layout structs in bytes) the pairs are
 * decoded into an interleaved (value, index) array the core's kernels reduce: {@code int[]}
 * for INT2 and SHORT_INT, {@code long[]} for LONG_INT, {@code double[]} for FLOAT_INT and
 * DOUBLE_INT (a float widens to double exactly, so order and ties are unchanged).
 */
final class ReduceBuffer {

    final Object array;
    final int offset;
    final int length;
    private final Staged staged;
    private final Datatype type;
    private final int count;

    private ReduceBuffer(Object array, int offset, int length, Staged staged, Datatype type, int count) {
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.staged = staged;
        this.type = type;
        this.count = count;
    }

    static ReduceBuffer of(Object buf, int count, Datatype type, Op op) throws MPIException {
        Staged s = Staged.of(buf, count, type);
        if (type.pairType == Datatype.NULL || !op.isMinMaxLoc()) {
            return new ReduceBuffer(s.array, s.offset, s.length, s, type, count);
        }
        Object pairs = decode((byte[]) s.array, s.offset, count, type.pairType);
        return new ReduceBuffer(pairs, 0, 2 * count, s, type, count);
    }

    /** Writes the core's result back into the user's buffer. */
    void writeBack() {
        if (array != staged.array) {
            encode(array, (byte[]) staged.array, staged.offset, count, type.pairType);
        }
        staged.writeBack();
    }

    /** Bytes of the value, then of the index, in one pair type's packed item. */
    private static int valueBytes(int pairType) {
        return switch (pairType) {
            case Datatype.SHORT_INT -> 2;
            case Datatype.LONG_INT, Datatype.DOUBLE_INT -> 8;
            default -> 4;
        };
    }

    private static Object decode(byte[] bytes, int off, int count, int pairType) {
        int item = valueBytes(pairType) + 4;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        switch (pairType) {
            case Datatype.LONG_INT -> {
                long[] out = new long[2 * count];
                for (int i = 0; i < count; i++) {
                    out[2 * i] = b.getLong(off + i * item);
                    out[2 * i + 1] = b.getInt(off + i * item + 8);
                }
                return out;
            }
            case Datatype.FLOAT_INT, Datatype.DOUBLE_INT -> {
                double[] out = new double[2 * count];
                boolean isFloat = pairType == Datatype.FLOAT_INT;
                int vb = valueBytes(pairType);
                for (int i = 0; i < count; i++) {
                    out[2 * i] = isFloat ? b.getFloat(off + i * item) : b.getDouble(off + i * item);
                    out[2 * i + 1] = b.getInt(off + i * item + vb);
                }
                return out;
            }
            default -> {
                int[] out = new int[2 * count];
                boolean isShort = pairType == Datatype.SHORT_INT;
                int vb = valueBytes(pairType);
                for (int i = 0; i < count; i++) {
                    out[2 * i] = isShort ? b.getShort(off + i * item) : b.getInt(off + i * item);
                    out[2 * i + 1] = b.getInt(off + i * item + vb);
                }
                return out;
            }
        }
    }

    private static void encode(Object pairs, byte[] bytes, int off, int count, int pairType) {
        int item = valueBytes(pairType) + 4;
        int vb = valueBytes(pairType);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
        for (int i = 0; i < count; i++) {
            int at = off + i * item;
            switch (pairType) {
                case Datatype.LONG_INT -> {
                    long[] p = (long[]) pairs;
                    b.putLong(at, p[2 * i]);
                    b.putInt(at + vb, (int) p[2 * i + 1]);
                }
                case Datatype.FLOAT_INT -> {
                    double[] p = (double[]) pairs;
                    b.putFloat(at, (float) p[2 * i]);
                    b.putInt(at + vb, (int) p[2 * i + 1]);
                }
                case Datatype.DOUBLE_INT -> {
                    double[] p = (double[]) pairs;
                    b.putDouble(at, p[2 * i]);
                    b.putInt(at + vb, (int) p[2 * i + 1]);
                }
                case Datatype.SHORT_INT -> {
                    int[] p = (int[]) pairs;
                    b.putShort(at, (short) p[2 * i]);
                    b.putInt(at + vb, p[2 * i + 1]);
                }
                default -> {
                    int[] p = (int[]) pairs;
                    b.putInt(at, p[2 * i]);
                    b.putInt(at + vb, p[2 * i + 1]);
                }
            }
        }
    }
}
