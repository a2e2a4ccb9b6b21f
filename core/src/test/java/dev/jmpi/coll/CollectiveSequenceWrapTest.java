package dev.jmpi.coll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.jmpi.Op;
import dev.jmpi.testing.Ranks;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Collective tags keep only 15 bits of the call sequence, so call {@code n} and call
 * {@code n + 32768} share a tag. A peer that runs ahead into the next lap must be checked
 * against this rank's call of the same lap, not against a signature left from the last lap
 * (the benchmark's reduce loop hit exactly that: a false "collective mismatch" after ~61,000
 * calls, when the leaf started the next count before the root).
 */
@Timeout(300)
class CollectiveSequenceWrapTest {

    private static final int LAP = 1 << 15;

    @Test
    void aPeerAheadByAFullLapIsNotTakenForAMismatch() {
        CountDownLatch leafSentNextCount = new CountDownLatch(1);
        Ranks.builder().timeout(Duration.ofMinutes(4)).run(2, comm -> {
            double[] one = new double[1];
            double[] oneOut = new double[1];
            // Every call of the last lap is registered at both ranks under its wrapped sequence.
            int calls = 2 * LAP - 64;
            for (int i = 0; i < calls; i++) {
                comm.reduce(one, 0, oneOut, 0, 1, Op.SUM, 0);
            }
            comm.barrier();
            // The leaf starts a call of another shape; its frame reaches the root before the root
            // registers that call, while the root still remembers a lap-old call with the same tag.
            double[] two = {comm.rank() + 1.0, 10.0};
            double[] sum = new double[2];
            if (comm.rank() == 1) {
                comm.reduce(two, 0, sum, 0, 2, Op.SUM, 0);
                leafSentNextCount.countDown();
            } else {
                if (!leafSentNextCount.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("rank 1 did not finish its send-only reduce within 60 s");
                }
                Thread.sleep(200); // let rank 1's frame arrive before this rank begins the call
                comm.reduce(two, 0, sum, 0, 2, Op.SUM, 0);
                assertArrayEquals(new double[] {3.0, 20.0}, sum);
            }
        });
    }
}
