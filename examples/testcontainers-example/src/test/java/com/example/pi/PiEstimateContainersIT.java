package com.example.pi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jmpi.testcontainers.JmpiCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.DockerClientFactory;

/**
 * Integration tests: the program, as compiled by this build, run as three containers of the
 * jmpi image (its runtime, our target/classes copied in), whole and with a rank killed.
 */
@Tag("docker")
@Timeout(300)
class PiEstimateContainersIT {

    private static final String IMAGE = System.getProperty("jmpi.docker.image", JmpiCluster.DEFAULT_IMAGE);

    @BeforeAll
    static void dockerIsThere() {
        boolean required = "1".equals(System.getenv("JMPI_REQUIRE_DOCKER"));
        if (!required) {
            assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker engine answers");
        }
    }

    private static JmpiCluster pi(int ranks, String... args) {
        return JmpiCluster.builder(ranks)
                .image(IMAGE)
                .classpathEntry(Path.of("target", "classes"))
                .jobId("pi")
                .main(PiEstimate.class.getName(), args)
                .build();
    }

    @Test
    void threeContainersAgreeOnPi() throws Exception {
        try (JmpiCluster job = pi(3, "5", "100000")) {
            job.start();
            assertArrayEquals(new int[] {0, 0, 0}, job.awaitExitAll(Duration.ofSeconds(180)), job::allOutput);
            String last = job.output(0).awaitLine("round 5: pi ~ 3.1", Duration.ofSeconds(5));
            assertTrue(last.startsWith("round 5"), last);
        }
    }

    @Test
    void killingARankFailsTheJobNamingIt() throws Exception {
        try (JmpiCluster job = pi(3, "1000000", "20000")) {
            job.start();
            job.output(0).awaitLine("round 3:", Duration.ofSeconds(180));
            job.kill(2);
            int status = job.awaitExit(0, Duration.ofSeconds(60));
            assertNotEquals(0, status, job::allOutput);
            assertTrue(job.output(0).text().contains("rank 2"), job::allOutput);
        }
    }
}
