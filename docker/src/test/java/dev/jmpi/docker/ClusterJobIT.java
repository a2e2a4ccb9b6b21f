package dev.jmpi.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.testcontainers.JmpiCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A job of four containers, one rank each, rank 0 hosting the rendezvous (as in compose.yaml);
 * and a rank whose rank 0 never starts, which must give up at its join deadline naming the
 * address it could not reach.
 */
@DockerTest
class ClusterJobIT {

    private static final Duration JOB_TIMEOUT = Duration.ofSeconds(150);

    @Test
    void reductionAcrossFourContainers() throws Exception {
        try (JmpiCluster job = JmpiImages.cluster(4)
                .jobId("it-reduction")
                .main("dev.jmpi.examples.reduction.Reduction")
                .build()) {
            job.start();
            for (int r = 0; r < job.size(); r++) {
                assertEquals(0, job.awaitExit(r, JOB_TIMEOUT), () -> "a rank failed:\n" + job.allOutput());
            }
            job.output(0)
                    .awaitLine(
                            "on task 0 after Reduce: data = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]",
                            Duration.ofSeconds(10));
            for (int r = 0; r < job.size(); r++) {
                String expected = "on task " + r + " before Reduce: data = [0, " + (r + 1) + ", ";
                assertTrue(job.output(r).text().contains(expected), () -> "rank output:\n" + job.allOutput());
            }
        }
    }

    @Test
    void rankGivesUpAtTheJoinDeadlineNamingTheRendezvous() throws Exception {
        try (JmpiCluster job = JmpiImages.cluster(2)
                .jobId("it-no-rank-0")
                .jvmOption("-Djmpi.joinTimeout=5s")
                .main("dev.jmpi.examples.reduction.Reduction")
                .build()) {
            job.startRanks(1);
            int status = job.awaitExit(1, Duration.ofSeconds(60));
            String out = job.output(1).text();
            assertTrue(status != 0, () -> "rank 1 exited 0 without rank 0:\n" + out);
            assertTrue(
                    out.contains("rendezvous service at rank-0:" + JmpiCluster.RENDEZVOUS_PORT
                            + " not reachable within 5000 ms"),
                    () -> "no message naming the rendezvous:\n" + out);
        }
    }
}
