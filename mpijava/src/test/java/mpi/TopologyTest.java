package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TopologyTest {

    @Test
    void dimsCreateKeepsPresetEntriesAndBalancesTheRest() {
        int[] d = {0, 0};
        Cartcomm.Dims_create(12, d);
        assertArrayEquals(new int[] {4, 3}, d);
        int[] preset = {0, 3, 0};
        Cartcomm.Dims_create(24, preset);
        assertArrayEquals(new int[] {4, 3, 2}, preset);
        int[] fixedFirst = {2, 0};
        Cartcomm.Dims_create(8, fixedFirst);
        assertArrayEquals(new int[] {2, 4}, fixedFirst);
        int[] three = {0, 0, 0};
        Cartcomm.Dims_create(7, three);
        assertArrayEquals(new int[] {7, 1, 1}, three);
        assertThrows(MPIException.class, () -> Cartcomm.Dims_create(10, new int[] {3, 0}));
    }

    @Test
    void cartesianGridMatchesHandComputedCoordinatesAndShifts() {
        // 3 x 2 grid over 7 ranks, periodic in dimension 0 only; rank 6 is left out.
        int[][] coords = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}, {2, 1}};
        // shift by +1 along dim 0 (periodic): {source, dest}
        int[][] shift0 = {{4, 2}, {5, 3}, {0, 4}, {1, 5}, {2, 0}, {3, 1}};
        // shift by +1 along dim 1 (not periodic): off the edge is PROC_NULL
        int p = MPI.PROC_NULL;
        int[][] shift1 = {{p, 1}, {0, p}, {p, 3}, {2, p}, {p, 5}, {4, p}};
        MpiRanks.run(7, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            Cartcomm grid = MPI.COMM_WORLD.Create_cart(new int[] {3, 2}, new boolean[] {true, false}, false);
            if (rank == 6) {
                assertNull(grid);
                return;
            }
            assertEquals(MPI.CART, grid.Topo_test());
            CartParms parms = grid.Get();
            assertArrayEquals(new int[] {3, 2}, parms.dims);
            assertArrayEquals(new boolean[] {true, false}, parms.periods);
            assertArrayEquals(coords[rank], parms.coords);
            for (int r = 0; r < 6; r++) {
                assertArrayEquals(coords[r], grid.Coords(r));
                assertEquals(r, grid.Rank(coords[r]));
            }
            assertEquals(1, grid.Rank(new int[] {3, 1}), "periodic dimension wraps");
            ShiftParms s0 = grid.Shift(0, 1);
            assertEquals(shift0[rank][0], s0.rank_source);
            assertEquals(shift0[rank][1], s0.rank_dest);
            ShiftParms s1 = grid.Shift(1, 1);
            assertEquals(shift1[rank][0], s1.rank_source);
            assertEquals(shift1[rank][1], s1.rank_dest);
            int[] got = {-1};
            grid.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, s1.rank_dest, 0, got, 0, 1, MPI.INT, s1.rank_source, 0);
            assertEquals(s1.rank_source == MPI.PROC_NULL ? -1 : s1.rank_source, got[0]);
            Cartcomm rows = grid.Sub(new boolean[] {false, true});
            assertEquals(2, rows.Size());
            assertEquals(coords[rank][1], rows.Rank());
            assertArrayEquals(new int[] {2}, rows.Get().dims);
            Cartcomm cols = grid.Sub(new boolean[] {true, false});
            assertEquals(3, cols.Size());
            assertEquals(coords[rank][0], cols.Rank());
            assertEquals(rank < 4 ? rank : MPI.UNDEFINED, grid.Map(new int[] {2, 2}, new boolean[2]));
            Cartcomm copy = (Cartcomm) grid.clone();
            assertArrayEquals(parms.coords, copy.Get().coords);
        });
    }

    @Test
    void graphTopologyMatchesHandComputedNeighbourTable() {
        // 0 - 1, 0 - 2, 1 - 3, 2 - 3 (a square), over 5 ranks: rank 4 is left out.
        int[] index = {2, 4, 6, 8};
        int[] edges = {1, 2, 0, 3, 0, 3, 1, 2};
        int[][] neighbours = {{1, 2}, {0, 3}, {0, 3}, {1, 2}};
        MpiRanks.run(5, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            Graphcomm g = MPI.COMM_WORLD.Create_graph(index, edges, false);
            if (rank == 4) {
                assertNull(g);
                return;
            }
            assertEquals(MPI.GRAPH, g.Topo_test());
            GraphParms parms = g.Get();
            assertArrayEquals(index, parms.index);
            assertArrayEquals(edges, parms.edges);
            for (int r = 0; r < 4; r++) {
                assertArrayEquals(neighbours[r], g.Neighbours(r));
                assertEquals(2, g.Neighbours_count(r));
            }
            int sum = 0;
            for (int nb : g.Neighbours(rank)) {
                int[] in = new int[1];
                g.Sendrecv(new int[] {rank}, 0, 1, MPI.INT, nb, 0, in, 0, 1, MPI.INT, nb, 0);
                sum += in[0];
            }
            assertEquals(neighbours[rank][0] + neighbours[rank][1], sum);
            assertEquals(rank < 3 ? rank : MPI.UNDEFINED, g.Map(new int[] {0, 0, 0}, new int[0]));
            assertThrows(MPIException.class, () -> g.Neighbours(4));
        });
    }
}
