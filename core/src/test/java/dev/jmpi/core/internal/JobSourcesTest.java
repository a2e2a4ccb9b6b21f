package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSourcesTest {

    private static final String SECRET = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4});
    private static final InputStream NO_STDIN = new ByteArrayInputStream(new byte[0]);

    private static Map<String, String> env(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void bareEnvironmentMeansSingleton() {
        assertNull(JobSources.detect(env("PATH", "/bin"), NO_STDIN));
    }

    @Test
    void jmpirunVariablesDescribeTheJob() {
        JobEnvironment j = JobSources.detect(
                env(
                        "JMPI_RANK",
                        "2",
                        "JMPI_SIZE",
                        "4",
                        "JMPI_RENDEZVOUS",
                        "10.0.0.1:7100",
                        "JMPI_SECRET",
                        SECRET,
                        "JMPI_JOB_ID",
                        "j1",
                        "JMPI_PORT_RANGE",
                        "7200-7210",
                        "JMPI_TIMEOUT",
                        "30s",
                        "JMPI_LAUNCHED",
                        "1"),
                NO_STDIN);
        assertEquals(2, j.rank());
        assertEquals(4, j.size());
        assertEquals("10.0.0.1", j.rendezvousHost());
        assertEquals(7100, j.rendezvousPort());
        assertEquals(7200, j.firstPort());
        assertEquals(7210, j.lastPort());
        assertEquals(Duration.ofSeconds(30), j.timeout());
        assertTrue(j.launched());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, j.secret());
    }

    @Test
    void secretCanComeFromTheFirstLineOfStdinLeavingTheRest() throws Exception {
        InputStream in = new ByteArrayInputStream((SECRET + "\nuser input\n").getBytes(StandardCharsets.UTF_8));
        JobEnvironment j = JobSources.detect(
                env("JMPI_RANK", "0", "JMPI_SIZE", "1", "JMPI_RENDEZVOUS", "h:1", "JMPI_SECRET_STDIN", "1"), in);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, j.secret());
        assertEquals("user input\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void badVariablesAreNamedWithWhatWasExpected() {
        InvalidArgumentException e = assertThrows(
                InvalidArgumentException.class,
                () -> JobSources.detect(
                        env("JMPI_RANK", "4", "JMPI_SIZE", "4", "JMPI_RENDEZVOUS", "h:1", "JMPI_SECRET", SECRET),
                        NO_STDIN));
        assertTrue(e.getMessage().contains("JMPI_RANK=4 (expected: an integer in 0..3)"), e.getMessage());
        e = assertThrows(
                InvalidArgumentException.class,
                () -> JobSources.detect(env("JMPI_RANK", "0", "JMPI_SIZE", "2", "JMPI_SECRET", SECRET), NO_STDIN));
        assertTrue(
                e.getMessage().contains("JMPI_RENDEZVOUS is not set")
                        && e.getMessage().contains("jmpirun -n"),
                e.getMessage());
        e = assertThrows(
                InvalidArgumentException.class,
                () -> JobSources.detect(env("JMPI_RANK", "0", "JMPI_SIZE", "2", "JMPI_RENDEZVOUS", "h:1"), NO_STDIN));
        assertTrue(e.getMessage().contains("no job secret"), e.getMessage());
        e = assertThrows(
                InvalidArgumentException.class,
                () -> JobSources.detect(
                        env(
                                "JMPI_RANK",
                                "0",
                                "JMPI_SIZE",
                                "2",
                                "JMPI_RENDEZVOUS",
                                "h:1",
                                "JMPI_SECRET",
                                SECRET,
                                "JMPI_TIMEOUT",
                                "soon"),
                        NO_STDIN));
        assertTrue(e.getMessage().contains("JMPI_TIMEOUT=soon (expected: a duration"), e.getMessage());
    }

    @Test
    void slurmTasksFindRankZeroOnTheFirstNode() {
        JobEnvironment j = JobSources.detect(
                env(
                        "SLURM_PROCID",
                        "3",
                        "SLURM_NTASKS",
                        "4",
                        "SLURM_STEP_NODELIST",
                        "n[1-2]",
                        "SLURM_JOB_ID",
                        "17",
                        "SLURM_STEP_ID",
                        "0",
                        "JMPI_SECRET",
                        SECRET),
                NO_STDIN);
        assertEquals(3, j.rank());
        assertEquals(4, j.size());
        assertEquals("n1", j.rendezvousHost());
        assertTrue(j.hostRendezvous());
        assertEquals("slurm-17.0", j.jobId());
        JobEnvironment same = JobSources.detect(
                env(
                        "SLURM_PROCID",
                        "0",
                        "SLURM_NTASKS",
                        "4",
                        "SLURM_STEP_NODELIST",
                        "n[1-2]",
                        "SLURM_JOB_ID",
                        "17",
                        "SLURM_STEP_ID",
                        "0"),
                NO_STDIN);
        assertEquals(j.rendezvousPort(), same.rendezvousPort(), "every task must derive the same port");
    }

    @Test
    void slurmNodeListsExpandWithPaddingAndSeveralGroups() {
        assertEquals(List.of("n1", "n2", "n3", "n7", "gpu05"), SlurmNodeList.expand("n[1-3,7],gpu05"));
        assertEquals(List.of("node01", "node02", "node10"), SlurmNodeList.expand("node[01-02,10]"));
        assertEquals(List.of("a", "b"), SlurmNodeList.expand("a,b"));
    }

    @Test
    void kubernetesIndexedJobPodsUseTheCompletionIndexAsRank() {
        JobEnvironment j = JobSources.detect(
                env(
                        "JOB_COMPLETION_INDEX",
                        "1",
                        "JMPI_SIZE",
                        "4",
                        "JMPI_RENDEZVOUS",
                        "jmpi-0.jmpi:7100",
                        "JMPI_SECRET",
                        SECRET),
                NO_STDIN);
        assertEquals(1, j.rank());
        assertEquals("jmpi-0.jmpi", j.rendezvousHost());
        assertEquals(7100, j.rendezvousPort());
        assertTrue(j.hostRendezvous());
    }

    @Test
    void torchrunStyleVariablesWork() {
        JobEnvironment j = JobSources.detect(
                env(
                        "RANK",
                        "1",
                        "WORLD_SIZE",
                        "2",
                        "MASTER_ADDR",
                        "10.1.1.1",
                        "MASTER_PORT",
                        "29500",
                        "JMPI_SECRET",
                        SECRET),
                NO_STDIN);
        assertEquals(1, j.rank());
        assertEquals("10.1.1.1", j.rendezvousHost());
        assertEquals(29500, j.rendezvousPort());
    }

    @Test
    void jmpirunVariablesWinOverSlurm() {
        JobEnvironment j = JobSources.detect(
                env(
                        "JMPI_RANK",
                        "0",
                        "JMPI_SIZE",
                        "1",
                        "JMPI_RENDEZVOUS",
                        "h:1",
                        "JMPI_SECRET",
                        SECRET,
                        "SLURM_PROCID",
                        "5",
                        "SLURM_NTASKS",
                        "8",
                        "SLURM_STEP_NODELIST",
                        "n1"),
                NO_STDIN);
        assertEquals(0, j.rank());
        assertEquals(1, j.size());
    }
}
