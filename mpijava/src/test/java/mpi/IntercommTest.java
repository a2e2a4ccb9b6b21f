package mpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntercommTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8})
    void groupsTalkAcrossAnIntercommunicatorAndMergeInOrder(int n) {
        MpiRanks.run(n, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            // group A: ranks below n/2 (at least one); group B: the rest.
            int split = Math.max(1, n / 2);
            boolean inA = rank < split;
            Intracomm local = MPI.COMM_WORLD.Split(inA ? 0 : 1, rank);
            int remoteLeader = inA ? split : 0;
            Intercomm inter = MPI.COMM_WORLD.Create_intercomm(local, 0, remoteLeader, 99);
            int localSize = inA ? split : n - split;
            int remoteSize = n - localSize;
            assertTrue(inter.Test_inter());
            assertEquals(localSize, inter.Size());
            assertEquals(local.Rank(), inter.Rank());
            assertEquals(remoteSize, inter.Remote_size());
            assertEquals(remoteSize, inter.Remote_group().Size());

            // every process sends its world rank to remote rank (its local rank mod remote size);
            // remote rank r of the other group sends to this process if r mod local size == my rank
            int dest = inter.Rank() % remoteSize;
            Request sent = inter.Isend(new int[] {rank}, 0, 1, MPI.INT, dest, 5);
            int incoming = 0;
            for (int r = 0; r < remoteSize; r++) {
                if (r % localSize == inter.Rank()) {
                    incoming++;
                }
            }
            for (int i = 0; i < incoming; i++) {
                int[] in = new int[1];
                // Tag 5, not ANY_TAG: the remote leader may already be in the Sendrecv below (tag 6),
                // whose message an ANY_TAG receive would rightly match.
                Status s = inter.Recv(in, 0, 1, MPI.INT, MPI.ANY_SOURCE, 5);
                assertEquals(5, s.tag);
                assertEquals(inA ? split + s.source : s.source, in[0], "status.source is a remote-group rank");
            }
            sent.Wait();
            Object[] o = new Object[1];
            if (inter.Rank() == 0) {
                inter.Sendrecv(new Object[] {inA ? "A" : "B"}, 0, 1, MPI.OBJECT, 0, 6, o, 0, 1, MPI.OBJECT, 0, 6);
                assertEquals(inA ? "B" : "A", o[0]);
            }

            Intracomm merged = inter.Merge(!inA);
            assertEquals(n, merged.Size());
            assertEquals(rank, merged.Rank(), "the group passing high=false comes first");
            Intracomm mergedHighA = inter.Merge(inA);
            assertEquals(inA ? rank + (n - split) : rank - split, mergedHighA.Rank());
            int[] total = new int[1];
            merged.Allreduce(new int[] {1}, 0, total, 0, 1, MPI.INT, MPI.SUM);
            assertEquals(n, total[0]);
            Intercomm again = (Intercomm) inter.clone();
            assertEquals(remoteSize, again.Remote_size());
            assertEquals(MPI.CONGRUENT, Comm.Compare(inter, again));
        });
    }

    @Test
    void anIntercommunicatorOverPartOfTheWorldNeedsOnlyItsOwnProcesses() {
        MpiRanks.run(3, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            Intracomm local = MPI.COMM_WORLD.Split(rank, 0);
            if (rank < 2) {
                // Ranks 0 and 1, each a group of one; rank 2 takes no part.
                Intercomm inter = MPI.COMM_WORLD.Create_intercomm(local, 0, 1 - rank, 7);
                assertEquals(1, inter.Remote_size());
                int[] in = new int[1];
                inter.Sendrecv(new int[] {10 + rank}, 0, 1, MPI.INT, 0, 3, in, 0, 1, MPI.INT, 0, 3);
                assertEquals(11 - rank, in[0]);
                Intracomm merged = inter.Merge(rank == 1);
                assertEquals(2, merged.Size());
                assertEquals(rank, merged.Rank());
            }
            MPI.COMM_WORLD.Barrier();
        });
    }
}
