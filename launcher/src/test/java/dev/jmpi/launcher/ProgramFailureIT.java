package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A rank whose program throws ends the job with its exception named, whatever the other
 * ranks are waiting in: real jmpirun, real JVMs. jmpirun's own timeout (60 s) is far above
 * the seconds the job takes; reaching it means the job hung.
 */
@Timeout(180)
class ProgramFailureIT {

    private static final String CAUSE = "rank 1 (127.0.0.1:";
    private static final String BOOM = "failed: java.lang.IllegalStateException: boom";

    @ParameterizedTest(name = "others wait in {0}")
    @ValueSource(strings = {"recv", "ssend", "probe", "requests", "barrier", "bcast", "allreduce", "gather"})
    void exceptionInsideTryWithResourcesEndsTheJobNamingItOnEveryRank(String waitIn) {
        Jmpirun.Result r = run(waitIn);
        assertFailedWithBoom(r, 3);
    }

    @ParameterizedTest(name = "others wait in {0}")
    @ValueSource(strings = {"recv", "allreduce"})
    void exceptionWithoutClosingEndsTheJobNamingItOnEveryRank(String waitIn) {
        Jmpirun.Result r = run(waitIn, "no-close");
        assertFailedWithBoom(r, 3);
    }

    private static Jmpirun.Result run(String... args) {
        String[] jmpirun = {"-n", "3", "--oversubscribe", "--timeout", "60s", Jmpirun.APPS + "ThrowWhileOthersWait"};
        String[] all = new String[jmpirun.length + args.length];
        System.arraycopy(jmpirun, 0, all, 0, jmpirun.length);
        System.arraycopy(args, 0, all, jmpirun.length, args.length);
        return Jmpirun.run(Jmpirun.lean(all));
    }

    private static void assertFailedWithBoom(Jmpirun.Result r, int ranks) {
        assertNotEquals(0, r.exitCode(), r.toString());
        assertNotEquals(ExitCodes.TIMEOUT, r.exitCode(), "the job hung: " + r);
        assertTrue(
                r.errLines().stream()
                        .anyMatch(l -> l.matches(
                                "jmpirun: rank 1 \\(host .*\\) failed first: java.lang.IllegalStateException: boom")),
                "jmpirun's summary leads with rank 1's exception: " + r);
        assertEquals(
                1,
                r.errLines().stream()
                        .filter(l -> l.equals("Exception in thread \"main\" java.lang.IllegalStateException: boom"))
                        .count(),
                "rank 1's exception printed once: " + r);
        // Every other rank that got to report (jmpirun stops the rest once rank 1 has exited)
        // names rank 1's exception, not a consequence of it.
        int named = 0;
        for (String line : r.errLines()) {
            if (line.startsWith("Exception in thread \"main\" dev.jmpi.")) {
                assertTrue(
                        line.matches(
                                ".*: rank [02]: .* failed: " + Pattern.quote(CAUSE) + "\\d+\\) " + Pattern.quote(BOOM)),
                        "names rank 1's exception: " + line + "\n" + r);
                named++;
            }
        }
        assertTrue(named >= 1 && named <= ranks - 1, "the others name rank 1's exception: " + r);
        assertFalse(r.err().contains("CollectiveMismatchException"), r.toString());
        assertFalse(r.out().contains("rank 0 returned from"), "rank 0 needed rank 1 yet returned: " + r);
    }
}
