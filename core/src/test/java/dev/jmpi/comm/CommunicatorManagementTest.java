package dev.jmpi.comm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.CartesianCommunicator;
import dev.jmpi.Communicator;
import dev.jmpi.Comparison;
import dev.jmpi.Group;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import dev.jmpi.Status;
import dev.jmpi.testing.Ranks;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class CommunicatorManagementTest {

    @Test
    void dupTrafficNeverMatchesReceivesOnTheParent() {
        Ranks.run(2, comm -> {
            Communicator copy = comm.dup();
            if (comm.rank() == 0) {
                copy.send(new int[] {1}, 1, 0);
                comm.send(new int[] {2}, 1, 0);
            } else {
                int[] got = new int[1];
                comm.recv(got, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                assertEquals(2, got[0], "the parent's receive matched the dup's message");
                copy.recv(got, 0, 0);
                assertEquals(1, got[0]);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 6, 7, 8})
    void splitGroupsByColorAndOrdersByKey(int n) {
        Ranks.builder().wiring(Ranks.Wiring.IN_JVM).run(n, comm -> {
            int color = comm.rank() % 2;
            Communicator half = comm.split(color, -comm.rank()).orElseThrow();
            int members = (n + 1 - color) / 2;
            assertEquals(members, half.size());
            // Keys are negated ranks, so the highest old rank gets new rank 0.
            int expectedRank = (members - 1) - comm.rank() / 2;
            assertEquals(expectedRank, half.rank());
            int[] sum = new int[1];
            half.allreduce(new int[] {comm.rank()}, sum, Op.SUM);
            int expected = 0;
            for (int r = color; r < n; r += 2) {
                expected += r;
            }
            assertEquals(expected, sum[0]);
        });
    }

    @Test
    void splitWithUndefinedColorGivesNoCommunicator() {
        Ranks.run(3, comm -> {
            Optional<Communicator> c = comm.split(comm.rank() == 1 ? Communicator.UNDEFINED : 0, 0);
            if (comm.rank() == 1) {
                assertTrue(c.isEmpty(), "rank 1 passed UNDEFINED: " + c);
            } else {
                assertEquals(2, c.orElseThrow().size());
                c.orElseThrow().barrier();
            }
        });
    }

    @Test
    void createFromSubgroupKeepsOnlyItsMembers() {
        Ranks.run(4, comm -> {
            Group g = comm.group().incl(3, 1);
            Optional<Communicator> created = comm.create(g);
            if (comm.rank() == 3 || comm.rank() == 1) {
                Communicator sub = created.orElseThrow();
                assertEquals(2, sub.size());
                assertEquals(comm.rank() == 3 ? 0 : 1, sub.rank());
                int[] v = {sub.rank() == 0 ? 42 : 0};
                sub.bcast(v, 0);
                assertEquals(42, v[0]);
            } else {
                assertTrue(created.isEmpty(), "rank " + comm.rank() + " is outside the group: " + created);
            }
        });
    }

    @Test
    void statusSourceIsTheRankInTheSubCommunicator() {
        Ranks.run(4, comm -> {
            Communicator odd = comm.split(comm.rank() % 2, comm.rank()).orElseThrow();
            if (odd.rank() == 1) {
                odd.send(new int[] {comm.rank()}, 0, 0);
            } else if (odd.rank() == 0) {
                int[] in = new int[1];
                Status s = odd.recv(in, Communicator.ANY_SOURCE, 0);
                assertEquals(1, s.source());
                assertEquals(comm.rank() + 2, in[0]);
            }
        });
    }

    @Test
    void groupOperationsFollowMpiOrderRules() {
        Group g = new Group(new int[] {0, 1, 2, 3, 4, 5}, 2);
        assertEquals(2, g.rank());
        assertArrayEquals(new int[] {4, 1}, g.incl(4, 1).worldRanks());
        assertArrayEquals(new int[] {0, 2, 3, 5}, g.excl(1, 4).worldRanks());
        assertArrayEquals(
                new int[] {0, 2, 4, 5, 3},
                g.rangeIncl(new int[][] {{0, 4, 2}, {5, 3, -2}}).worldRanks());
        Group a = g.incl(0, 1, 2);
        Group b = g.incl(2, 3);
        assertArrayEquals(new int[] {0, 1, 2, 3}, a.union(b).worldRanks());
        assertArrayEquals(new int[] {2}, a.intersection(b).worldRanks());
        assertArrayEquals(new int[] {0, 1}, a.difference(b).worldRanks());
        assertArrayEquals(new int[] {Communicator.UNDEFINED, 0}, a.translateRanks(new int[] {1, 2}, b));
        assertEquals(Comparison.SIMILAR, a.compare(g.incl(2, 1, 0)));
        assertEquals(Comparison.IDENTICAL, a.compare(g.incl(0, 1, 2)));
        assertEquals(Comparison.UNEQUAL, a.compare(b));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> g.incl(6));
        assertTrue(e.getMessage().contains("ranks[0]=6 (expected: 0 <= ranks[0] < group size=6)"), e.getMessage());
    }

    @Test
    void dimsCreateBalancesAndKeepsPresetEntries() {
        assertArrayEquals(new int[] {2, 2}, CartesianCommunicator.dimsCreate(4, new int[2]));
        assertArrayEquals(new int[] {3, 2}, CartesianCommunicator.dimsCreate(6, new int[2]));
        assertArrayEquals(new int[] {7, 1}, CartesianCommunicator.dimsCreate(7, new int[2]));
        assertArrayEquals(new int[] {2, 2, 2}, CartesianCommunicator.dimsCreate(8, new int[3]));
        assertArrayEquals(new int[] {1, 6}, CartesianCommunicator.dimsCreate(6, new int[] {1, 0}));
        assertArrayEquals(new int[] {3, 4}, CartesianCommunicator.dimsCreate(12, new int[] {0, 4}));
        InvalidArgumentException e = assertThrows(
                InvalidArgumentException.class, () -> CartesianCommunicator.dimsCreate(6, new int[] {4, 0}));
        assertTrue(e.getMessage().contains("divides nnodes=6"), e.getMessage());
    }

    /** A 2x3 grid, row-major: ranks 0 1 2 / 3 4 5. Hand-computed neighbours. */
    @Test
    void cartesianShiftMatchesHandComputedTableWithAndWithoutPeriods() {
        int[][] nonPeriodicDim1 = {
            {Communicator.PROC_NULL, 1}, {0, 2}, {1, Communicator.PROC_NULL},
            {Communicator.PROC_NULL, 4}, {3, 5}, {4, Communicator.PROC_NULL}
        };
        int[][] periodicDim0 = {{3, 3}, {4, 4}, {5, 5}, {0, 0}, {1, 1}, {2, 2}};
        int[][] periodicDim1By2 = {{1, 2}, {2, 0}, {0, 1}, {4, 5}, {5, 3}, {3, 4}};
        Ranks.run(6, comm -> {
            CartesianCommunicator grid = comm.createCartesian(new int[] {2, 3}, new boolean[] {true, false}, false)
                    .orElseThrow();
            int r = grid.rank();
            assertArrayEquals(new int[] {r / 3, r % 3}, grid.coords(r));
            CartesianCommunicator.Shift s1 = grid.shift(1, 1);
            assertEquals(nonPeriodicDim1[r][0], s1.source(), "source of rank " + r);
            assertEquals(nonPeriodicDim1[r][1], s1.dest(), "dest of rank " + r);
            CartesianCommunicator.Shift s0 = grid.shift(0, 1);
            assertEquals(periodicDim0[r][0], s0.source());
            assertEquals(periodicDim0[r][1], s0.dest());
            CartesianCommunicator periodic = comm.createCartesian(new int[] {2, 3}, new boolean[] {true, true}, false)
                    .orElseThrow();
            CartesianCommunicator.Shift s2 = periodic.shift(1, 2);
            assertEquals(periodicDim1By2[r][0], s2.source());
            assertEquals(periodicDim1By2[r][1], s2.dest());
            assertEquals(4, periodic.rankOf(new int[] {-1, 4}));
            CartesianCommunicator row = grid.sub(new boolean[] {false, true});
            assertEquals(3, row.size());
            assertEquals(r % 3, row.rank());
            int[] rowSum = new int[1];
            row.allreduce(new int[] {r}, rowSum, Op.SUM);
            assertEquals(r < 3 ? 3 : 12, rowSum[0]);
        });
    }

    @Test
    void cartesianGridSmallerThanTheCommunicatorLeavesTheRestOut() {
        Ranks.run(5, comm -> {
            Optional<CartesianCommunicator> grid =
                    comm.createCartesian(new int[] {2, 2}, new boolean[] {false, false}, false);
            if (comm.rank() == 4) {
                assertTrue(grid.isEmpty(), "rank 4 is beyond the 2x2 grid: " + grid);
            } else {
                assertEquals(4, grid.orElseThrow().size());
            }
        });
    }
}
