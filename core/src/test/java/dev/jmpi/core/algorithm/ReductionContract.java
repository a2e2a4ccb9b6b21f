package dev.jmpi.core.algorithm;

import static dev.jmpi.core.algorithm.CollectiveReference.BUILTIN_OPS;
import static dev.jmpi.core.algorithm.CollectiveReference.assertSlice;
import static dev.jmpi.core.algorithm.CollectiveReference.fold;
import static dev.jmpi.core.algorithm.CollectiveReference.input;
import static dev.jmpi.core.algorithm.CollectiveReference.sentinel;
import static dev.jmpi.core.algorithm.CollectiveReference.slice;
import static dev.jmpi.core.algorithm.CollectiveReference.typesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.Op;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reductions, over any {@link RankRunner}: every predefined op on every type it supports,
 * for rank counts 1..8 and counts 0, 1, 7 and 1000, against a rank-order fold computed
 * sequentially ({@link CollectiveReference}). Each receive buffer has a sentinel element on
 * both sides of the result, which must survive. Subclasses choose the runner (the thread
 * fake with forced algorithm choices here; real communicators in the core's engine tests).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class ReductionContract {

    /** Element counts every reduction is tried with. */
    protected static final int[] COUNTS = {0, 1, 7, 1000};

    /** The runner the tests use. */
    protected abstract RankRunner runner();

    protected List<Object> run(int ranks, Function<Communicator, Object> body) {
        return runner().run(ranks, body);
    }

    /** {@code count} elements of {@code array} moved {@code by} places to the right (a new array if by > 0). */
    static Object shifted(Object array, int by, int count) {
        if (by == 0) {
            return array;
        }
        Object out = java.lang.reflect.Array.newInstance(array.getClass().getComponentType(), count + by);
        System.arraycopy(array, 0, out, by, count);
        return out;
    }

    /** {@code count} rounded down to whole operands of {@code op}. */
    static int operands(Op op, int count) {
        return count - count % op.elementsPerOperand();
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void reduceMatchesRankOrderFoldForEveryOpTypeAndCount(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int salt = 0;
            for (int count : COUNTS) {
                for (Op op : BUILTIN_OPS) {
                    for (Datatype type : typesOf(op)) {
                        int c = operands(op, count);
                        int root = salt++ % ranks;
                        Object out = r == root ? sentinel(type, c + 2) : null;
                        // Every other call the input sits at the output's offset: the root's
                        // last child's data then lands in the output, not in scratch.
                        int inOffset = salt % 2;
                        Object in = shifted(input(op, type, r, c, salt), inOffset, c);
                        comm.reduce(in, inOffset, out, 1, c, op, root);
                        if (r == root) {
                            String what = "reduce " + op + " " + type + " count=" + c + " root=" + root;
                            assertSlice(fold(op, type, c, 0, ranks, salt), out, 1, what);
                            assertSentinels(out, type, c, what);
                        }
                    }
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void allreduceMatchesRankOrderFoldOnEveryRank(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int salt = 100;
            for (int count : COUNTS) {
                for (Op op : BUILTIN_OPS) {
                    for (Datatype type : typesOf(op)) {
                        int c = operands(op, count);
                        salt++;
                        Object out = sentinel(type, c + 2);
                        comm.allreduce(input(op, type, r, c, salt), 0, out, 1, c, op);
                        String what = "allreduce " + op + " " + type + " count=" + c;
                        assertSlice(fold(op, type, c, 0, ranks, salt), out, 1, what);
                        assertSentinels(out, type, c, what);
                    }
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void scanAndExscanMatchPrefixFolds(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int salt = 200;
            for (int count : COUNTS) {
                for (Op op : BUILTIN_OPS) {
                    for (Datatype type : typesOf(op)) {
                        int c = operands(op, count);
                        salt++;
                        Object in = input(op, type, r, c, salt);
                        Object out = sentinel(type, c + 2);
                        comm.scan(in, 0, out, 1, c, op);
                        assertSlice(
                                fold(op, type, c, 0, r + 1, salt), out, 1, "scan " + op + " " + type + " count=" + c);
                        assertSentinels(out, type, c, "scan");
                        Object ex = sentinel(type, c + 2);
                        comm.exscan(in, 0, ex, 1, c, op);
                        Object expected = r == 0 ? slice(sentinel(type, c), 0, c) : fold(op, type, c, 0, r, salt);
                        assertSlice(expected, ex, 1, "exscan " + op + " " + type + " count=" + c);
                        assertSentinels(ex, type, c, "exscan");
                    }
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void reduceScatterDeliversEachRankItsSliceOfTheFold(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int salt = 300;
            for (int count : COUNTS) {
                for (Op op : BUILTIN_OPS) {
                    for (Datatype type : typesOf(op)) {
                        int unit = op.elementsPerOperand();
                        int block = operands(op, count / ranks);
                        salt++;
                        Object out = sentinel(type, block + 2);
                        comm.reduceScatterBlock(input(op, type, r, block * ranks, salt), 0, out, 1, block, op);
                        Object all = fold(op, type, block * ranks, 0, ranks, salt);
                        String what = "reduceScatterBlock " + op + " " + type + " block=" + block;
                        assertSlice(slice(all, r * block, block), out, 1, what);
                        assertSentinels(out, type, block, what);

                        int[] counts = new int[ranks];
                        int total = 0;
                        int mine = 0;
                        for (int i = 0; i < ranks; i++) {
                            counts[i] = ((i * 5 + count) % 4) * unit;
                            mine += i < r ? counts[i] : 0;
                            total += counts[i];
                        }
                        Object vout = sentinel(type, counts[r] + 2);
                        comm.reduceScatter(input(op, type, r, total, salt), 0, vout, 1, counts, op);
                        Object vall = fold(op, type, total, 0, ranks, salt);
                        assertSlice(slice(vall, mine, counts[r]), vout, 1, "reduceScatter " + op + " " + type);
                        assertSentinels(vout, type, counts[r], "reduceScatter");
                    }
                }
            }
            return null;
        });
    }

    /** The elements just before and after the {@code count} results must still be sentinels. */
    static void assertSentinels(Object out, Datatype type, int count, String what) {
        Object s = sentinel(type, 1);
        assertEquals(java.lang.reflect.Array.get(s, 0), java.lang.reflect.Array.get(out, 0), what + ": wrote before");
        assertEquals(
                java.lang.reflect.Array.get(s, 0), java.lang.reflect.Array.get(out, count + 1), what + ": wrote after");
    }
}
