package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jmpirun warns, once and with the ways out, when JVM ranks far outnumber this host's cores. */
@Timeout(30)
class OversubscriptionWarningTest {

    private final StringWriter err = new StringWriter();
    private final Log log = new Log(new Console(new PrintWriter(new StringWriter()), new PrintWriter(err)), 0);

    private static JobSpec job(int ranks, boolean forceSsh) {
        return TestJobs.job(ranks, "here", Map.of(), List.of(), forceSsh);
    }

    @Test
    void moreThanFourJvmRanksPerCoreWarnsWithTheChoices() {
        OversubscriptionWarning.check(job(9, false), false, false, 2, log);
        String warning = err.toString();
        assertTrue(warning.startsWith("jmpirun: warning: 9 ranks on this host, which has 2 cores"), warning);
        for (String choice : new String[] {"--threads", "-n 8 or less", "--oversubscribe"}) {
            assertTrue(warning.contains(choice), "missing " + choice + ": " + warning);
        }
        assertEquals(1, warning.lines().count(), warning);
    }

    @Test
    void fourRanksPerCoreIsQuiet() {
        OversubscriptionWarning.check(job(8, false), false, false, 2, log);
        assertEquals("", err.toString());
    }

    @Test
    void threadsAndOversubscribeAreQuiet() {
        OversubscriptionWarning.check(job(1000, false), true, false, 2, log);
        OversubscriptionWarning.check(job(1000, false), false, true, 2, log);
        assertEquals("", err.toString());
    }

    @Test
    void ranksStartedOverSshDoNotCount() {
        OversubscriptionWarning.check(job(1000, true), false, false, 2, log);
        assertEquals("", err.toString());
    }

    @Test
    void threadRanksBeyondTheLimitRunWithoutTheWarning() {
        int tooMany = OversubscriptionWarning.RANKS_PER_CORE_LIMIT
                        * Runtime.getRuntime().availableProcessors()
                + 1;
        Jmpirun.Result threads = Jmpirun.run(
                "--threads",
                "-n",
                Integer.toString(tooMany),
                "-cp",
                Path.of("target", "test-classes").toAbsolutePath().toString(),
                Jmpirun.APPS + "WhoAmI");
        assertEquals(0, threads.exitCode(), threads.toString());
        assertTrue(!threads.err().contains("warning"), threads.toString());
    }
}
