package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jmpirun --check-collectives} with real JVMs: 4 ranks call mismatched collectives
 * (bcast on ranks 0-2, reduce on rank 3). Strict: every rank fails at the mismatched call,
 * naming both calls. Default: the job ends without hanging, the mismatch named. jmpirun's
 * own timeout (90 s) is far above the seconds the job takes; reaching it means the job hung.
 */
@Timeout(300)
class CollectiveChecksIT {

    private static final String BCAST = "bcast(root=0, count=4, type=INT)";
    private static final String REDUCE = "reduce(root=0, count=4, type=INT, op=SUM)";

    private static Jmpirun.Result run(Path dir, String... options) {
        String[] head = {"-n", "4", "--oversubscribe", "--timeout", "90s"};
        String[] tail = {Jmpirun.APPS + "MismatchedCollectives", dir.toString()};
        String[] all = new String[head.length + options.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(options, 0, all, head.length, options.length);
        System.arraycopy(tail, 0, all, head.length + options.length, tail.length);
        return Jmpirun.run(Jmpirun.lean(all));
    }

    private static String outcome(Path dir, int rank, Jmpirun.Result r) throws IOException {
        Path f = dir.resolve("rank-" + rank + ".txt");
        assertTrue(Files.exists(f), "rank " + rank + " wrote no outcome: " + r);
        return Files.readString(f, StandardCharsets.UTF_8);
    }

    private static void assertEndedByMismatch(Jmpirun.Result r) {
        assertNotEquals(0, r.exitCode(), r.toString());
        assertNotEquals(ExitCodes.TIMEOUT, r.exitCode(), "the job hung: " + r);
        assertTrue(r.err().contains("collective mismatch at call #1"), "jmpirun's summary names the mismatch: " + r);
    }

    @Test
    void strictModeFailsEveryRankAtTheMismatchedCall(@TempDir Path dir) throws IOException {
        Jmpirun.Result r = run(dir, "--check-collectives", "strict");
        assertEndedByMismatch(r);
        for (int rank = 0; rank < 4; rank++) {
            String o = outcome(dir, rank, r);
            assertTrue(
                    o.startsWith("at-call dev.jmpi.CollectiveMismatchException: ")
                            && o.contains(BCAST)
                            && o.contains(REDUCE)
                            && o.contains("world rank 3"),
                    "rank " + rank + ": " + o + "\n" + r);
        }
    }

    /** Default: no hang, the mismatch named; ranks that only sent may return normally (documented). */
    @Test
    void defaultModeEndsTheJobNamingTheMismatch(@TempDir Path dir) throws IOException {
        Jmpirun.Result r = run(dir);
        assertEndedByMismatch(r);
        int atCall = 0;
        int failed = 0;
        for (int rank = 0; rank < 4; rank++) {
            String o = outcome(dir, rank, r);
            if (!o.equals("returned")) {
                assertTrue(
                        o.matches("(at-call|at-next-call) dev\\.jmpi\\.CollectiveMismatchException: .*")
                                && o.contains(BCAST)
                                && o.contains(REDUCE),
                        "rank " + rank + ": " + o + "\n" + r);
                failed++;
                atCall += o.startsWith("at-call") ? 1 : 0;
            }
        }
        System.out.println("CollectiveChecksIT: default mode, ranks failing at the mismatched call: " + atCall
                + ", failing at all: " + failed + " of 4");
        assertTrue(failed > 0, r.toString());
    }
}
