package dev.jmpi.core.algorithm;

import static dev.jmpi.core.algorithm.CollectiveReference.HEX_CONCAT;
import static dev.jmpi.core.algorithm.CollectiveReference.MATMUL_2X2;
import static dev.jmpi.core.algorithm.CollectiveReference.assertSlice;
import static dev.jmpi.core.algorithm.CollectiveReference.concat;
import static dev.jmpi.core.algorithm.CollectiveReference.data;
import static dev.jmpi.core.algorithm.CollectiveReference.fold;
import static dev.jmpi.core.algorithm.CollectiveReference.hash;
import static dev.jmpi.core.algorithm.CollectiveReference.input;
import static dev.jmpi.core.algorithm.CollectiveReference.multiply;
import static dev.jmpi.core.algorithm.CollectiveReference.slice;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.Request;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Semantics beyond "the right numbers": operand order of non-commutative ops, MINLOC/MAXLOC
 * ties, in-place variants, bitwise-identical allreduce, non-blocking collectives, object
 * collectives, ByteBuffer arguments and 1 Mi-element buffers, over any {@link RankRunner}.
 * Argument errors are in {@link CollectiveArgumentsContract}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class CollectiveSemanticsContract {

    protected abstract RankRunner runner();

    protected List<Object> run(int ranks, Function<Communicator, Object> body) {
        return runner().run(ranks, body);
    }

    /** Hex digit of rank r at element i: 1..15. */
    private static long digit(int r, int i) {
        return (r + i) % 15 + 1;
    }

    /** The hex-concatenation of ranks {@code from .. to-1} at element i. */
    private static long digits(int from, int to, int i) {
        long x = digit(from, i);
        for (int r = from + 1; r < to; r++) {
            x = concat(x, digit(r, i));
        }
        return x;
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void nonCommutativeOpIsAppliedInRankOrderByEveryReduction(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            for (int count : new int[] {1, 7, 1000}) {
                long[] mine = new long[count];
                long[] expected = new long[count];
                for (int i = 0; i < count; i++) {
                    mine[i] = digit(r, i);
                    expected[i] = digits(0, ranks, i);
                }
                for (int root = 0; root < ranks; root++) {
                    long[] out = new long[count];
                    comm.reduce(mine, 0, out, 0, count, HEX_CONCAT, root);
                    if (r == root) {
                        assertArrayEquals(expected, out, "reduce root=" + root + " count=" + count);
                    }
                }
                long[] all = new long[count];
                comm.allreduce(mine, 0, all, 0, count, HEX_CONCAT);
                assertArrayEquals(expected, all, "allreduce count=" + count);
                long[] scan = new long[count];
                comm.scan(mine, 0, scan, 0, count, HEX_CONCAT);
                long[] ex = new long[count];
                comm.exscan(mine, 0, ex, 0, count, HEX_CONCAT);
                for (int i = 0; i < count; i++) {
                    assertEquals(digits(0, r + 1, i), scan[i], "scan element " + i);
                    assertEquals(r == 0 ? 0 : digits(0, r, i), ex[i], "exscan element " + i);
                }
                long[] block = new long[count];
                long[] input = new long[count * ranks];
                for (int i = 0; i < input.length; i++) {
                    input[i] = digit(r, i);
                }
                comm.reduceScatterBlock(input, 0, block, 0, count, HEX_CONCAT);
                for (int i = 0; i < count; i++) {
                    assertEquals(digits(0, ranks, r * count + i), block[i], "reduceScatterBlock element " + i);
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void matrixProductOpSeesWholeMatricesInRankOrder(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int matrices = 25;
            int[] mine = new int[4 * matrices];
            for (int i = 0; i < mine.length; i++) {
                mine[i] = (int) (hash(r, i, 9) % 3);
            }
            int[] expected = new int[4 * matrices];
            for (int m = 0; m < matrices; m++) {
                int[] acc = matrix(0, m);
                for (int q = 1; q < ranks; q++) {
                    acc = multiply(acc, 0, matrix(q, m), 0);
                }
                System.arraycopy(acc, 0, expected, 4 * m, 4);
            }
            int[] out = new int[4 * matrices];
            comm.allreduce(mine, 0, out, 0, mine.length, MATMUL_2X2);
            assertArrayEquals(expected, out, "allreduce of 2x2 products");
            int[] atRoot = new int[4 * matrices];
            comm.reduce(mine, 0, atRoot, 0, mine.length, MATMUL_2X2, ranks - 1);
            if (r == ranks - 1) {
                assertArrayEquals(expected, atRoot, "reduce of 2x2 products");
            }
            return null;
        });
    }

    private static int[] matrix(int rank, int m) {
        int[] x = new int[4];
        for (int k = 0; k < 4; k++) {
            x[k] = (int) (hash(rank, 4 * m + k, 9) % 3);
        }
        return x;
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7, 8})
    void minlocAndMaxlocBreakTiesTowardTheSmallerIndex(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            // pair 0: every rank has value 5, index ranks - r: the winner is index 1.
            // pair 1: value r % 2 at index r: MINLOC -> (0, 0); MAXLOC -> (1, 1) when there are 2 ranks or more.
            double[] in = {5, ranks - r, r % 2, r};
            for (Datatype type : List.of(Datatype.INT, Datatype.LONG, Datatype.FLOAT, Datatype.DOUBLE)) {
                Object buf =
                        java.lang.reflect.Array.newInstance(type.arrayClass().getComponentType(), 4);
                for (int i = 0; i < 4; i++) {
                    CollectiveReference.set(buf, i, (long) in[i]);
                }
                Object min =
                        java.lang.reflect.Array.newInstance(type.arrayClass().getComponentType(), 4);
                Object max =
                        java.lang.reflect.Array.newInstance(type.arrayClass().getComponentType(), 4);
                comm.allreduce(buf, 0, min, 0, 4, Op.MINLOC);
                comm.allreduce(buf, 0, max, 0, 4, Op.MAXLOC);
                long maxAt = ranks > 1 ? 1 : 0;
                assertPairs(min, new long[] {5, 1, 0, 0}, "MINLOC " + type);
                assertPairs(max, new long[] {5, 1, maxAt, maxAt}, "MAXLOC " + type);
            }
            return null;
        });
    }

    private static void assertPairs(Object actual, long[] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            Number n = (Number) java.lang.reflect.Array.get(actual, i);
            assertEquals(expected[i], n.longValue(), what + " element " + i);
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void inPlaceVariantsMatchTheOutOfPlaceResults(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int count = 7;
            Op op = Op.SUM;
            Datatype type = Datatype.INT;
            Object expected = fold(op, type, count, 0, ranks, 1);
            int root = ranks / 2;
            Object buf = input(op, type, r, count, 1);
            comm.reduce(r == root ? Communicator.IN_PLACE : buf, 0, buf, 0, count, op, root);
            if (r == root) {
                assertSlice(expected, buf, 0, "reduce IN_PLACE");
            }
            buf = input(op, type, r, count, 1);
            comm.allreduce(Communicator.IN_PLACE, 0, buf, 0, count, op);
            assertSlice(expected, buf, 0, "allreduce IN_PLACE");
            buf = input(op, type, r, count, 1);
            comm.scan(Communicator.IN_PLACE, 0, buf, 0, count, op);
            assertSlice(fold(op, type, count, 0, r + 1, 1), buf, 0, "scan IN_PLACE");
            buf = input(op, type, r, count, 1);
            comm.exscan(Communicator.IN_PLACE, 0, buf, 0, count, op);
            if (r > 0) {
                assertSlice(fold(op, type, count, 0, r, 1), buf, 0, "exscan IN_PLACE");
            }
            buf = input(op, type, r, count * ranks, 2);
            comm.reduceScatterBlock(Communicator.IN_PLACE, 0, buf, 0, count, op);
            assertSlice(
                    slice(fold(op, type, count * ranks, 0, ranks, 2), r * count, count),
                    buf,
                    0,
                    "reduceScatterBlock IN_PLACE");
            movementInPlace(comm, type, count, root);
            return null;
        });
    }

    private static void movementInPlace(Communicator comm, Datatype type, int count, int root) {
        int p = comm.size();
        int r = comm.rank();
        Object all = data(type, r, p * count, 5);
        System.arraycopy(data(type, r, count, 3), 0, all, r * count, count);
        comm.allgather(Communicator.IN_PLACE, 0, 0, all, 0, count);
        for (int i = 0; i < p; i++) {
            assertSlice(data(type, i, count, 3), all, i * count, "allgather IN_PLACE block " + i);
        }
        Object gathered = data(type, r, p * count, 5);
        System.arraycopy(data(type, r, count, 3), 0, gathered, r * count, count);
        comm.gather(r == root ? Communicator.IN_PLACE : data(type, r, count, 3), 0, count, gathered, 0, count, root);
        if (r == root) {
            for (int i = 0; i < p; i++) {
                assertSlice(data(type, i, count, 3), gathered, i * count, "gather IN_PLACE block " + i);
            }
        }
        Object source = data(type, root, p * count, 4);
        Object mine = r == root ? source : data(type, r, count, 0);
        comm.scatter(source, 0, count, r == root ? Communicator.IN_PLACE : mine, 0, count, root);
        assertSlice(
                slice(data(type, root, p * count, 4), r * count, count),
                mine,
                r == root ? r * count : 0,
                "scatter IN_PLACE");
        Object a2a = data(type, r, p * count, 6);
        comm.alltoall(Communicator.IN_PLACE, 0, 0, a2a, 0, count);
        for (int i = 0; i < p; i++) {
            assertSlice(slice(data(type, i, p * count, 6), r * count, count), a2a, i * count, "alltoall IN_PLACE");
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void reductionsHonourOffsetsSmallerAndLargerThanTheCount(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            for (int offset : new int[] {3, 5000}) {
                for (int count : new int[] {7, 1000}) {
                    Op op = Op.SUM;
                    Datatype type = Datatype.LONG;
                    long[] in = new long[offset + count * ranks];
                    System.arraycopy(input(op, type, r, count * ranks, 11), 0, in, offset, count * ranks);
                    Object expected = fold(op, type, count * ranks, 0, ranks, 11);
                    long[] out = new long[offset + count * ranks];
                    comm.allreduce(in, offset, out, offset, count * ranks, op);
                    assertSlice(expected, out, offset, "allreduce offset=" + offset);
                    long[] red = new long[offset + count];
                    comm.reduce(in, offset, red, offset, count, op, ranks - 1);
                    if (r == ranks - 1) {
                        assertSlice(slice(fold(op, type, count, 0, ranks, 11), 0, count), red, offset, "reduce");
                    }
                    long[] scan = new long[offset + count];
                    comm.scan(in, offset, scan, offset, count, op);
                    assertSlice(fold(op, type, count, 0, r + 1, 11), scan, offset, "scan offset=" + offset);
                    long[] block = new long[offset + count];
                    comm.reduceScatterBlock(in, offset, block, offset, count, op);
                    assertSlice(slice(expected, r * count, count), block, offset, "reduceScatterBlock");
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 5, 6, 8})
    void allreduceOfRandomDoublesIsBitwiseIdenticalOnEveryRank(int ranks) {
        for (int count : new int[] {1, 7, 1000, 5000}) {
            List<Object> results = run(ranks, comm -> {
                double[] mine = new double[count];
                for (int i = 0; i < count; i++) {
                    long h = hash(comm.rank(), i, 42);
                    mine[i] = (h % 1_000_000) * Math.pow(10, (h >>> 40) % 9 - 4) / 7.0;
                }
                double[] out = new double[count];
                comm.allreduce(mine, 0, out, 0, count, Op.SUM);
                return out;
            });
            for (int q = 1; q < ranks; q++) {
                double[] first = (double[]) results.get(0);
                double[] other = (double[]) results.get(q);
                for (int i = 0; i < count; i++) {
                    assertEquals(
                            Double.doubleToRawLongBits(first[i]),
                            Double.doubleToRawLongBits(other[i]),
                            "count=" + count + ": rank " + q + " differs from rank 0 at element " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void nonBlockingCollectivesCompleteWithTheBlockingResults(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int count = 100;
            Object bc = r == 0 ? data(Datatype.DOUBLE, 0, count, 1) : new double[count];
            Object in = input(Op.MAX, Datatype.LONG, r, count, 2);
            long[] reduced = new long[count];
            long[] allreduced = new long[count];
            Request barrier = comm.ibarrier();
            Request bcast = comm.ibcast(bc, 0, count, 0);
            Request reduce = comm.ireduce(in, 0, reduced, 0, count, Op.MAX, ranks - 1);
            Request allreduce = comm.iallreduce(in, 0, allreduced, 0, count, Op.MAX);
            allreduce.await();
            reduce.await();
            bcast.await();
            barrier.await();
            assertSlice(data(Datatype.DOUBLE, 0, count, 1), bc, 0, "ibcast");
            Object expected = fold(Op.MAX, Datatype.LONG, count, 0, ranks, 2);
            assertSlice(expected, allreduced, 0, "iallreduce");
            if (r == ranks - 1) {
                assertSlice(expected, reduced, 0, "ireduce");
            }
            comm.barrier();
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void objectCollectivesDeliverDecodedObjectsInRankOrder(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int root = ranks - 1;
            assertEquals("from " + root, comm.bcastObject(r == root ? "from " + root : null, root));
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < ranks; i++) {
                parts.add("part " + i);
            }
            assertEquals("part " + r, comm.scatterObject(r == root ? parts : null, root));
            List<Object> gathered = comm.gatherObject("rank " + r, root);
            List<Object> all = comm.allgatherObject(List.of(r, "x".repeat(r)));
            List<String> outbox = new ArrayList<>();
            for (int j = 0; j < ranks; j++) {
                outbox.add(r + "->" + j);
            }
            List<String> inbox = comm.alltoallObject(outbox);
            String joined = comm.reduceObject(String.valueOf(r), (a, b) -> a + "," + b, root);
            Integer sum = comm.allreduceObject(r + 1, Integer::sum);
            for (int i = 0; i < ranks; i++) {
                assertEquals(List.of(i, "x".repeat(i)), all.get(i));
                assertEquals(i + "->" + r, inbox.get(i));
                if (r == root) {
                    assertEquals("rank " + i, gathered.get(i));
                }
            }
            if (r == root) {
                assertEquals(
                        String.join(",", (Iterable<String>) () -> java.util.stream.IntStream.range(0, ranks)
                                .mapToObj(String::valueOf)
                                .iterator()),
                        joined);
            } else {
                assertEquals(null, gathered);
                assertEquals(null, joined);
            }
            assertEquals(ranks * (ranks + 1) / 2, sum);
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 3, 4})
    void byteBufferArgumentsWorkHeapAndDirect(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            for (boolean direct : new boolean[] {false, true}) {
                ByteBuffer buf = direct ? ByteBuffer.allocateDirect(40) : ByteBuffer.allocate(40);
                buf.position(3).limit(33);
                for (int i = 0; i < 30; i++) {
                    buf.put(3 + i, r == 1 % ranks ? (byte) (i * 3) : 0);
                }
                comm.bcast(buf, 2, 20, 1 % ranks);
                for (int i = 0; i < 20; i++) {
                    assertEquals((byte) ((i + 2) * 3), buf.get(5 + i), "bcast byte " + i + " direct=" + direct);
                }
                assertEquals(3, buf.position(), "position unchanged");
                ByteBuffer send = direct ? ByteBuffer.allocateDirect(8) : ByteBuffer.allocate(8);
                for (int i = 0; i < 8; i++) {
                    send.put(i, (byte) (1 << ((r + i) % 8)));
                }
                ByteBuffer recv = direct ? ByteBuffer.allocateDirect(8) : ByteBuffer.allocate(8);
                comm.allreduce(send, 0, recv, 0, 8, Op.BOR);
                for (int i = 0; i < 8; i++) {
                    int bits = 0;
                    for (int q = 0; q < ranks; q++) {
                        bits |= 1 << ((q + i) % 8);
                    }
                    assertEquals((byte) bits, recv.get(i), "allreduce BOR byte " + i);
                }
            }
            return null;
        });
    }

    @Test
    void largeBuffersOfAMillionElementsMatchTheReference() {
        int count = 1 << 20;
        for (int ranks : new int[] {2, 5, 8}) {
            Object sum = fold(Op.SUM, Datatype.DOUBLE, count, 0, ranks, 7);
            Object max = fold(Op.MAX, Datatype.INT, count, 0, ranks, 8);
            Object root = data(Datatype.BYTE, 0, count, 9);
            run(ranks, comm -> {
                int r = comm.rank();
                double[] out = new double[count];
                comm.allreduce(input(Op.SUM, Datatype.DOUBLE, r, count, 7), 0, out, 0, count, Op.SUM);
                assertTrue(java.util.Arrays.equals((double[]) sum, out), "allreduce SUM of 1Mi doubles");
                int[] m = new int[count];
                comm.reduce(input(Op.MAX, Datatype.INT, r, count, 8), 0, m, 0, count, Op.MAX, ranks / 2);
                if (r == ranks / 2) {
                    assertTrue(java.util.Arrays.equals((int[]) max, m), "reduce MAX of 1Mi ints");
                }
                byte[] b = r == 0 ? (byte[]) root : new byte[count];
                comm.bcast(b, 0, count, 0);
                assertTrue(java.util.Arrays.equals((byte[]) root, b), "bcast of 1Mi bytes");
                int block = count / ranks;
                float[] all = new float[block * ranks];
                comm.allgather(data(Datatype.FLOAT, r, block, 1), 0, block, all, 0, block);
                assertSlice(data(Datatype.FLOAT, ranks - 1, block, 1), all, (ranks - 1) * block, "allgather");
                return null;
            });
        }
    }
}
