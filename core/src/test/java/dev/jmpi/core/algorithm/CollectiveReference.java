package dev.jmpi.core.algorithm;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.List;

/**
 * Sequential references for the collective tests: deterministic per-rank inputs chosen so
 * that every reduction is exact (small integers in floating point, so any association gives
 * the same bits), folds in rank order, and array comparison with a readable first
 * difference. Reusable over any {@link RankRunner}.
 */
public final class CollectiveReference {

    /** Every predefined op. */
    public static final List<Op> BUILTIN_OPS = List.of(
            Op.SUM, Op.PROD, Op.MIN, Op.MAX, Op.LAND, Op.LOR, Op.LXOR, Op.BAND, Op.BOR, Op.BXOR, Op.MINLOC, Op.MAXLOC);

    /**
     * A non-commutative, associative op on longs: each value is a string of hex digits, and
     * {@code x op y} appends y's digits to x's. Rank r contributing {@code r + 1} makes the
     * reduction of ranks 0..3 read {@code 0x1234}, so any order mistake is visible at a glance.
     */
    public static final Op HEX_CONCAT = Op.create(
            "hexConcat",
            (in, io, inout, ioo, count, type) -> {
                long[] a = (long[]) in;
                long[] b = (long[]) inout;
                for (int i = 0; i < count; i++) {
                    b[ioo + i] = concat(a[io + i], b[ioo + i]);
                }
            },
            false);

    /** A non-commutative op: 2x2 int matrix product, four ints per operand, row-major. */
    public static final Op MATMUL_2X2 = Op.create(
            "matmul2x2",
            (in, io, inout, ioo, count, type) -> {
                int[] a = (int[]) in;
                int[] b = (int[]) inout;
                for (int k = 0; k < count; k += 4) {
                    int[] product = multiply(a, io + k, b, ioo + k);
                    System.arraycopy(product, 0, b, ioo + k, 4);
                }
            },
            false);

    private CollectiveReference() {}

    static long concat(long x, long y) {
        int digits = y == 0 ? 1 : (64 - Long.numberOfLeadingZeros(y) + 3) / 4;
        return (x << (4 * digits)) | y;
    }

    static int[] multiply(int[] a, int ao, int[] b, int bo) {
        return new int[] {
            a[ao] * b[bo] + a[ao + 1] * b[bo + 2], a[ao] * b[bo + 1] + a[ao + 1] * b[bo + 3],
            a[ao + 2] * b[bo] + a[ao + 3] * b[bo + 2], a[ao + 2] * b[bo + 1] + a[ao + 3] * b[bo + 3]
        };
    }

    /** The types {@code op} reduces, in a fixed order. */
    public static List<Datatype> typesOf(Op op) {
        return Arrays.stream(Datatype.values()).filter(op::supports).toList();
    }

    /** A deterministic pseudo-random number for (rank, index, salt). */
    static long hash(int rank, int index, int salt) {
        long z = (rank * 0x9E3779B97F4A7C15L) ^ (index * 0xBF58476D1CE4E5B9L) ^ (salt * 0x94D049BB133111EBL);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Rank {@code rank}'s input for {@code op} over {@code type}: {@code count} elements. */
    public static Object input(Op op, Datatype type, int rank, int count, int salt) {
        Object array = Array.newInstance(type.arrayClass().getComponentType(), count);
        boolean unsigned = type == Datatype.CHAR;
        for (int i = 0; i < count; i++) {
            long h = hash(rank, i, salt);
            long u = h >>> 1;
            long v;
            if (op == Op.SUM) {
                v = unsigned ? u % 9 : u % 17 - 8;
            } else if (op == Op.PROD) {
                v = unsigned ? 1 + u % 3 : new long[] {-2, -1, 1, 2, 3}[(int) (u % 5)];
            } else if (op == Op.MIN || op == Op.MAX) {
                v = unsigned ? u % 200 : u % 201 - 100;
            } else if (op == Op.LAND || op == Op.LOR || op == Op.LXOR) {
                v = u % 8 == 0 ? 0 : u % 8 < 4 ? 1 : 5;
            } else if (op == Op.MINLOC || op == Op.MAXLOC) {
                v = i % 2 == 0 ? u % 4 : (rank * 7L + i / 2) % 11;
            } else {
                v = h;
            }
            set(array, i, v);
        }
        return array;
    }

    /** Plain data for movement collectives: element i of rank r, distinct across ranks. */
    public static Object data(Datatype type, int rank, int count, int salt) {
        Object array = Array.newInstance(type.arrayClass().getComponentType(), count);
        for (int i = 0; i < count; i++) {
            set(array, i, type == Datatype.BOOLEAN ? hash(rank, i, salt) & 1 : (rank + 1) * 1000L + i + salt);
        }
        return array;
    }

    static void set(Object array, int i, long v) {
        switch (Datatype.ofArray(array)) {
            case BYTE -> ((byte[]) array)[i] = (byte) v;
            case SHORT -> ((short[]) array)[i] = (short) v;
            case INT -> ((int[]) array)[i] = (int) v;
            case LONG -> ((long[]) array)[i] = v;
            case FLOAT -> ((float[]) array)[i] = (float) v;
            case DOUBLE -> ((double[]) array)[i] = (double) v;
            case CHAR -> ((char[]) array)[i] = (char) v;
            case BOOLEAN -> ((boolean[]) array)[i] = v != 0;
            default -> throw new IllegalArgumentException("no such type");
        }
    }

    /**
     * {@code in(from) op in(from+1) op ... op in(to-1)}, left to right, with {@link #input};
     * {@code null} if the range is empty.
     */
    public static Object fold(Op op, Datatype type, int count, int from, int to, int salt) {
        Object acc = null;
        for (int r = from; r < to; r++) {
            Object x = input(op, type, r, count, salt);
            if (acc != null) {
                op.reduceLocal(acc, 0, x, 0, count);
            }
            acc = x;
        }
        return acc;
    }

    /** A slice copy of an array. */
    public static Object slice(Object array, int offset, int count) {
        Object out = Array.newInstance(array.getClass().getComponentType(), count);
        System.arraycopy(array, offset, out, 0, count);
        return out;
    }

    /** A new array of {@code type}, filled with a recognisable value that no test produces. */
    public static Object sentinel(Datatype type, int count) {
        Object array = Array.newInstance(type.arrayClass().getComponentType(), count);
        for (int i = 0; i < count; i++) {
            set(array, i, type == Datatype.BOOLEAN ? 1 : 77);
        }
        return array;
    }

    /** Fails naming the first differing index if {@code actual[offset..]} differs from {@code expected}. */
    public static void assertSlice(Object expected, Object actual, int offset, String what) {
        int n = Array.getLength(expected);
        for (int i = 0; i < n; i++) {
            Object e = Array.get(expected, i);
            Object a = Array.get(actual, offset + i);
            if (!e.equals(a)) {
                fail(what + ": first difference at element " + i + " of " + n + ": expected " + e + " but was " + a);
            }
        }
    }
}
