package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.launcher.apps.SpinPastGrace;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code jmpirun --threads}: ranks as threads of jmpirun's JVM, each with its own classes. */
@Timeout(120)
class ThreadsJobTest {

    private static final String CP =
            Path.of("target", "test-classes").toAbsolutePath().toString();

    @BeforeEach
    void holdSpinningRanks() {
        System.clearProperty(SpinPastGrace.RELEASE_PROP);
    }

    @AfterEach
    void releaseSpinningRanks() {
        System.setProperty(SpinPastGrace.RELEASE_PROP, "true");
    }

    @Test
    void ringAndAllreduceRunAsThreadsWithTaggedOutput() {
        Jmpirun.Result r =
                Jmpirun.run("--threads", "-n", "4", "--tag-output", "-cp", CP, Jmpirun.APPS + "RingAllreduce");
        assertEquals(0, r.exitCode(), r.toString());
        for (int rank = 0; rank < 4; rank++) {
            String expected = "[" + rank + "] rank " + rank + " of 4: left=" + ((rank + 3) % 4) + " sum=6";
            assertTrue(r.outLines().contains(expected), "missing '" + expected + "':\n" + r);
        }
    }

    @Test
    void eachRankHasItsOwnStaticsAndItsOwnWorld() {
        Jmpirun.Result r = Jmpirun.run("--threads", "-n", "3", "-cp", CP, Jmpirun.APPS + "WhoAmI");
        assertEquals(0, r.exitCode(), r.toString());
        for (int rank = 0; rank < 3; rank++) {
            assertTrue(r.outLines().contains("rank " + rank + " of 3 inits=1 sameWorld=true"), r.toString());
            assertTrue(r.errLines().contains("rank " + rank + " to stderr"), r.toString());
        }
    }

    @Test
    void rankThatThrowsFailsTheJobNamingItAndWakesTheOthers() {
        Jmpirun.Result r = Jmpirun.run(
                "--threads", "-n", "3", "--grace", "30s", "-cp", CP, Jmpirun.APPS + "ThrowWhileOthersWait", "recv");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(
                r.err().contains("jmpirun: rank 1 (a thread of jmpirun) failed first: exited with status 1"),
                r.toString());
        assertTrue(r.err().contains("IllegalStateException: boom"), r.toString());
        assertTrue(
                !r.err().contains("is still running after"),
                "ranks blocked in jmpi must be woken, not abandoned:\n" + r);
    }

    @Test
    void rankComputingPastTheGracePeriodIsAbandoned() {
        Jmpirun.Result r =
                Jmpirun.run("--threads", "-n", "2", "--grace", "1s", "-cp", CP, Jmpirun.APPS + "SpinPastGrace");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("rank 1 (a thread of jmpirun) failed first"), r.toString());
        assertTrue(r.err().contains("rank 0 (a thread of jmpirun) is still running after 1s"), r.toString());
    }

    @Test
    void timeoutReportsWhatEachRankIsBlockedInAndEndsTheJob() {
        Jmpirun.Result r =
                Jmpirun.run("--threads", "-n", "2", "--timeout", "3s", "-cp", CP, Jmpirun.APPS + "RecvDeadlock");
        assertEquals(ExitCodes.TIMEOUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("jmpirun: rank 0 (a thread of jmpirun):"), r.toString());
        assertTrue(r.err().contains("recv(source=1, tag=7)"), r.toString());
        assertTrue(r.err().contains("recv(source=0, tag=7)"), r.toString());
        assertTrue(!r.err().contains("is still running after"), "blocked ranks must be woken:\n" + r);
    }

    @Test
    void mainClassOnlyOnJmpisClassPathIsRefusedPerRank() {
        Jmpirun.Result r = Jmpirun.run("--threads", "-n", "2", Jmpirun.APPS + "WhoAmI");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("with --threads give it with -cp"), r.toString());
    }

    @Test
    void threadsRefuseRemoteHosts() {
        Jmpirun.Result r = Jmpirun.run("--threads", "-n", "2", "--force-ssh", "-cp", CP, Jmpirun.APPS + "WhoAmI");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--threads runs every rank in this JVM"), r.toString());
        assertEquals(List.of(), r.outLines());
    }
}
