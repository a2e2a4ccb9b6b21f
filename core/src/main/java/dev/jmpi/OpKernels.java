package dev.jmpi;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The bulk loops behind the predefined ops: {@code inout[bo + i] = in[ao + i] op inout[bo + i]}
 * for {@code i < n}, one plain indexed loop per (op, type) over primitive arrays, so the JIT can
 * unroll and vectorize it. No boxing, no per-element decode, no virtual call per element: the
 * op and the type are dispatched once per call.
 *
 * <p>Every loop exists twice: once for {@code inOffset == inoutOffset}, indexing both arrays
 * with one offset, and once for different offsets. C2 (JDK 17) vectorizes only the first:
 * with two different loop-invariant offsets into two arrays that might be the same array it
 * cannot rule out a dependence between iterations, and falls back to scalar code, measured
 * 2.1x slower for a double SUM over 64 Ki elements (see the JMH benchmark
 * {@code dev.jmpi.bench.kernels.ReductionKernelBenchmark}). The algorithms therefore combine
 * with equal offsets wherever they can.
 *
 * <p>Semantics, per type:
 * <ul>
 * <li>Integer SUM and PROD wrap around on overflow (Java arithmetic). byte, short and char
 *     results are narrowed back to their type.</li>
 * <li>float and double MIN/MAX use {@link Math#min}/{@link Math#max}: a NaN operand gives NaN,
 *     and -0.0 is smaller than 0.0.</li>
 * <li>LAND, LOR, LXOR on integer types treat non-zero as true and store 1 or 0.</li>
 * <li>MINLOC/MAXLOC read interleaved {@code (value, index)} pairs: the smaller (larger) value
 *     wins, and on equal values the smaller index, which makes them commutative and
 *     associative. Pairs with a NaN value are not ordered (the inout pair is kept).</li>
 * </ul>
 *
 * <p>Stateless; safe from any thread.
 */
// Logical ops use & and | on purpose: no branch in the loop, so the JIT can vectorize it.
@SuppressWarnings("ShortCircuitBoolean")
final class OpKernels {

    /** Kernel number of a user-defined op (no kernel). */
    static final int USER = -1;

    private static final int SUM = 0;
    private static final int PROD = 1;
    private static final int MIN = 2;
    private static final int MAX = 3;
    private static final int LAND = 4;
    private static final int LOR = 5;
    private static final int LXOR = 6;
    private static final int BAND = 7;
    private static final int BOR = 8;
    private static final int BXOR = 9;
    private static final int MINLOC = 10;
    private static final int MAXLOC = 11;

    private static final List<String> NAMES =
            List.of("SUM", "PROD", "MIN", "MAX", "LAND", "LOR", "LXOR", "BAND", "BOR", "BXOR", "MINLOC", "MAXLOC");

    private static final Set<Datatype> NUMERIC = Collections.unmodifiableSet(EnumSet.of(
            Datatype.BYTE,
            Datatype.SHORT,
            Datatype.INT,
            Datatype.LONG,
            Datatype.FLOAT,
            Datatype.DOUBLE,
            Datatype.CHAR));
    private static final Set<Datatype> INTEGRAL_AND_BOOLEAN = Collections.unmodifiableSet(
            EnumSet.of(Datatype.BOOLEAN, Datatype.BYTE, Datatype.SHORT, Datatype.INT, Datatype.LONG, Datatype.CHAR));
    private static final Set<Datatype> PAIRS =
            Collections.unmodifiableSet(EnumSet.of(Datatype.INT, Datatype.LONG, Datatype.FLOAT, Datatype.DOUBLE));

    private OpKernels() {}

    /** The kernel number of a predefined op's name, or {@link #USER} if there is none. */
    static int kernelOf(String name) {
        return NAMES.indexOf(name);
    }

    /** Whether the predefined op called {@code name} reduces {@code type}. */
    static boolean supports(String name, Datatype type) {
        return supportedTypes(name).contains(type);
    }

    /** The types the predefined op called {@code name} reduces (empty for other names). */
    static Set<Datatype> supportedTypes(String name) {
        int kernel = kernelOf(name);
        if (kernel < 0) {
            return Collections.emptySet();
        } else if (kernel <= MAX) {
            return NUMERIC;
        } else if (kernel <= BXOR) {
            return INTEGRAL_AND_BOOLEAN;
        }
        return PAIRS;
    }

    /** Whether the kernel reads {@code (value, index)} pairs, so counts must be even. */
    static boolean isPairwise(int kernel) {
        return kernel == MINLOC || kernel == MAXLOC;
    }

    /**
     * {@code inout[bo + i] = in[ao + i] op inout[bo + i]} for {@code i < n}. The arrays must be
     * of {@code type}'s array class and the op must support the type; nothing is checked here.
     */
    static void apply(int kernel, Object in, int ao, Object inout, int bo, int n, Datatype type) {
        if (ao == bo) {
            applyAligned(kernel, in, inout, bo, n, type);
            return;
        }
        switch (type) {
            case BYTE -> applyByte(kernel, (byte[]) in, ao, (byte[]) inout, bo, n);
            case SHORT -> applyShort(kernel, (short[]) in, ao, (short[]) inout, bo, n);
            case INT -> applyInt(kernel, (int[]) in, ao, (int[]) inout, bo, n);
            case LONG -> applyLong(kernel, (long[]) in, ao, (long[]) inout, bo, n);
            case FLOAT -> applyFloat(kernel, (float[]) in, ao, (float[]) inout, bo, n);
            case DOUBLE -> applyDouble(kernel, (double[]) in, ao, (double[]) inout, bo, n);
            case CHAR -> applyChar(kernel, (char[]) in, ao, (char[]) inout, bo, n);
            case BOOLEAN -> applyBoolean(kernel, (boolean[]) in, ao, (boolean[]) inout, bo, n);
            default -> throw unsupported(kernel, type);
        }
    }

    private static void applyAligned(int kernel, Object in, Object inout, int o, int n, Datatype type) {
        switch (type) {
            case BYTE -> alignedByte(kernel, (byte[]) in, (byte[]) inout, o, n);
            case SHORT -> alignedShort(kernel, (short[]) in, (short[]) inout, o, n);
            case INT -> alignedInt(kernel, (int[]) in, (int[]) inout, o, n);
            case LONG -> alignedLong(kernel, (long[]) in, (long[]) inout, o, n);
            case FLOAT -> alignedFloat(kernel, (float[]) in, (float[]) inout, o, n);
            case DOUBLE -> alignedDouble(kernel, (double[]) in, (double[]) inout, o, n);
            case CHAR -> alignedChar(kernel, (char[]) in, (char[]) inout, o, n);
            case BOOLEAN -> alignedBoolean(kernel, (boolean[]) in, (boolean[]) inout, o, n);
            default -> throw unsupported(kernel, type);
        }
    }

    private static IllegalStateException unsupported(int kernel, Datatype type) {
        String name = kernel >= 0 && kernel < NAMES.size() ? NAMES.get(kernel) : "kernel " + kernel;
        return new IllegalStateException(name + " has no kernel for " + type + " (callers check Op.supports first)");
    }

    // ---------------------------------------------------------------- one offset (vectorized)

    private static void alignedByte(int kernel, byte[] a, byte[] b, int o, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) (a[o + i] + b[o + i]);
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) (a[o + i] * b[o + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) Math.min(a[o + i], b[o + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) Math.max(a[o + i], b[o + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) (a[o + i] != 0 & b[o + i] != 0 ? 1 : 0);
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) (a[o + i] != 0 | b[o + i] != 0 ? 1 : 0);
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) (a[o + i] != 0 ^ b[o + i] != 0 ? 1 : 0);
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) (a[o + i] & b[o + i]);
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) (a[o + i] | b[o + i]);
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (byte) (a[o + i] ^ b[o + i]);
                }
            }
            default -> throw unsupported(kernel, Datatype.BYTE);
        }
    }

    private static void alignedShort(int kernel, short[] a, short[] b, int o, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) (a[o + i] + b[o + i]);
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) (a[o + i] * b[o + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) Math.min(a[o + i], b[o + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) Math.max(a[o + i], b[o + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) (a[o + i] != 0 & b[o + i] != 0 ? 1 : 0);
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) (a[o + i] != 0 | b[o + i] != 0 ? 1 : 0);
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) (a[o + i] != 0 ^ b[o + i] != 0 ? 1 : 0);
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) (a[o + i] & b[o + i]);
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) (a[o + i] | b[o + i]);
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (short) (a[o + i] ^ b[o + i]);
                }
            }
            default -> throw unsupported(kernel, Datatype.SHORT);
        }
    }

    private static void alignedInt(int kernel, int[] a, int[] b, int o, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] + b[o + i];
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] * b[o + i];
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = Math.min(a[o + i], b[o + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = Math.max(a[o + i], b[o + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] != 0 & b[o + i] != 0 ? 1 : 0;
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] != 0 | b[o + i] != 0 ? 1 : 0;
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] != 0 ^ b[o + i] != 0 ? 1 : 0;
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] & b[o + i];
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] | b[o + i];
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] ^ b[o + i];
                }
            }
            case MINLOC -> minlocInt(a, o, b, o, n);
            case MAXLOC -> maxlocInt(a, o, b, o, n);
            default -> throw unsupported(kernel, Datatype.INT);
        }
    }

    private static void alignedLong(int kernel, long[] a, long[] b, int o, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] + b[o + i];
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] * b[o + i];
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = Math.min(a[o + i], b[o + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = Math.max(a[o + i], b[o + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] != 0 & b[o + i] != 0 ? 1L : 0L;
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] != 0 | b[o + i] != 0 ? 1L : 0L;
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] != 0 ^ b[o + i] != 0 ? 1L : 0L;
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] & b[o + i];
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] | b[o + i];
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] ^ b[o + i];
                }
            }
            case MINLOC -> minlocLong(a, o, b, o, n);
            case MAXLOC -> maxlocLong(a, o, b, o, n);
            default -> throw unsupported(kernel, Datatype.LONG);
        }
    }

    private static void alignedFloat(int kernel, float[] a, float[] b, int o, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] + b[o + i];
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] * b[o + i];
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = Math.min(a[o + i], b[o + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = Math.max(a[o + i], b[o + i]);
                }
            }
            case MINLOC -> minlocFloat(a, o, b, o, n);
            case MAXLOC -> maxlocFloat(a, o, b, o, n);
            default -> throw unsupported(kernel, Datatype.FLOAT);
        }
    }

    private static void alignedDouble(int kernel, double[] a, double[] b, int o, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] + b[o + i];
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] * b[o + i];
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = Math.min(a[o + i], b[o + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = Math.max(a[o + i], b[o + i]);
                }
            }
            case MINLOC -> minlocDouble(a, o, b, o, n);
            case MAXLOC -> maxlocDouble(a, o, b, o, n);
            default -> throw unsupported(kernel, Datatype.DOUBLE);
        }
    }

    private static void alignedChar(int kernel, char[] a, char[] b, int o, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) (a[o + i] + b[o + i]);
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) (a[o + i] * b[o + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) Math.min(a[o + i], b[o + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) Math.max(a[o + i], b[o + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) (a[o + i] != 0 & b[o + i] != 0 ? 1 : 0);
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) (a[o + i] != 0 | b[o + i] != 0 ? 1 : 0);
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) (a[o + i] != 0 ^ b[o + i] != 0 ? 1 : 0);
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) (a[o + i] & b[o + i]);
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) (a[o + i] | b[o + i]);
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = (char) (a[o + i] ^ b[o + i]);
                }
            }
            default -> throw unsupported(kernel, Datatype.CHAR);
        }
    }

    private static void alignedBoolean(int kernel, boolean[] a, boolean[] b, int o, int n) {
        switch (kernel) {
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] & b[o + i];
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] | b[o + i];
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] ^ b[o + i];
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] & b[o + i];
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] | b[o + i];
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[o + i] = a[o + i] ^ b[o + i];
                }
            }
            default -> throw unsupported(kernel, Datatype.BOOLEAN);
        }
    }

    // ---------------------------------------------------------------- two offsets

    private static void applyByte(int kernel, byte[] a, int ao, byte[] b, int bo, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) (a[ao + i] + b[bo + i]);
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) (a[ao + i] * b[bo + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) Math.min(a[ao + i], b[bo + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) Math.max(a[ao + i], b[bo + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) (a[ao + i] != 0 & b[bo + i] != 0 ? 1 : 0);
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) (a[ao + i] != 0 | b[bo + i] != 0 ? 1 : 0);
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) (a[ao + i] != 0 ^ b[bo + i] != 0 ? 1 : 0);
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) (a[ao + i] & b[bo + i]);
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) (a[ao + i] | b[bo + i]);
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (byte) (a[ao + i] ^ b[bo + i]);
                }
            }
            default -> throw unsupported(kernel, Datatype.BYTE);
        }
    }

    private static void applyShort(int kernel, short[] a, int ao, short[] b, int bo, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) (a[ao + i] + b[bo + i]);
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) (a[ao + i] * b[bo + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) Math.min(a[ao + i], b[bo + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) Math.max(a[ao + i], b[bo + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) (a[ao + i] != 0 & b[bo + i] != 0 ? 1 : 0);
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) (a[ao + i] != 0 | b[bo + i] != 0 ? 1 : 0);
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) (a[ao + i] != 0 ^ b[bo + i] != 0 ? 1 : 0);
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) (a[ao + i] & b[bo + i]);
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) (a[ao + i] | b[bo + i]);
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (short) (a[ao + i] ^ b[bo + i]);
                }
            }
            default -> throw unsupported(kernel, Datatype.SHORT);
        }
    }

    private static void applyInt(int kernel, int[] a, int ao, int[] b, int bo, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] + b[bo + i];
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] * b[bo + i];
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = Math.min(a[ao + i], b[bo + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = Math.max(a[ao + i], b[bo + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] != 0 & b[bo + i] != 0 ? 1 : 0;
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] != 0 | b[bo + i] != 0 ? 1 : 0;
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] != 0 ^ b[bo + i] != 0 ? 1 : 0;
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] & b[bo + i];
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] | b[bo + i];
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] ^ b[bo + i];
                }
            }
            case MINLOC -> minlocInt(a, ao, b, bo, n);
            case MAXLOC -> maxlocInt(a, ao, b, bo, n);
            default -> throw unsupported(kernel, Datatype.INT);
        }
    }

    /** Pairs {@code (value, index)}: the better value wins; on a tie, the smaller index. */
    private static void minlocInt(int[] a, int ao, int[] b, int bo, int n) {
        for (int i = 0; i + 1 < n; i += 2) {
            int av = a[ao + i];
            int bv = b[bo + i];
            int ai = a[ao + i + 1];
            if (av < bv || (av == bv && ai < b[bo + i + 1])) {
                b[bo + i] = av;
                b[bo + i + 1] = ai;
            }
        }
    }

    /** Pairs {@code (value, index)}: the better value wins; on a tie, the smaller index. */
    private static void maxlocInt(int[] a, int ao, int[] b, int bo, int n) {
        for (int i = 0; i + 1 < n; i += 2) {
            int av = a[ao + i];
            int bv = b[bo + i];
            int ai = a[ao + i + 1];
            if (av > bv || (av == bv && ai < b[bo + i + 1])) {
                b[bo + i] = av;
                b[bo + i + 1] = ai;
            }
        }
    }

    private static void applyLong(int kernel, long[] a, int ao, long[] b, int bo, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] + b[bo + i];
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] * b[bo + i];
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = Math.min(a[ao + i], b[bo + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = Math.max(a[ao + i], b[bo + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] != 0 & b[bo + i] != 0 ? 1L : 0L;
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] != 0 | b[bo + i] != 0 ? 1L : 0L;
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] != 0 ^ b[bo + i] != 0 ? 1L : 0L;
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] & b[bo + i];
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] | b[bo + i];
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] ^ b[bo + i];
                }
            }
            case MINLOC -> minlocLong(a, ao, b, bo, n);
            case MAXLOC -> maxlocLong(a, ao, b, bo, n);
            default -> throw unsupported(kernel, Datatype.LONG);
        }
    }

    /** Pairs {@code (value, index)}: the better value wins; on a tie, the smaller index. */
    private static void minlocLong(long[] a, int ao, long[] b, int bo, int n) {
        for (int i = 0; i + 1 < n; i += 2) {
            long av = a[ao + i];
            long bv = b[bo + i];
            long ai = a[ao + i + 1];
            if (av < bv || (av == bv && ai < b[bo + i + 1])) {
                b[bo + i] = av;
                b[bo + i + 1] = ai;
            }
        }
    }

    /** Pairs {@code (value, index)}: the better value wins; on a tie, the smaller index. */
    private static void maxlocLong(long[] a, int ao, long[] b, int bo, int n) {
        for (int i = 0; i + 1 < n; i += 2) {
            long av = a[ao + i];
            long bv = b[bo + i];
            long ai = a[ao + i + 1];
            if (av > bv || (av == bv && ai < b[bo + i + 1])) {
                b[bo + i] = av;
                b[bo + i + 1] = ai;
            }
        }
    }

    private static void applyFloat(int kernel, float[] a, int ao, float[] b, int bo, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] + b[bo + i];
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] * b[bo + i];
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = Math.min(a[ao + i], b[bo + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = Math.max(a[ao + i], b[bo + i]);
                }
            }
            case MINLOC -> minlocFloat(a, ao, b, bo, n);
            case MAXLOC -> maxlocFloat(a, ao, b, bo, n);
            default -> throw unsupported(kernel, Datatype.FLOAT);
        }
    }

    /** Pairs {@code (value, index)}: the better value wins; on a tie, the smaller index. */
    private static void minlocFloat(float[] a, int ao, float[] b, int bo, int n) {
        for (int i = 0; i + 1 < n; i += 2) {
            float av = a[ao + i];
            float bv = b[bo + i];
            float ai = a[ao + i + 1];
            if (av < bv || (av == bv && ai < b[bo + i + 1])) {
                b[bo + i] = av;
                b[bo + i + 1] = ai;
            }
        }
    }

    /** Pairs {@code (value, index)}: the better value wins; on a tie, the smaller index. */
    private static void maxlocFloat(float[] a, int ao, float[] b, int bo, int n) {
        for (int i = 0; i + 1 < n; i += 2) {
            float av = a[ao + i];
            float bv = b[bo + i];
            float ai = a[ao + i + 1];
            if (av > bv || (av == bv && ai < b[bo + i + 1])) {
                b[bo + i] = av;
                b[bo + i + 1] = ai;
            }
        }
    }

    private static void applyDouble(int kernel, double[] a, int ao, double[] b, int bo, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] + b[bo + i];
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] * b[bo + i];
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = Math.min(a[ao + i], b[bo + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = Math.max(a[ao + i], b[bo + i]);
                }
            }
            case MINLOC -> minlocDouble(a, ao, b, bo, n);
            case MAXLOC -> maxlocDouble(a, ao, b, bo, n);
            default -> throw unsupported(kernel, Datatype.DOUBLE);
        }
    }

    /** Pairs {@code (value, index)}: the better value wins; on a tie, the smaller index. */
    private static void minlocDouble(double[] a, int ao, double[] b, int bo, int n) {
        for (int i = 0; i + 1 < n; i += 2) {
            double av = a[ao + i];
            double bv = b[bo + i];
            double ai = a[ao + i + 1];
            if (av < bv || (av == bv && ai < b[bo + i + 1])) {
                b[bo + i] = av;
                b[bo + i + 1] = ai;
            }
        }
    }

    /** Pairs {@code (value, index)}: the better value wins; on a tie, the smaller index. */
    private static void maxlocDouble(double[] a, int ao, double[] b, int bo, int n) {
        for (int i = 0; i + 1 < n; i += 2) {
            double av = a[ao + i];
            double bv = b[bo + i];
            double ai = a[ao + i + 1];
            if (av > bv || (av == bv && ai < b[bo + i + 1])) {
                b[bo + i] = av;
                b[bo + i + 1] = ai;
            }
        }
    }

    private static void applyChar(int kernel, char[] a, int ao, char[] b, int bo, int n) {
        switch (kernel) {
            case SUM -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) (a[ao + i] + b[bo + i]);
                }
            }
            case PROD -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) (a[ao + i] * b[bo + i]);
                }
            }
            case MIN -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) Math.min(a[ao + i], b[bo + i]);
                }
            }
            case MAX -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) Math.max(a[ao + i], b[bo + i]);
                }
            }
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) (a[ao + i] != 0 & b[bo + i] != 0 ? 1 : 0);
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) (a[ao + i] != 0 | b[bo + i] != 0 ? 1 : 0);
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) (a[ao + i] != 0 ^ b[bo + i] != 0 ? 1 : 0);
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) (a[ao + i] & b[bo + i]);
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) (a[ao + i] | b[bo + i]);
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = (char) (a[ao + i] ^ b[bo + i]);
                }
            }
            default -> throw unsupported(kernel, Datatype.CHAR);
        }
    }

    private static void applyBoolean(int kernel, boolean[] a, int ao, boolean[] b, int bo, int n) {
        switch (kernel) {
            case LAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] & b[bo + i];
                }
            }
            case LOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] | b[bo + i];
                }
            }
            case LXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] ^ b[bo + i];
                }
            }
            case BAND -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] & b[bo + i];
                }
            }
            case BOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] | b[bo + i];
                }
            }
            case BXOR -> {
                for (int i = 0; i < n; i++) {
                    b[bo + i] = a[ao + i] ^ b[bo + i];
                }
            }
            default -> throw unsupported(kernel, Datatype.BOOLEAN);
        }
    }
}
