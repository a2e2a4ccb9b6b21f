package dev.jmpi.coll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A non-blocking collective completes while every rank computes and calls nothing of jmpi:
 * the progress daemon runs its rounds (issue 14's overlap). {@link Request#status()} only
 * looks, it drives nothing.
 */
@Timeout(120)
class ProgressWhileComputingTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 4096, 512 * 1024})
    void iallreduceCompletesWhileEveryRankComputes(int count) {
        Ranks.run(2, comm -> {
            double[] mine = new double[count];
            Arrays.fill(mine, comm.rank() + 1.0);
            double[] sum = new double[count];
            Request r = comm.iallreduce(mine, 0, sum, 0, count, Op.SUM);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            double x = 1;
            while (r.status().isEmpty()) {
                assertTrue(
                        System.nanoTime() < deadline,
                        "rank " + comm.rank() + ": the iallreduce made no progress while this rank computed for 90 s");
                for (int i = 0; i < 10_000; i++) {
                    x = x * 1.000000001 + 1e-9;
                }
            }
            assertTrue(x > 0);
            assertEquals(3.0, sum[0]);
            assertEquals(3.0, sum[count - 1]);
        });
    }
}
