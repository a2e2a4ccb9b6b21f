package dev.jmpi.coll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.Op;
import dev.jmpi.testing.Ranks;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every collective over real loopback communicators (the full stack: matching, framing,
 * sockets), checked against a plain sequential computation, for 1..8 ranks and counts
 * 0, 1, 7, 1000 and a large count. Element values depend on rank and index so a block in
 * the wrong place shows.
 */
@Timeout(300)
class CollectivesOverLoopbackTest {

    static Stream<Arguments> ranksAndCounts() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (int n = 1; n <= 8; n++) {
            for (int count : new int[] {0, 1, 7, 1000}) {
                b.add(Arguments.of(n, count));
            }
        }
        b.add(Arguments.of(3, 1 << 18));
        b.add(Arguments.of(4, 1 << 20));
        b.add(Arguments.of(5, 300_001));
        return b.build();
    }

    static double value(int rank, int i) {
        return (rank + 1) * 0.5 + (i % 97) * 0.25;
    }

    static double[] contribution(int rank, int count) {
        double[] a = new double[count];
        for (int i = 0; i < count; i++) {
            a[i] = value(rank, i);
        }
        return a;
    }

    /** The sum in rank order, as a sequential program computes it. */
    static double[] sequentialSum(int n, int count) {
        double[] s = contribution(0, count);
        for (int r = 1; r < n; r++) {
            double[] c = contribution(r, count);
            for (int i = 0; i < count; i++) {
                s[i] += c[i];
            }
        }
        return s;
    }

    @ParameterizedTest(name = "{0} ranks, count {1}")
    @MethodSource("ranksAndCounts")
    void reduceAllreduceAndBcastMatchSequential(int n, int count) {
        double[] expectedSum = sequentialSum(n, count);
        Ranks.run(n, comm -> {
            int root = n - 1;
            double[] mine = contribution(comm.rank(), count);
            double[] out = new double[count];
            comm.reduce(mine, 0, out, 0, count, Op.SUM, root);
            if (comm.rank() == root) {
                assertArrayEquals(expectedSum, out, 1e-9 * n, "reduce at root " + root);
            }
            double[] all = new double[count];
            comm.allreduce(mine, 0, all, 0, count, Op.SUM);
            assertArrayEquals(expectedSum, all, 1e-9 * n, "allreduce");
            long[] bits = new long[Math.min(count, 64)];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = Double.doubleToRawLongBits(all[i]);
            }
            long[] rootBits = bits.clone();
            comm.bcast(rootBits, 0);
            assertArrayEquals(rootBits, bits, "allreduce results differ bitwise between ranks");
            int[] imax = new int[count];
            int[] imine = new int[count];
            for (int i = 0; i < count; i++) {
                imine[i] = (comm.rank() * 7919 + i) % 1013;
            }
            comm.allreduce(imine, 0, imax, 0, count, Op.MAX);
            for (int i = 0; i < count; i++) {
                int m = Integer.MIN_VALUE;
                for (int r = 0; r < n; r++) {
                    m = Math.max(m, (r * 7919 + i) % 1013);
                }
                if (imax[i] != m) {
                    assertEquals(m, imax[i], "MAX at " + i);
                }
            }
        });
    }

    @ParameterizedTest(name = "{0} ranks, count {1}")
    @MethodSource("ranksAndCounts")
    void gatherScatterAllgatherAlltoallPutEveryBlockInPlace(int n, int count) {
        int per = Math.max(1, count / Math.max(1, n * 4));
        int block = count == 0 ? 0 : per;
        Ranks.run(n, comm -> {
            int me = comm.rank();
            int[] mine = new int[block];
            for (int i = 0; i < block; i++) {
                mine[i] = me * 1_000_000 + i;
            }
            int[] expectAll = new int[block * n];
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < block; i++) {
                    expectAll[r * block + i] = r * 1_000_000 + i;
                }
            }
            int root = n / 2;
            int[] gathered = new int[block * n];
            comm.gather(mine, 0, block, gathered, 0, block, root);
            if (me == root) {
                assertArrayEquals(expectAll, gathered, "gather");
            }
            int[] back = new int[block];
            comm.scatter(me == root ? expectAll : null, 0, block, back, 0, block, root);
            assertArrayEquals(mine, back, "scatter");
            int[] everyone = new int[block * n];
            comm.allgather(mine, 0, block, everyone, 0, block);
            assertArrayEquals(expectAll, everyone, "allgather");
            int[] out = new int[block * n];
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < block; i++) {
                    out[j * block + i] = me * 1000 + j * 10 + i % 10;
                }
            }
            int[] in = new int[block * n];
            comm.alltoall(out, 0, block, in, 0, block);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < block; k++) {
                    assertEquals(i * 1000 + me * 10 + k % 10, in[i * block + k], "alltoall from " + i);
                }
            }
            comm.barrier();
        });
    }

    @ParameterizedTest(name = "{0} ranks, count {1}")
    @MethodSource("ranksAndCounts")
    void scanExscanAndReduceScatterMatchSequentialPrefixes(int n, int count) {
        Ranks.run(n, comm -> {
            int me = comm.rank();
            long[] mine = new long[count];
            for (int i = 0; i < count; i++) {
                mine[i] = (me + 1L) * (i + 1);
            }
            long[] incl = new long[count];
            comm.scan(mine, 0, incl, 0, count, Op.SUM);
            long[] excl = new long[count];
            Arrays.fill(excl, -1);
            comm.exscan(mine, 0, excl, 0, count, Op.SUM);
            for (int i = 0; i < count; i++) {
                long prefix = 0;
                for (int r = 0; r <= me; r++) {
                    prefix += (r + 1L) * (i + 1);
                }
                assertEquals(prefix, incl[i], "scan at " + i);
                if (me > 0) {
                    assertEquals(prefix - mine[i], excl[i], "exscan at " + i);
                }
            }
            int per = count / Math.max(1, n);
            long[] part = new long[per];
            long[] whole = new long[per * n];
            for (int i = 0; i < whole.length; i++) {
                whole[i] = me + i;
            }
            comm.reduceScatterBlock(whole, 0, part, 0, per, Op.SUM);
            for (int i = 0; i < per; i++) {
                long idx = (long) me * per + i;
                long expected = 0;
                for (int r = 0; r < n; r++) {
                    expected += r + idx;
                }
                assertEquals(expected, part[i], "reduceScatterBlock at " + i);
            }
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @MethodSource("ranks")
    void objectCollectivesKeepRankOrder(int n) {
        Ranks.run(n, comm -> {
            List<String> all = comm.allgatherObject("r" + comm.rank());
            for (int r = 0; r < n; r++) {
                assertEquals("r" + r, all.get(r));
            }
            String joined = comm.allreduceObject("" + comm.rank(), String::concat);
            StringBuilder expected = new StringBuilder();
            for (int r = 0; r < n; r++) {
                expected.append(r);
            }
            assertEquals(expected.toString(), joined);
        });
    }

    static Stream<Integer> ranks() {
        return Stream.of(1, 2, 3, 4, 5, 6, 7, 8);
    }
}
