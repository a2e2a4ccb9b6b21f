package dev.jmpi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.Communicator;
import dev.jmpi.Op;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hundreds and a thousand ranks as threads of one JVM over the in-JVM fabric (as
 * {@code jmpirun --threads} runs them): a barrier, an all-reduce and a ring exchange
 * complete with the sequential answer. The 1024-rank case is its own test so a slow run
 * shows which size it was.
 */
class ManyRanksTest {

    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

    /** Barrier, all-reduce of the ranks, then each rank sends its rank to the right and receives from the left. */
    private static List<long[]> barrierAllreduceRing(int n) {
        return Ranks.builder().wiring(Ranks.Wiring.IN_JVM).timeout(RUN_LIMIT).call(n, (Communicator comm) -> {
            int rank = comm.rank();
            int size = comm.size();
            comm.barrier();
            long[] sum = new long[1];
            comm.allreduce(new long[] {rank}, sum, Op.SUM);
            int[] fromLeft = new int[1];
            comm.sendrecv(new int[] {rank}, 0, 1, (rank + 1) % size, 7, fromLeft, 0, 1, (rank + size - 1) % size, 7);
            comm.barrier();
            return new long[] {sum[0], fromLeft[0]};
        });
    }

    private static void assertSequential(int n, List<long[]> results) {
        long expected = (long) n * (n - 1) / 2;
        assertEquals(n, results.size());
        for (int r = 0; r < n; r++) {
            assertEquals(expected, results.get(r)[0], "allreduce sum on rank " + r);
            assertEquals((r + n - 1) % n, results.get(r)[1], "ring value received by rank " + r);
        }
    }

    @Test
    @Timeout(300)
    void twoHundredFiftySixRanksCompleteBarrierAllreduceAndRing() {
        assertSequential(256, barrierAllreduceRing(256));
    }

    @Test
    @Timeout(300)
    void oneThousandTwentyFourRanksCompleteBarrierAllreduceAndRing() {
        assertSequential(1024, barrierAllreduceRing(1024));
    }
}
