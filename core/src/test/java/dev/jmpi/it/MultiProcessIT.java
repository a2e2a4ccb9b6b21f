package dev.jmpi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The same guarantees as the in-JVM tests, across real JVM processes. */
@Timeout(300)
class MultiProcessIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Test
    void randomTrafficAcrossFourProcessesArrivesExactlyOnceInOrder() throws Exception {
        int n = 4;
        try (ChildJob job = new ChildJob(n, List.of(), "traffic", "4242")) {
            for (int r = 0; r < n; r++) {
                assertEquals(0, job.awaitExit(r, DEADLINE), () -> "rank exit\n" + job.describe());
                int rank = r;
                assertTrue(
                        job.output(r).stream().anyMatch(l -> l.equals("traffic ok rank " + rank + " sum 6")),
                        job::describe);
            }
        }
    }

    @Test
    void survivorsFailFastNamingARankKilledWithSigkill() throws Exception {
        try (ChildJob job = new ChildJob(3, List.of(), "allreduce-forever")) {
            for (int r = 0; r < 3; r++) {
                int rank = r;
                assertTrue(job.awaitLine(r, l -> l.equals("running rank " + rank), DEADLINE), job::describe);
            }
            job.process(1).destroyForcibly();
            for (int r : new int[] {0, 2}) {
                assertEquals(3, job.awaitExit(r, Duration.ofSeconds(60)), job::describe);
                String failure = job.output(r).stream()
                        .filter(l -> l.startsWith("failed rank"))
                        .findFirst()
                        .orElse("");
                assertTrue(failure.contains("RankFailedException") && failure.contains("rank 1"), job::describe);
            }
        }
    }

    @Test
    void survivorsFailNamingARankFrozenWithSigstopAfterTheHeartbeatTimeout() throws Exception {
        List<String> fastLiveness = List.of("-Djmpi.heartbeatIntervalMs=300", "-Djmpi.heartbeatTimeoutMs=3000");
        try (ChildJob job = new ChildJob(3, fastLiveness, "allreduce-forever")) {
            for (int r = 0; r < 3; r++) {
                int rank = r;
                assertTrue(job.awaitLine(r, l -> l.equals("running rank " + rank), DEADLINE), job::describe);
            }
            long pid = job.process(2).pid();
            new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
            try {
                for (int r : new int[] {0, 1}) {
                    assertEquals(3, job.awaitExit(r, Duration.ofSeconds(60)), job::describe);
                    String failure = job.output(r).stream()
                            .filter(l -> l.startsWith("failed rank"))
                            .findFirst()
                            .orElse("");
                    assertTrue(failure.contains("rank 2"), job::describe);
                }
            } finally {
                new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
            }
        }
    }
}
