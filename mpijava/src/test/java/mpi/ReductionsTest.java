package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.util.concurrent.TimeUnit;
import java.util.function.LongBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reductions against a sequential fold, for every datatype and op combination jmpi allows. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReductionsTest {

    private static final int COUNT = 5;
    private static final Datatype[] NUMERIC = {MPI.BYTE, MPI.SHORT, MPI.INT, MPI.LONG, MPI.FLOAT, MPI.DOUBLE, MPI.CHAR};
    private static final Op[] OPS = {
        MPI.SUM, MPI.PROD, MPI.MIN, MPI.MAX, MPI.LAND, MPI.LOR, MPI.LXOR, MPI.BAND, MPI.BOR, MPI.BXOR
    };
    private static final String[] OP_NAMES = {"SUM", "PROD", "MIN", "MAX", "LAND", "LOR", "LXOR", "BAND", "BOR", "BXOR"
    };
    private static final LongBinaryOperator[] FOLDS = {
        Long::sum,
        (a, b) -> a * b,
        Math::min,
        Math::max,
        (a, b) -> a != 0 && b != 0 ? 1 : 0,
        (a, b) -> a != 0 || b != 0 ? 1 : 0,
        (a, b) -> (a != 0) != (b != 0) ? 1 : 0,
        (a, b) -> a & b,
        (a, b) -> a | b,
        (a, b) -> a ^ b,
    };

    /** Element i of rank r's contribution: small, with zeros, so every op is exact. */
    private static long value(int r, int i) {
        return (r * 7 + i * 3 + 1) % 4;
    }

    /** {@link #value(int, int)} as {@code t} holds it: booleans are 0 or 1. */
    private static long value(Datatype t, int r, int i) {
        long x = value(r, i);
        return t.base == Base.BOOLEAN ? (x != 0 ? 1 : 0) : x;
    }

    private static Object array(Datatype t, long[] values, int offset) {
        Object a = t.base.newArray(values.length + offset);
        for (int i = 0; i < values.length; i++) {
            long x = values[i];
            Object boxed = switch (t.base) {
                case BYTE -> (byte) x;
                case SHORT -> (short) x;
                case INT -> (int) x;
                case LONG -> x;
                case FLOAT -> (float) x;
                case DOUBLE -> (double) x;
                case CHAR -> (char) x;
                case BOOLEAN -> x != 0;
                default -> throw new IllegalArgumentException(t.toString());
            };
            Array.set(a, offset + i, boxed);
        }
        return a;
    }

    private static boolean supported(Op op, Datatype t) {
        int k = indexOf(op);
        dev.jmpi.Op core = new dev.jmpi.Op[] {
                    dev.jmpi.Op.SUM,
                    dev.jmpi.Op.PROD,
                    dev.jmpi.Op.MIN,
                    dev.jmpi.Op.MAX,
                    dev.jmpi.Op.LAND,
                    dev.jmpi.Op.LOR,
                    dev.jmpi.Op.LXOR,
                    dev.jmpi.Op.BAND,
                    dev.jmpi.Op.BOR,
                    dev.jmpi.Op.BXOR
                }
                [k];
        return core.supports(t.base.core());
    }

    private static int indexOf(Op op) {
        for (int k = 0; k < OPS.length; k++) {
            if (OPS[k] == op) {
                return k;
            }
        }
        throw new IllegalArgumentException(op.toString());
    }

    /** The expected result of combining ranks 0..last with op k, narrowed to t. */
    private static Object expected(Datatype t, int k, int last) {
        long[] acc = new long[COUNT];
        for (int i = 0; i < COUNT; i++) {
            acc[i] = value(t, 0, i);
            for (int r = 1; r <= last; r++) {
                acc[i] = FOLDS[k].applyAsLong(acc[i], value(t, r, i));
            }
        }
        return array(t, acc, 0);
    }

    private static void assertSlice(Object expected, Object actual, int offset, String what) {
        for (int i = 0; i < COUNT; i++) {
            assertEquals(Array.get(expected, i), Array.get(actual, offset + i), what + " element " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void reduceAllreduceAndScanMatchASequentialFoldForEveryTypeAndOp(int n) {
        MpiRanks.run(n, () -> {
            Intracomm w = MPI.COMM_WORLD;
            int rank = w.Rank();
            int root = (n * 2) / 3;
            long[] mine = new long[COUNT];
            for (int i = 0; i < COUNT; i++) {
                mine[i] = value(rank, i);
            }
            Datatype[] types = new Datatype[NUMERIC.length + 1];
            System.arraycopy(NUMERIC, 0, types, 0, NUMERIC.length);
            types[NUMERIC.length] = MPI.BOOLEAN;
            int combos = 0;
            for (Datatype t : types) {
                for (int k = 0; k < OPS.length; k++) {
                    if (!supported(OPS[k], t)) {
                        continue;
                    }
                    combos++;
                    String what = OP_NAMES[k] + " on " + t;
                    Object send = array(t, mine, 2);
                    Object recv = t.base.newArray(COUNT + 1);
                    w.Reduce(send, 2, recv, 1, COUNT, t, OPS[k], root);
                    if (rank == root) {
                        assertSlice(expected(t, k, n - 1), recv, 1, "Reduce " + what);
                    }
                    Object all = t.base.newArray(COUNT + 3);
                    w.Allreduce(send, 2, all, 3, COUNT, t, OPS[k]);
                    assertSlice(expected(t, k, n - 1), all, 3, "Allreduce " + what);
                    Object prefix = t.base.newArray(COUNT);
                    w.Scan(send, 2, prefix, 0, COUNT, t, OPS[k]);
                    assertSlice(expected(t, k, rank), prefix, 0, "Scan " + what);
                }
            }
            assertTrue(combos >= 40, "only " + combos + " type x op combinations are supported");
        });
    }

    @Test
    void anOpThatDoesNotApplyToTheTypeFailsNamingBoth() {
        MpiRanks.run(2, () -> {
            MPIException e = assertThrows(
                    MPIException.class,
                    () -> MPI.COMM_WORLD.Allreduce(new boolean[1], 0, new boolean[1], 0, 1, MPI.BOOLEAN, MPI.SUM));
            assertTrue(e.getMessage().contains("SUM") && e.getMessage().contains("BOOLEAN"), e.getMessage());
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7, 8})
    void minlocAndMaxlocFindTheExtremeAndItsLowestIndexOnEveryPairType(int n) {
        MpiRanks.run(n, () -> {
            Intracomm w = MPI.COMM_WORLD;
            int rank = w.Rank();
            // pair j of rank r: value (r * 5 + j * 3) % 4, index r; ties resolve to the lowest index.
            int pairs = 3;
            long[] mine = new long[2 * pairs];
            for (int j = 0; j < pairs; j++) {
                mine[2 * j] = (rank * 5 + j * 3) % 4;
                mine[2 * j + 1] = rank;
            }
            long[] min = new long[2 * pairs];
            long[] max = new long[2 * pairs];
            for (int j = 0; j < pairs; j++) {
                min[2 * j] = Long.MAX_VALUE;
                max[2 * j] = Long.MIN_VALUE;
                for (int r = 0; r < n; r++) {
                    long val = (r * 5 + j * 3) % 4;
                    if (val < min[2 * j]) {
                        min[2 * j] = val;
                        min[2 * j + 1] = r;
                    }
                    if (val > max[2 * j]) {
                        max[2 * j] = val;
                        max[2 * j + 1] = r;
                    }
                }
            }
            for (Datatype t : new Datatype[] {MPI.SHORT2, MPI.INT2, MPI.LONG2, MPI.FLOAT2, MPI.DOUBLE2}) {
                Datatype base = Datatype.basicOf(t.base);
                Object send = array(base, mine, 1);
                Object out = t.base.newArray(2 * pairs + 2);
                w.Allreduce(send, 1, out, 2, pairs, t, MPI.MINLOC);
                Object expectMin = array(base, min, 0);
                Object expectMax = array(base, max, 0);
                for (int i = 0; i < 2 * pairs; i++) {
                    assertEquals(Array.get(expectMin, i), Array.get(out, 2 + i), "MINLOC " + t + " element " + i);
                }
                w.Reduce(send, 1, out, 0, pairs, t, MPI.MAXLOC, 0);
                if (rank == 0) {
                    for (int i = 0; i < 2 * pairs; i++) {
                        assertEquals(Array.get(expectMax, i), Array.get(out, i), "MAXLOC " + t + " element " + i);
                    }
                }
            }
        });
    }

    /** Affine maps x -> a*x + b as (a, b) pairs; combining applies the lower rank's map first. */
    static final class Compose extends User_function {
        @Override
        public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
            long[] in = (long[]) invec;
            long[] io = (long[]) inoutvec;
            for (int i = 0; i < count; i++) {
                long a1 = in[inoffset + 2 * i];
                long b1 = in[inoffset + 2 * i + 1];
                long a2 = io[inoutoffset + 2 * i];
                long b2 = io[inoutoffset + 2 * i + 1];
                io[inoutoffset + 2 * i] = a2 * a1;
                io[inoutoffset + 2 * i + 1] = a2 * b1 + b2;
            }
        }
    }

    /** Largest absolute value: commutative. */
    static final class MaxAbs extends User_function {
        @Override
        public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
            double[] in = (double[]) invec;
            double[] io = (double[]) inoutvec;
            for (int i = 0; i < count; i++) {
                io[inoutoffset + i] = Math.max(Math.abs(in[inoffset + i]), Math.abs(io[inoutoffset + i]));
            }
        }
    }

    /** String concatenation on objects: not commutative. */
    static final class Concat extends User_function {
        @Override
        public void Call(Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype) {
            Object[] in = (Object[]) invec;
            Object[] io = (Object[]) inoutvec;
            for (int i = 0; i < count; i++) {
                io[inoutoffset + i] = (String) in[inoffset + i] + io[inoutoffset + i];
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void userOpsApplyInRankOrderWhenNotCommutative(int n) {
        MpiRanks.run(n, () -> {
            Intracomm w = MPI.COMM_WORLD;
            int rank = w.Rank();
            Op compose = new Op(new Compose(), false);
            Op maxAbs = new Op(new MaxAbs(), true);
            Op concat = new Op(new Concat(), false);
            assertTrue(maxAbs.Is_commute());
            Datatype affine = Datatype.Contiguous(2, MPI.LONG);
            affine.Commit();
            long[] map = {0, rank % 3 + 1, rank + 1};
            long[] out = new long[2];
            w.Allreduce(map, 1, out, 0, 1, affine, compose);
            long a = 1;
            long b = 0;
            for (int r = 0; r < n; r++) {
                b = (r % 3 + 1) * b + r + 1;
                a = (r % 3 + 1) * a;
            }
            assertArrayEquals(new long[] {a, b}, out);
            long[] prefix = new long[2];
            w.Scan(map, 1, prefix, 0, 1, affine, compose);
            long pa = 1;
            long pb = 0;
            for (int r = 0; r <= rank; r++) {
                pb = (r % 3 + 1) * pb + r + 1;
                pa = (r % 3 + 1) * pa;
            }
            assertArrayEquals(new long[] {pa, pb}, prefix);

            double[] res = new double[1];
            w.Reduce(new double[] {rank % 2 == 0 ? -rank : rank}, 0, res, 0, 1, MPI.DOUBLE, maxAbs, 0);
            if (rank == 0) {
                assertEquals(n - 1, res[0]);
            }
            Object[] words = new Object[2];
            w.Allreduce(new Object[] {"" + (char) ('a' + rank), "" + rank}, 0, words, 0, 2, MPI.OBJECT, concat);
            StringBuilder letters = new StringBuilder();
            StringBuilder digits = new StringBuilder();
            for (int r = 0; r < n; r++) {
                letters.append((char) ('a' + r));
                digits.append(r);
            }
            assertEquals(letters.toString(), words[0]);
            assertEquals(digits.toString(), words[1]);
            Object[] partial = new Object[1];
            w.Scan(new Object[] {"" + rank}, 0, partial, 0, 1, MPI.OBJECT, concat);
            assertEquals(digits.substring(0, rank + 1), partial[0]);
            Object[] atRoot = new Object[1];
            w.Reduce(new Object[] {"" + rank}, 0, atRoot, 0, 1, MPI.OBJECT, concat, n - 1);
            if (rank == n - 1) {
                assertEquals(digits.toString(), atRoot[0]);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6})
    void reduceScatterHandsEachRankItsSliceOfTheSum(int n) {
        MpiRanks.run(n, () -> {
            Intracomm w = MPI.COMM_WORLD;
            int rank = w.Rank();
            int[] counts = new int[n];
            int total = 0;
            for (int r = 0; r < n; r++) {
                counts[r] = r + 1;
                total += r + 1;
            }
            int[] send = new int[total + 1];
            for (int i = 0; i < total; i++) {
                send[1 + i] = v(rank, i);
            }
            int[] recv = new int[rank + 2];
            w.Reduce_scatter(send, 1, recv, 1, counts, MPI.INT, MPI.SUM);
            int start = rank * (rank + 1) / 2;
            for (int k = 0; k <= rank; k++) {
                int expect = 0;
                for (int r = 0; r < n; r++) {
                    expect += v(r, start + k);
                }
                assertEquals(expect, recv[1 + k]);
            }
        });
    }

    private static int v(int r, int i) {
        return r * 10 + i;
    }
}
