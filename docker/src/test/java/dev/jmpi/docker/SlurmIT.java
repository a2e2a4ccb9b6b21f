package dev.jmpi.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jmpi under a real Slurm (deploy/slurm/slurm-up.sh starts one on this machine: nodes n1 and
 * n2): {@code srun -N 2 -n 4 java ... Reduction} with no launcher, the ranks bootstrapping from
 * Slurm's environment, and the documented batch script through {@code sbatch --wait}.
 * Skipped when {@code srun} is missing or no controller answers; failed instead with
 * {@code JMPI_REQUIRE_SLURM=1}.
 */
@Tag("slurm")
class SlurmIT {

    private static final String REQUIRE_ENV = "JMPI_REQUIRE_SLURM";
    private static final String EXPECTED = "on task 0 after Reduce: data = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]";
    private static final long JOB_TIMEOUT_S = 180;

    private static String classpath;

    @BeforeAll
    static void requireSlurm() throws Exception {
        String why = null;
        Result sinfo = null;
        try {
            sinfo = run(List.of("sinfo", "-h", "-o", "%T %N"), Map.of(), 30);
        } catch (IOException e) {
            why = "srun/sinfo not found (" + e.getMessage() + ")";
        }
        if (why == null && sinfo.status != 0) {
            why = "no Slurm controller answers (sinfo exit " + sinfo.status + ": " + sinfo.output.strip() + ")";
        }
        if (why == null && !sinfo.output.contains("idle") && !sinfo.output.contains("mix")) {
            why = "no idle Slurm node: " + sinfo.output.strip();
        }
        if (why != null) {
            assertFalse(
                    "1".equals(System.getenv(REQUIRE_ENV)),
                    why + ", and " + REQUIRE_ENV + "=1 requires the"
                            + " Slurm tests to run (start Slurm with: bash deploy/slurm/slurm-up.sh)");
            Assumptions.abort(why + " (start it with bash deploy/slurm/slurm-up.sh)");
        }
        classpath = System.getProperty("jmpi.slurm.classpath");
        assertTrue(classpath != null && !classpath.isBlank(), "jmpi.slurm.classpath is not set (docker/pom.xml)");
    }

    @Test
    void srunStartsFourRanksOnTwoNodesWithoutALauncher() throws Exception {
        Result r = run(
                List.of(
                        "srun",
                        "-N",
                        "2",
                        "-n",
                        "4",
                        "--kill-on-bad-exit=1",
                        "--time=5",
                        "java",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto",
                        "-cp",
                        classpath,
                        "dev.jmpi.examples.reduction.Reduction"),
                Map.of("JMPI_SECRET", secret()),
                JOB_TIMEOUT_S);
        assertEquals(0, r.status, r.output);
        assertTrue(r.output.contains(EXPECTED), r.output);
        for (int rank = 0; rank < 4; rank++) {
            assertTrue(
                    r.output.contains("on task " + rank + " before Reduce: data = [0, " + (rank + 1) + ", "), r.output);
        }
    }

    @Test
    void sbatchRunsTheDocumentedBatchScript(@TempDir Path dir) throws Exception {
        Path script = Path.of(System.getProperty("jmpi.repo.root", ".."), "deploy", "slurm", "jmpi.sbatch");
        Path out = dir.resolve("job.out");
        Result r = run(
                List.of("sbatch", "--wait", "--time=5", "--output=" + out, script.toString()),
                Map.of("JMPI_CLASSPATH", classpath, "JMPI_JAVA_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1"),
                JOB_TIMEOUT_S);
        String jobOutput = Files.exists(out) ? Files.readString(out) : "(no " + out + ")";
        assertEquals(0, r.status, r.output + "\njob output:\n" + jobOutput);
        assertTrue(jobOutput.contains(EXPECTED), jobOutput);
        assertFalse(
                jobOutput.contains("secret derived from the job id"),
                "the batch script must give the ranks a secret:\n" + jobOutput);
    }

    private static String secret() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private record Result(int status, String output) {}

    private static Result run(List<String> command, Map<String, String> env, long timeoutS) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(
                () -> {
                    try {
                        out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        out.append("(reading the output failed: ").append(e).append(')');
                    }
                },
                "slurm-output");
        reader.start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutS + " s:\n" + out);
        }
        reader.join();
        return new Result(p.exitValue(), out.toString());
    }
}
