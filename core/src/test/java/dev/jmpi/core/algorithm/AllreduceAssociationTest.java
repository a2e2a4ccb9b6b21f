package dev.jmpi.core.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.Op;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each allreduce algorithm forms a floating-point sum in exactly the order docs/algorithms.md
 * gives, on every rank: random doubles of mixed magnitudes (so a different association gives
 * different bits) are summed by each forced algorithm and compared bit for bit, on every rank,
 * with that order computed sequentially. Recursive doubling and Rabenseifner's share one order
 * (a balanced tree over the ranks in order, folded pairs at the leaves), so their results are
 * the same bits whichever the size picks.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AllreduceAssociationTest {

    private static final int[] COUNTS = {8, 1000, 4099};

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void recursiveDoublingAndRabenseifnerSumAsABalancedTreeOverFoldedPairs(int ranks) {
        for (AllreduceAlgorithm algorithm :
                List.of(AllreduceAlgorithm.RECURSIVE_DOUBLING, AllreduceAlgorithm.RABENSEIFNER)) {
            for (int count : COUNTS) {
                double[][] in = inputs(ranks, count);
                double[] expected = new double[count];
                for (int i = 0; i < count; i++) {
                    expected[i] = tree(foldedLeaves(in, i), 0, Integer.highestOneBit(ranks));
                }
                assertEveryRankGets(expected, allreduce(algorithm, in), algorithm + " count=" + count);
            }
        }
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void ringSumsEachBlockAroundTheRingEndingAtItsOwner(int ranks) {
        for (int count : COUNTS) {
            double[][] in = inputs(ranks, count);
            int[][] blocks = Blocks.split(count, ranks, 1);
            double[] expected = new double[count];
            for (int j = 0; j < ranks; j++) {
                for (int i = blocks[1][j]; i < blocks[1][j] + blocks[0][j]; i++) {
                    double acc = in[(j + 1) % ranks][i];
                    for (int k = 2; k <= ranks; k++) {
                        acc = acc + in[(j + k) % ranks][i];
                    }
                    expected[i] = ranks == 1 ? in[0][i] : acc;
                }
            }
            assertEveryRankGets(expected, allreduce(AllreduceAlgorithm.RING, in), "ring count=" + count);
        }
    }

    /** Rank r's doubles: magnitudes from 1e-4 to 1e4, so sums in different orders round differently. */
    private static double[][] inputs(int ranks, int count) {
        double[][] in = new double[ranks][count];
        for (int r = 0; r < ranks; r++) {
            for (int i = 0; i < count; i++) {
                long h = CollectiveReference.hash(r, i, 99);
                in[r][i] = (h % 1_000_000) * Math.pow(10, (h >>> 40) % 9 - 4) / 7.0;
            }
        }
        return in;
    }

    /** Element i's leaves: {@code a(2k) + a(2k+1)} for the first {@code rem} pairs, then single ranks. */
    private static double[] foldedLeaves(double[][] in, int i) {
        int p = in.length;
        int pof2 = Integer.highestOneBit(p);
        int rem = p - pof2;
        double[] leaves = new double[pof2];
        for (int k = 0; k < pof2; k++) {
            leaves[k] = k < rem ? in[2 * k][i] + in[2 * k + 1][i] : in[k + rem][i];
        }
        return leaves;
    }

    /** Balanced tree over {@code leaves[from..to)}, to - from a power of two: lower half + upper half. */
    private static double tree(double[] leaves, int from, int to) {
        if (to - from == 1) {
            return leaves[from];
        }
        int mid = (from + to) / 2;
        return tree(leaves, from, mid) + tree(leaves, mid, to);
    }

    private static List<Object> allreduce(AllreduceAlgorithm algorithm, double[][] in) {
        AlgorithmThresholds forced =
                AlgorithmThresholds.bandwidthBoundAlways(64 << 10).withAllreduceAlgorithm(algorithm);
        return ThreadRanks.run(in.length, forced, comm -> {
            double[] out = new double[in[0].length];
            comm.allreduce(in[comm.rank()], 0, out, 0, out.length, Op.SUM);
            return out;
        });
    }

    private static void assertEveryRankGets(double[] expected, List<Object> results, String what) {
        for (int r = 0; r < results.size(); r++) {
            double[] got = (double[]) results.get(r);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(
                        Double.doubleToRawLongBits(expected[i]),
                        Double.doubleToRawLongBits(got[i]),
                        what + ": rank " + r + " element " + i + " (expected " + expected[i] + ", was " + got[i] + ")");
            }
        }
    }
}
