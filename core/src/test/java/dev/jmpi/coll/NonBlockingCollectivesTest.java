package dev.jmpi.coll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The non-blocking collectives give the blocking ones' results, may be outstanding several
 * at once (completing in any order of waits), and check their arguments at the call.
 */
@Timeout(120)
class NonBlockingCollectivesTest {

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void everyNonBlockingCollectiveMatchesItsSequentialResult(int n) {
        Ranks.run(n, comm -> {
            int me = comm.rank();
            int root = n - 1;
            int[] mine = {me * 10, me * 10 + 1};
            int[] gathered = new int[2 * n];
            int[] everyone = new int[2 * n];
            int[] scattered = new int[2];
            int[] all = new int[2 * n];
            for (int i = 0; i < all.length; i++) {
                all[i] = 100 + i;
            }
            int[] a2aOut = new int[n];
            int[] a2aIn = new int[n];
            for (int j = 0; j < n; j++) {
                a2aOut[j] = me * 100 + j;
            }
            long[] scan = new long[1];
            long[] exscan = {-1};
            long[] part = new long[1];
            long[] whole = new long[n];
            for (int i = 0; i < n; i++) {
                whole[i] = me + i;
            }
            int[] counts = new int[n];
            int[] displs = new int[n];
            for (int r = 0; r < n; r++) {
                counts[r] = 2;
                displs[r] = 2 * r;
            }
            int[] gatheredV = new int[2 * n];
            int[] everyoneV = new int[2 * n];
            int[] scatteredV = new int[2];
            long[] partV = new long[1];
            int[] ones = new int[n];
            java.util.Arrays.fill(ones, 1);
            int[] a2aInV = new int[n];
            int[] unit = new int[n];
            int[] step = new int[n];
            for (int r = 0; r < n; r++) {
                unit[r] = 1;
                step[r] = r;
            }
            // Start all of them, then wait in reverse order: each must make progress on its own.
            Request[] rs = {
                comm.igather(mine, 0, 2, gathered, 0, 2, root),
                comm.iallgather(mine, 0, 2, everyone, 0, 2),
                comm.iscatter(all, 0, 2, scattered, 0, 2, root),
                comm.ialltoall(a2aOut, 0, 1, a2aIn, 0, 1),
                comm.iscan(new long[] {me + 1}, 0, scan, 0, 1, Op.SUM),
                comm.iexscan(new long[] {me + 1}, 0, exscan, 0, 1, Op.SUM),
                comm.ireduceScatterBlock(whole, 0, part, 0, 1, Op.SUM),
                comm.igatherv(mine, 0, 2, gatheredV, 0, counts, displs, root),
                comm.iallgatherv(mine, 0, 2, everyoneV, 0, counts, displs),
                comm.iscatterv(all, 0, counts, displs, scatteredV, 0, 2, root),
                comm.ireduceScatter(whole, 0, partV, 0, ones, Op.SUM),
                comm.ialltoallv(a2aOut, 0, unit, step, a2aInV, 0, unit, step),
            };
            for (int i = rs.length - 1; i >= 0; i--) {
                rs[i].await();
            }
            int[] expectAll = new int[2 * n];
            for (int r = 0; r < n; r++) {
                expectAll[2 * r] = r * 10;
                expectAll[2 * r + 1] = r * 10 + 1;
            }
            if (me == root) {
                assertArrayEquals(expectAll, gathered, "igather");
                assertArrayEquals(expectAll, gatheredV, "igatherv");
            }
            assertArrayEquals(expectAll, everyone, "iallgather");
            assertArrayEquals(expectAll, everyoneV, "iallgatherv");
            assertArrayEquals(new int[] {100 + 2 * me, 101 + 2 * me}, scattered, "iscatter");
            assertArrayEquals(new int[] {100 + 2 * me, 101 + 2 * me}, scatteredV, "iscatterv");
            for (int i = 0; i < n; i++) {
                assertEquals(i * 100 + me, a2aIn[i], "ialltoall from " + i);
                assertEquals(i * 100 + me, a2aInV[i], "ialltoallv from " + i);
            }
            long prefix = (long) (me + 1) * (me + 2) / 2;
            assertEquals(prefix, scan[0], "iscan");
            if (me > 0) {
                assertEquals(prefix - (me + 1), exscan[0], "iexscan");
            }
            long expectedPart = 0;
            for (int r = 0; r < n; r++) {
                expectedPart += r + me;
            }
            assertEquals(expectedPart, part[0], "ireduceScatterBlock");
            assertEquals(expectedPart, partV[0], "ireduceScatter");
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2})
    void badArgumentsFailAtTheCallNotInTheRequest(int n) {
        Ranks.run(n, comm -> {
            InvalidArgumentException e = assertThrows(
                    InvalidArgumentException.class, () -> comm.igather(new int[1], 0, 1, new int[1], 0, 1, 7));
            assertEquals(true, e.getMessage().contains("root=7"), e.getMessage());
            comm.barrier();
        });
    }
}
