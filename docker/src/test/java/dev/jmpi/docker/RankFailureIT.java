package dev.jmpi.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.docker.programs.AllreduceLoop;
import dev.jmpi.testcontainers.JmpiCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A rank's node fails in the middle of a job of four containers running all-reduces in a loop
 * ({@link AllreduceLoop}); every other rank must fail fast, naming the lost rank.
 */
@DockerTest
class RankFailureIT {

    private static final int SIZE = 4;
    private static final int VICTIM = 2;
    private static final long HEARTBEAT_TIMEOUT_MS = 3_000;
    private static final Duration STARTUP = Duration.ofSeconds(120);
    /** A dead process closes its connections: the others see it at once, plus scheduling on 2 loaded cores. */
    private static final Duration KILL_DETECTION = Duration.ofSeconds(30);
    /** Allowance beyond the heartbeat timeout for the abort to reach everyone and the JVMs to exit. */
    private static final Duration DETECTION_SLACK = Duration.ofSeconds(12);

    private static JmpiCluster loop() {
        return JmpiImages.cluster(SIZE)
                .jobId("it-failure")
                .jvmOption("-Djmpi.heartbeatIntervalMs=500")
                .jvmOption("-Djmpi.heartbeatTimeoutMs=" + HEARTBEAT_TIMEOUT_MS)
                .main(AllreduceLoop.class.getName())
                .build();
    }

    private static void awaitRunning(JmpiCluster job) throws Exception {
        for (int r = 0; r < SIZE; r++) {
            job.output(r).awaitLine("allreduce-loop: rank " + r + " of " + SIZE + " running", STARTUP);
        }
    }

    @Test
    void killedContainerFailsTheOthersFastNamingIt() throws Exception {
        try (JmpiCluster job = loop()) {
            job.start();
            awaitRunning(job);
            long killedAt = System.nanoTime();
            job.kill(VICTIM);
            for (int r = 0; r < SIZE; r++) {
                if (r == VICTIM) {
                    continue;
                }
                int status = job.awaitExit(r, KILL_DETECTION);
                long ms = (System.nanoTime() - killedAt) / 1_000_000;
                String out = job.output(r).text();
                System.out.printf("rank %d exited with %d, %d ms after rank %d was killed%n", r, status, ms, VICTIM);
                assertTrue(status != 0, () -> "rank exited 0 after a peer was killed:\n" + out);
                assertEquals(AllreduceLoop.PEER_FAILED_EXIT, status, () -> "expected a detected peer failure:\n" + out);
                assertTrue(
                        out.contains("detected failure of rank " + VICTIM),
                        () -> "output does not name rank " + VICTIM + ":\n" + out);
            }
        }
    }

    @Test
    void disconnectedContainerIsDetectedWithinTheHeartbeatTimeout() throws Exception {
        try (JmpiCluster job = loop()) {
            job.start();
            awaitRunning(job);
            long cutAt = System.nanoTime();
            job.disconnect(VICTIM);
            Duration limit = Duration.ofMillis(HEARTBEAT_TIMEOUT_MS).plus(DETECTION_SLACK);
            for (int r = 0; r < SIZE; r++) {
                if (r == VICTIM) {
                    continue;
                }
                String line = job.output(r)
                        .awaitLine(
                                l -> l.startsWith("allreduce-loop: rank ")
                                        && (l.contains(" detected failure of rank ") || l.contains(" failed: ")),
                                "reporting a failure",
                                limit);
                long ms = (System.nanoTime() - cutAt) / 1_000_000;
                System.out.printf("rank %d reported %d ms after rank %d was disconnected: %s%n", r, ms, VICTIM, line);
                assertTrue(
                        line.contains("rank " + VICTIM),
                        () -> "does not name rank " + VICTIM + ": " + line + "\n" + job.allOutput());
                int status = job.awaitExit(r, Duration.ofSeconds(30));
                assertTrue(
                        status != 0,
                        () -> "rank exited 0 after losing a peer:\n"
                                + job.output(0).text());
            }
        }
    }

    @Test
    void pausedContainerIsDetectedWithinTheHeartbeatTimeout() throws Exception {
        try (JmpiCluster job = loop()) {
            job.start();
            awaitRunning(job);
            long pausedAt = System.nanoTime();
            job.pause(VICTIM);
            try {
                Duration limit = Duration.ofMillis(HEARTBEAT_TIMEOUT_MS).plus(DETECTION_SLACK);
                for (int r = 0; r < SIZE; r++) {
                    if (r == VICTIM) {
                        continue;
                    }
                    String line = job.output(r)
                            .awaitLine(
                                    l -> l.startsWith("allreduce-loop: rank ")
                                            && (l.contains(" detected failure of rank ") || l.contains(" failed: ")),
                                    "reporting a failure",
                                    limit);
                    long ms = (System.nanoTime() - pausedAt) / 1_000_000;
                    System.out.printf("rank %d reported %d ms after rank %d was paused: %s%n", r, ms, VICTIM, line);
                    assertTrue(
                            line.contains("rank " + VICTIM),
                            () -> "does not name rank " + VICTIM + ": " + line + "\n" + job.allOutput());
                }
            } finally {
                job.unpause(VICTIM);
            }
        }
    }
}
