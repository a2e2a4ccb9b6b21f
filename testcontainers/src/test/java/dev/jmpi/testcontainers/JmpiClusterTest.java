package dev.jmpi.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;

/** What a cluster asks Docker for, checked without a Docker engine (nothing is started). */
class JmpiClusterTest {

    @TempDir
    Path tmp;

    @Test
    void everyRankGetsTheBootstrapEnvironmentAndOneSecret() {
        try (JmpiCluster job = JmpiCluster.builder(3)
                .jobId("j1")
                .env("JMPI_TIMEOUT", "30s")
                .main("com.example.Main", "a", "b")
                .build()) {
            String secret = job.container(0).getEnvMap().get("JMPI_SECRET");
            assertTrue(secret != null && secret.length() >= 40, "a random secret: " + secret);
            for (int r = 0; r < 3; r++) {
                Map<String, String> env = job.container(r).getEnvMap();
                assertEquals(Integer.toString(r), env.get("JMPI_RANK"));
                assertEquals("3", env.get("JMPI_SIZE"));
                assertEquals("rank-0:" + JmpiCluster.RENDEZVOUS_PORT, env.get("JMPI_RENDEZVOUS"));
                assertEquals("j1", env.get("JMPI_JOB_ID"));
                assertEquals("30s", env.get("JMPI_TIMEOUT"));
                assertEquals(secret, env.get("JMPI_SECRET"));
                assertEquals(
                        List.of("rank-" + r),
                        job.container(r).getNetworkAliases().subList(1, 2));
            }
        }
    }

    @Test
    void copiedClasspathEntriesFollowTheImagesClasspath() throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path jar = Files.write(tmp.resolve("lib.jar"), new byte[0]);
        try (JmpiCluster job = JmpiCluster.builder(1)
                .image("my/app:1")
                .classpath("/jmpi/*")
                .classpathEntry(classes)
                .classpathEntry(jar)
                .jvmOption("-Dx=1")
                .main("com.example.Main", "arg")
                .build()) {
            GenericContainer<?> c = job.container(0);
            assertEquals("my/app:1", job.image().asCanonicalNameString().replace("docker.io/", ""));
            List<String> cmd = List.of(c.getCommandParts());
            assertEquals("java", cmd.get(0));
            assertTrue(cmd.contains("-Dx=1"), cmd.toString());
            int cp = cmd.indexOf("-cp");
            assertEquals("/jmpi/*:/opt/app/0:/opt/app/1/lib.jar", cmd.get(cp + 1));
            assertEquals(List.of("com.example.Main", "arg"), cmd.subList(cp + 2, cmd.size()));
        }
    }

    @Test
    void theDefaultJoinTimeoutGivesWayToOneTheCallerSetsUnderEitherName() {
        for (String own : List.of("-Djmpi.joinTimeout=5s", "-Djmpi.joinTimeoutMs=5000")) {
            try (JmpiCluster job = JmpiCluster.builder(1)
                    .image("my/app:1")
                    .jvmOption(own)
                    .main("com.example.Main")
                    .build()) {
                List<String> cmd = List.of(job.container(0).getCommandParts());
                assertTrue(cmd.contains(own), cmd.toString());
                assertEquals(
                        1,
                        cmd.stream()
                                .filter(o -> o.startsWith("-Djmpi.joinTimeout"))
                                .count(),
                        cmd.toString());
            }
        }
        try (JmpiCluster job = JmpiCluster.builder(1)
                .image("my/app:1")
                .main("com.example.Main")
                .build()) {
            assertTrue(List.of(job.container(0).getCommandParts()).contains("-Djmpi.joinTimeout=90s"));
        }
    }

    @Test
    void badInputIsRefusedNamingWhatWasExpected() {
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> JmpiCluster.builder(0));
        assertTrue(size.getMessage().contains("size=0 (expected: >= 1)"), size.getMessage());
        IllegalStateException main = assertThrows(
                IllegalStateException.class, () -> JmpiCluster.builder(2).build());
        assertTrue(main.getMessage().contains("main class not set"), main.getMessage());
        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class, () -> JmpiCluster.builder(2).classpathEntry(tmp.resolve("nope")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
        try (JmpiCluster job = JmpiCluster.builder(2).main("com.example.Main").build()) {
            IllegalArgumentException rank = assertThrows(IllegalArgumentException.class, () -> job.kill(2));
            assertTrue(rank.getMessage().contains("rank=2 (expected: 0 <= rank < size=2)"), rank.getMessage());
        }
    }
}
