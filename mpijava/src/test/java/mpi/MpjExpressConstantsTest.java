package mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Programs written for MPJ Express compare with literals, so the facade's special values are
 * MPJ Express's, and they work as arguments and come back in statuses as such.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MpjExpressConstantsTest {

    @Test
    void specialValuesAreMpjExpresssLiterals() {
        assertEquals(-2, MPI.ANY_SOURCE);
        assertEquals(-2, MPI.ANY_TAG);
        assertEquals(-3, MPI.PROC_NULL);
        assertEquals(-1, MPI.UNDEFINED);
        assertEquals(1, MPI.THREAD_SINGLE);
        assertEquals(2, MPI.THREAD_FUNNELED);
        assertEquals(3, MPI.THREAD_SERIALIZED);
        assertEquals(4, MPI.THREAD_MULTIPLE);
        assertEquals(0, MPI.IDENT);
        assertEquals(3, MPI.CONGRUENT);
        assertEquals(1, MPI.SIMILAR);
        assertEquals(2, MPI.UNEQUAL);
        assertEquals(1, MPI.GRAPH);
        assertEquals(2, MPI.CART);
    }

    @Test
    void literalWildcardsReceiveAndStatusesCarryMpjExpressValues() {
        MpiRanks.run(3, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            if (rank != 0) {
                MPI.COMM_WORLD.Send(new int[] {rank}, 0, 1, MPI.INT, 0, 10 + rank);
            } else {
                int sum = 0;
                for (int i = 0; i < 2; i++) {
                    int[] in = new int[1];
                    Status s = MPI.COMM_WORLD.Recv(in, 0, 1, MPI.INT, -2, -2);
                    assertEquals(10 + s.source, s.tag);
                    sum += in[0];
                }
                assertEquals(3, sum);
            }
            Status none = MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, -3, 5);
            assertEquals(-3, none.source);
            assertEquals(-2, none.tag);
            Cartcomm line = MPI.COMM_WORLD.Create_cart(new int[] {3}, new boolean[] {false}, false);
            ShiftParms edge = line.Shift(0, 1);
            assertEquals(rank == 0 ? -3 : rank - 1, edge.rank_source);
            Intracomm outside = MPI.COMM_WORLD.Split(rank == 1 ? -1 : 0, 0);
            assertEquals(rank == 1, outside == null);
        });
    }
}
