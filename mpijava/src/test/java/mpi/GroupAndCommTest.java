package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupAndCommTest {

    @Test
    void groupOperationsMatchHandComputedMembers() {
        MpiRanks.run(6, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            Group world = MPI.COMM_WORLD.Group();
            assertEquals(6, world.Size());
            assertEquals(rank, world.Rank());
            Group evens = world.Incl(new int[] {4, 2, 0});
            Group odds = world.Excl(new int[] {0, 2, 4});
            Group firstHalf = world.Range_incl(new int[][] {{0, 2, 1}});
            Group notMiddle = world.Range_excl(new int[][] {{2, 3, 1}});
            assertEquals(3, evens.Size());
            assertEquals(rank % 2 == 0 ? (4 - rank) / 2 : MPI.UNDEFINED, evens.Rank());
            assertArrayEquals(
                    new int[] {2, 1, 0},
                    Group.Translate_ranks(evens, new int[] {0, 1, 2}, world.Incl(new int[] {0, 2, 4})));
            assertArrayEquals(new int[] {4, 2, 0}, Group.Translate_ranks(evens, new int[] {0, 1, 2}, world));
            assertArrayEquals(
                    new int[] {MPI.UNDEFINED, 0},
                    Group.Translate_ranks(world, new int[] {1, 2}, world.Incl(new int[] {2})));
            Group union = Group.Union(firstHalf, evens);
            assertEquals(4, union.Size());
            assertArrayEquals(new int[] {0, 1, 2, 4}, Group.Translate_ranks(union, new int[] {0, 1, 2, 3}, world));
            assertArrayEquals(
                    new int[] {2, 0},
                    Group.Translate_ranks(Group.Intersection(evens, firstHalf), new int[] {0, 1}, world));
            assertArrayEquals(
                    new int[] {1}, Group.Translate_ranks(Group.Difference(firstHalf, evens), new int[] {0}, world));
            assertArrayEquals(new int[] {0, 1, 4, 5}, Group.Translate_ranks(notMiddle, new int[] {0, 1, 2, 3}, world));
            assertEquals(MPI.IDENT, Group.Compare(world, MPI.COMM_WORLD.Group()));
            assertEquals(MPI.SIMILAR, Group.Compare(evens, world.Incl(new int[] {0, 2, 4})));
            assertEquals(MPI.UNEQUAL, Group.Compare(evens, odds));
            assertEquals(0, MPI.GROUP_EMPTY.Size());
            assertEquals(MPI.UNDEFINED, MPI.GROUP_EMPTY.Rank());
            assertEquals(3, Group.Union(MPI.GROUP_EMPTY, odds).Size());
            assertEquals(0, Group.Intersection(MPI.GROUP_EMPTY, odds).Size());
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8})
    void splitCreateDupAndCompareBehaveAsInMpi(int n) {
        MpiRanks.run(n, () -> {
            Intracomm w = MPI.COMM_WORLD;
            int rank = w.Rank();
            Intracomm half = w.Split(rank % 2, -rank);
            int[] sum = new int[1];
            half.Allreduce(new int[] {rank}, 0, sum, 0, 1, MPI.INT, MPI.SUM);
            int expect = 0;
            int below = 0;
            for (int r = rank % 2; r < n; r += 2) {
                expect += r;
                if (r > rank) {
                    below++;
                }
            }
            assertEquals(expect, sum[0]);
            assertEquals(below, half.Rank(), "key -rank orders the part by descending world rank");
            Intracomm allButZero = w.Split(rank == 0 ? MPI.UNDEFINED : 1, 0);
            if (rank == 0) {
                assertNull(allButZero);
            } else {
                assertEquals(rank - 1, allButZero.Rank());
            }
            Intracomm evens = w.Create(w.Group().Range_incl(new int[][] {{0, n - 1, 2}}));
            assertEquals(rank % 2 == 0, evens != null);
            if (evens != null) {
                assertEquals(rank / 2, evens.Rank());
                evens.Free();
                assertTrue(evens.Is_null());
            }
            Intracomm dup = w.Dup();
            Intracomm clone = (Intracomm) w.clone();
            assertEquals(MPI.IDENT, Comm.Compare(w, MPI.COMM_WORLD));
            assertEquals(MPI.CONGRUENT, Comm.Compare(w, dup));
            assertEquals(n == 1 ? MPI.CONGRUENT : MPI.UNEQUAL, Comm.Compare(w, half));
            // messages on a duplicate never match receives on the original
            dup.Send(new int[] {1}, 0, 1, MPI.INT, rank, 0);
            w.Send(new int[] {2}, 0, 1, MPI.INT, rank, 0);
            int[] got = new int[1];
            w.Recv(got, 0, 1, MPI.INT, rank, 0);
            assertEquals(2, got[0]);
            dup.Recv(got, 0, 1, MPI.INT, rank, 0);
            assertEquals(1, got[0]);
            clone.Barrier();
            assertEquals(1, MPI.COMM_SELF.Size());
            assertEquals(0, MPI.COMM_SELF.Rank());
            assertThrows(MPIException.class, MPI.COMM_WORLD::Free);
            assertEquals(Communicator_TAG_UB(), MPI.COMM_WORLD.Attr_get(MPI.TAG_UB));
            assertEquals(MPI.UNDEFINED, w.Topo_test());
        });
    }

    private static Integer Communicator_TAG_UB() {
        return dev.jmpi.Communicator.TAG_UB;
    }

    @Test
    void initializedAndFinalizeTrackTheRanksBinding() {
        MpiRanks.run(2, () -> {
            assertTrue(MPI.Initialized());
            assertTrue(MPI.Wtick() > 0);
            assertTrue(MPI.Wtime() >= 0);
            assertTrue(!MPI.Get_processor_name().isEmpty());
            assertEquals(MPI.THREAD_MULTIPLE, MPI.Query_thread());
            assertTrue(MPI.Is_thread_main());
        });
    }
}
