package dev.jmpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The predefined ops' kernels against a scalar formula per element, for every type each op
 * supports, with offsets and a length that is not a multiple of any vector width; and
 * {@link Op#reduceLocal}'s checks.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OpTest {

    private static final int N = 1037;
    private static final Set<Datatype> NUMERIC = EnumSet.complementOf(EnumSet.of(Datatype.BOOLEAN));
    private static final Set<Datatype> INTEGRAL_AND_BOOLEAN =
            EnumSet.complementOf(EnumSet.of(Datatype.FLOAT, Datatype.DOUBLE));

    @Test
    void everyPredefinedOpSupportsExactlyTheDocumentedTypes() {
        for (Op op : List.of(Op.SUM, Op.PROD, Op.MIN, Op.MAX)) {
            assertEquals(NUMERIC, supported(op), op.name());
        }
        for (Op op : List.of(Op.LAND, Op.LOR, Op.LXOR, Op.BAND, Op.BOR, Op.BXOR)) {
            assertEquals(INTEGRAL_AND_BOOLEAN, supported(op), op.name());
        }
        for (Op op : List.of(Op.MINLOC, Op.MAXLOC)) {
            assertEquals(EnumSet.of(Datatype.INT, Datatype.LONG, Datatype.FLOAT, Datatype.DOUBLE), supported(op));
        }
        Op user = Op.create("mine", (in, io, inout, ioo, count, type) -> {}, false);
        assertEquals(EnumSet.allOf(Datatype.class), supported(user));
        assertFalse(user.isBuiltin());
        assertFalse(user.isCommutative());
        assertTrue(Op.SUM.isBuiltin() && Op.SUM.isCommutative());
    }

    private static Set<Datatype> supported(Op op) {
        Set<Datatype> s = EnumSet.noneOf(Datatype.class);
        for (Datatype t : Datatype.values()) {
            if (op.supports(t)) {
                s.add(t);
            }
        }
        return s;
    }

    @Test
    void arithmeticOpsMatchScalarFormulasOnIntegerTypes() {
        check(Op.SUM, Long::sum);
        check(Op.PROD, (a, b) -> a * b);
        check(Op.MIN, Math::min);
        check(Op.MAX, Math::max);
    }

    @Test
    void logicalAndBitwiseOpsMatchScalarFormulas() {
        check(Op.LAND, (a, b) -> a != 0 && b != 0 ? 1 : 0);
        check(Op.LOR, (a, b) -> a != 0 || b != 0 ? 1 : 0);
        check(Op.LXOR, (a, b) -> (a != 0) != (b != 0) ? 1 : 0);
        check(Op.BAND, (a, b) -> a & b);
        check(Op.BOR, (a, b) -> a | b);
        check(Op.BXOR, (a, b) -> a ^ b);
    }

    /** For every integral type (and boolean) op supports: in[i] op inout[i], narrowed to the type. */
    private static void check(Op op, LongBinaryOperator formula) {
        for (Datatype type : INTEGRAL_AND_BOOLEAN) {
            if (!op.supports(type)) {
                continue;
            }
            Object in = random(type, 1, N + 3);
            Object inout = random(type, 2, N + 5);
            Object expected = copy(inout);
            for (int i = 0; i < N; i++) {
                long r = formula.applyAsLong(get(in, i + 3), get(inout, i + 5));
                set(expected, i + 5, type == Datatype.BOOLEAN ? (r != 0 ? 1 : 0) : r);
            }
            op.reduceLocal(in, 3, inout, 5, N);
            assertEquals(describe(expected), describe(inout), op + " on " + type);
        }
    }

    @Test
    void floatingPointOpsMatchScalarFormulas() {
        double[] a = new double[N];
        double[] b = new double[N];
        float[] fa = new float[N];
        float[] fb = new float[N];
        for (int i = 0; i < N; i++) {
            a[i] = Math.sin(i) * 1e3;
            b[i] = Math.cos(i * 7) * 1e3;
            fa[i] = (float) a[i];
            fb[i] = (float) b[i];
        }
        b[3] = Double.NaN;
        fb[3] = Float.NaN;
        b[4] = -0.0;
        a[4] = 0.0;
        for (Op op : List.of(Op.SUM, Op.PROD, Op.MIN, Op.MAX)) {
            double[] d = b.clone();
            float[] f = fb.clone();
            op.reduceLocal(a, 0, d, 0, N);
            op.reduceLocal(fa, 0, f, 0, N);
            for (int i = 0; i < N; i++) {
                double e = switch (op.name()) {
                    case "SUM" -> a[i] + b[i];
                    case "PROD" -> a[i] * b[i];
                    case "MIN" -> Math.min(a[i], b[i]);
                    default -> Math.max(a[i], b[i]);
                };
                float fe = switch (op.name()) {
                    case "SUM" -> fa[i] + fb[i];
                    case "PROD" -> fa[i] * fb[i];
                    case "MIN" -> Math.min(fa[i], fb[i]);
                    default -> Math.max(fa[i], fb[i]);
                };
                assertEquals(Double.doubleToLongBits(e), Double.doubleToLongBits(d[i]), op + " double at " + i);
                assertEquals(Float.floatToIntBits(fe), Float.floatToIntBits(f[i]), op + " float at " + i);
            }
        }
    }

    @Test
    void minlocAndMaxlocPickTheBetterValueAndOnTiesTheSmallerIndex() {
        int[] in = {3, 9, 5, 2, 5, 7, 1, 4};
        int[] inout = {3, 4, 5, 8, 6, 1, 1, 4};
        int[] min = inout.clone();
        Op.MINLOC.reduceLocal(in, 0, min, 0, 8);
        assertArrayEquals(new int[] {3, 4, 5, 2, 5, 7, 1, 4}, min);
        int[] max = inout.clone();
        Op.MAXLOC.reduceLocal(in, 0, max, 0, 8);
        assertArrayEquals(new int[] {3, 4, 5, 2, 6, 1, 1, 4}, max);
        double[] din = {2.5, 7, 2.5, 1};
        double[] dio = {2.5, 3, 2.0, 9};
        Op.MINLOC.reduceLocal(din, 0, dio, 0, 4);
        assertArrayEquals(new double[] {2.5, 3, 2.0, 9}, dio);
        long[] lin = {-1, 6, 10, 0};
        long[] lio = {-1, 2, 10, 1};
        Op.MAXLOC.reduceLocal(lin, 0, lio, 0, 4);
        assertArrayEquals(new long[] {-1, 2, 10, 0}, lio);
        float[] fin = {1f, 2f};
        float[] fio = {0.5f, 3f};
        Op.MAXLOC.reduceLocal(fin, 0, fio, 0, 2);
        assertArrayEquals(new float[] {1f, 2f}, fio);
    }

    @Test
    void userOpReceivesLowerRanksAsInAndResultGoesToInout() {
        Op concat = Op.create(
                "concat",
                (in, io, inout, ioo, count, type) -> {
                    char[] a = (char[]) in;
                    char[] b = (char[]) inout;
                    for (int i = 0; i < count; i++) {
                        b[ioo + i] = (char) Math.max(a[io + i], b[ioo + i]);
                    }
                },
                true);
        char[] in = {'a', 'z'};
        char[] inout = {'q', 'b'};
        concat.reduceLocal(in, 0, inout, 0, 2);
        assertArrayEquals(new char[] {'q', 'z'}, inout);
        assertEquals("concat", concat.toString());
    }

    @Test
    void reduceLocalRejectsBadArgumentsWithMessagesNamingThem() {
        InvalidArgumentException e = assertThrows(
                InvalidArgumentException.class, () -> Op.BXOR.reduceLocal(new double[2], 0, new double[2], 0, 2));
        assertEquals(
                "op=BXOR cannot reduce DOUBLE (expected: a type BXOR supports: "
                        + "[BYTE, SHORT, INT, LONG, CHAR, BOOLEAN])",
                e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> Op.SUM.reduceLocal(new int[2], 0, new long[2], 0, 2));
        assertEquals("in=int[] (expected: the same type as inout, long[])", e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> Op.SUM.reduceLocal(new int[2], 1, new int[2], 0, 2));
        assertTrue(e.getMessage().startsWith("in offset=1, count=2"), e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> Op.MINLOC.reduceLocal(new int[4], 0, new int[4], 0, 3));
        assertEquals(
                "count=3 (expected: an even count for op=MINLOC, which reduces (value, index) pairs)", e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> Op.SUM.reduceLocal(new int[1], 0, "x", 0, 1));
        assertTrue(e.getMessage().startsWith("inout=java.lang.String"), e.getMessage());
        assertEquals(2, Op.MAXLOC.elementsPerOperand());
        assertEquals(1, Op.SUM.elementsPerOperand());
    }

    private static Object random(Datatype type, int seed, int n) {
        Object a = Array.newInstance(type.arrayClass().getComponentType(), n);
        long x = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            set(a, i, i % 5 == 0 ? 0 : i % 7 == 0 ? -1 : x);
        }
        return a;
    }

    private static Object copy(Object a) {
        Object c = Array.newInstance(a.getClass().getComponentType(), Array.getLength(a));
        System.arraycopy(a, 0, c, 0, Array.getLength(a));
        return c;
    }

    private static long get(Object a, int i) {
        Object v = Array.get(a, i);
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        } else if (v instanceof Character c) {
            return c;
        }
        return ((Number) v).longValue();
    }

    private static void set(Object a, int i, long v) {
        switch (Datatype.ofArray(a)) {
            case BYTE -> ((byte[]) a)[i] = (byte) v;
            case SHORT -> ((short[]) a)[i] = (short) v;
            case INT -> ((int[]) a)[i] = (int) v;
            case LONG -> ((long[]) a)[i] = v;
            case CHAR -> ((char[]) a)[i] = (char) v;
            case BOOLEAN -> ((boolean[]) a)[i] = (v & 1) != 0;
            case FLOAT -> ((float[]) a)[i] = v;
            case DOUBLE -> ((double[]) a)[i] = v;
            default -> throw new IllegalArgumentException();
        }
    }

    private static String describe(Object a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Array.getLength(a); i++) {
            sb.append(Array.get(a, i)).append(',');
        }
        return sb.toString();
    }
}
