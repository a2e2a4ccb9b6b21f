package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data-movement collectives against what a sequential program would compute. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CollectivesTest {

    /** Element i of rank r's contribution. */
    private static int v(int r, int i) {
        return r * 100 + i;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void rootedCollectivesMatchTheSequentialLayoutWithOffsets(int n) {
        MpiRanks.run(n, () -> {
            Intracomm w = MPI.COMM_WORLD;
            int rank = w.Rank();
            int root = n / 2;
            w.Barrier();

            int[] b = new int[5];
            if (rank == root) {
                b = new int[] {0, 11, 12, 13, 0};
            }
            w.Bcast(b, 1, 3, MPI.INT, root);
            assertArrayEquals(new int[] {0, 11, 12, 13, 0}, b);

            int[] mine = {-1, v(rank, 0), v(rank, 1)};
            int[] gathered = new int[2 * n + 3];
            w.Gather(mine, 1, 2, MPI.INT, gathered, 3, 2, MPI.INT, root);
            if (rank == root) {
                for (int r = 0; r < n; r++) {
                    assertEquals(v(r, 0), gathered[3 + 2 * r]);
                    assertEquals(v(r, 1), gathered[4 + 2 * r]);
                }
            }

            int[] scatterSrc = new int[1 + 2 * n];
            for (int r = 0; r < n; r++) {
                scatterSrc[1 + 2 * r] = v(r, 5);
                scatterSrc[2 + 2 * r] = v(r, 6);
            }
            int[] piece = new int[4];
            w.Scatter(scatterSrc, 1, 2, MPI.INT, piece, 2, 2, MPI.INT, root);
            assertArrayEquals(new int[] {0, 0, v(rank, 5), v(rank, 6)}, piece);

            // v-variants: rank r contributes r + 1 elements; blocks are laid out in reverse rank order.
            int[] counts = new int[n];
            int[] displs = new int[n];
            int total = 0;
            for (int r = n - 1; r >= 0; r--) {
                counts[r] = r + 1;
                displs[r] = total;
                total += r + 1;
            }
            int[] vsend = new int[rank + 2];
            for (int i = 0; i <= rank; i++) {
                vsend[1 + i] = v(rank, i);
            }
            int[] vrecv = new int[total + 1];
            w.Gatherv(vsend, 1, rank + 1, MPI.INT, vrecv, 1, counts, displs, MPI.INT, root);
            int[] expected = new int[total + 1];
            for (int r = 0; r < n; r++) {
                for (int i = 0; i <= r; i++) {
                    expected[1 + displs[r] + i] = v(r, i);
                }
            }
            if (rank == root) {
                assertArrayEquals(expected, vrecv);
            }
            int[] vpiece = new int[rank + 1];
            w.Scatterv(expected, 1, counts, displs, MPI.INT, vpiece, 0, rank + 1, MPI.INT, root);
            for (int i = 0; i <= rank; i++) {
                assertEquals(v(rank, i), vpiece[i]);
            }
            int[] all = new int[total + 1];
            w.Allgatherv(vsend, 1, rank + 1, MPI.INT, all, 1, counts, displs, MPI.INT);
            assertArrayEquals(expected, all);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void allgatherAndAlltoallMatchTheSequentialLayoutWithOffsets(int n) {
        MpiRanks.run(n, () -> {
            Intracomm w = MPI.COMM_WORLD;
            int rank = w.Rank();
            double[] ag = new double[n + 2];
            w.Allgather(new double[] {0, rank + 0.5}, 1, 1, MPI.DOUBLE, ag, 2, 1, MPI.DOUBLE);
            for (int r = 0; r < n; r++) {
                assertEquals(r + 0.5, ag[2 + r]);
            }

            long[] send = new long[1 + 2 * n];
            for (int j = 0; j < n; j++) {
                send[1 + 2 * j] = v(rank, j);
                send[2 + 2 * j] = -v(rank, j);
            }
            long[] recv = new long[2 * n];
            w.Alltoall(send, 1, 2, MPI.LONG, recv, 0, 2, MPI.LONG);
            for (int i = 0; i < n; i++) {
                assertEquals(v(i, rank), recv[2 * i]);
                assertEquals(-v(i, rank), recv[2 * i + 1]);
            }

            // Alltoallv: rank i sends j + 1 elements to rank j, all equal to v(i, j).
            int[] scounts = new int[n];
            int[] sdispls = new int[n];
            int[] rcounts = new int[n];
            int[] rdispls = new int[n];
            int stotal = 0;
            int rtotal = 0;
            for (int j = 0; j < n; j++) {
                scounts[j] = j + 1;
                sdispls[j] = stotal;
                stotal += j + 1;
                rcounts[j] = rank + 1;
                rdispls[j] = rtotal;
                rtotal += rank + 1;
            }
            short[] vs = new short[stotal];
            for (int j = 0; j < n; j++) {
                java.util.Arrays.fill(vs, sdispls[j], sdispls[j] + scounts[j], (short) v(rank, j));
            }
            short[] vr = new short[rtotal + 3];
            w.Alltoallv(vs, 0, scounts, sdispls, MPI.SHORT, vr, 3, rcounts, rdispls, MPI.SHORT);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < rank + 1; k++) {
                    assertEquals((short) v(i, rank), vr[3 + rdispls[i] + k]);
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void objectCollectivesMoveSerializedObjectsInRankOrder(int n) {
        MpiRanks.run(n, () -> {
            Intracomm w = MPI.COMM_WORLD;
            int rank = w.Rank();
            int root = n - 1;
            Object[] b = new Object[3];
            if (rank == root) {
                b[1] = "hello";
                b[2] = java.util.List.of(1, 2);
            }
            w.Bcast(b, 1, 2, MPI.OBJECT, root);
            assertEquals("hello", b[1]);
            assertEquals(java.util.List.of(1, 2), b[2]);

            Object[] g = new Object[n];
            w.Gather(new Object[] {"r" + rank}, 0, 1, MPI.OBJECT, g, 0, 1, MPI.OBJECT, root);
            Object[] ag = new Object[n + 1];
            w.Allgather(new Object[] {"r" + rank}, 0, 1, MPI.OBJECT, ag, 1, 1, MPI.OBJECT);
            for (int r = 0; r < n; r++) {
                if (rank == root) {
                    assertEquals("r" + r, g[r]);
                }
                assertEquals("r" + r, ag[r + 1]);
            }
            Object[] src = new Object[n];
            for (int r = 0; r < n; r++) {
                src[r] = r * 10;
            }
            Object[] mine = new Object[1];
            w.Scatter(src, 0, 1, MPI.OBJECT, mine, 0, 1, MPI.OBJECT, root);
            assertEquals(rank * 10, mine[0]);
            Object[] a2a = new Object[n];
            Object[] out = new Object[n];
            for (int j = 0; j < n; j++) {
                a2a[j] = rank + "->" + j;
            }
            w.Alltoall(a2a, 0, 1, MPI.OBJECT, out, 0, 1, MPI.OBJECT);
            for (int i = 0; i < n; i++) {
                assertEquals(i + "->" + rank, out[i]);
            }
        });
    }
}
