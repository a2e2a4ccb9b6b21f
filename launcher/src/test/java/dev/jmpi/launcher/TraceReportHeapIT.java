package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.core.observe.Names;
import dev.jmpi.core.observe.ObserveConfig;
import dev.jmpi.core.observe.RankObservation;
import dev.jmpi.core.observe.Recorder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trace too large for jmpirun's heap: {@code jmpirun --report} says so, names the heap and
 * the files, keeps them and exits non-zero, instead of dying with an {@link OutOfMemoryError}
 * stack trace; with room in the heap the same files make the trace.
 */
@Timeout(300)
class TraceReportHeapIT {

    private static final Path SCRIPT =
            Path.of("..", "bin", "jmpirun").toAbsolutePath().normalize();
    private static final int SPANS_PER_RANK = 200_000;

    @TempDir
    Path tmp;

    private record Run(int exit, String err) {}

    /** Rank {@code rank} of 2 sends (rank 0) or receives (rank 1) {@link #SPANS_PER_RANK} messages. */
    private static void writeRank(Path dir, int rank) {
        Recorder rec = new Recorder(rank, new ObserveConfig(true, "t.json", dir, false, 0));
        for (int i = 0; i < SPANS_PER_RANK; i++) {
            long start = rec.start();
            rec.end(start, 1, Names.key(rank == 0 ? "send" : "recv", null), false, 1 - rank, 4, 0, 8, 0, false);
        }
        rec.snapshot("h", 1).write(dir.resolve(RankObservation.fileName(rank)));
    }

    private Run jmpirun(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(SCRIPT.toString()), Stream.of(args))
                        .toList())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().put(LaunchSettings.CDS.env(), "off");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "jmpirun --report did not finish");
        return new Run(p.exitValue(), Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aTraceTooLargeForTheHeapIsReportedWithTheFilesKeptAndOneThatFitsIsWritten() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("obs"));
        writeRank(dir, 0);
        writeRank(dir, 1);
        Path json = tmp.resolve("job.json");

        Run small = jmpirun(
                Map.of("JMPIRUN_JAVA_OPTS", "-Xms8m -Xmx24m"), "--report", dir.toString(), "--trace", json.toString());
        assertEquals(ExitCodes.INTERNAL_ERROR, small.exit(), small.err());
        assertTrue(small.err().matches("(?s).*jmpirun's heap \\(2[0-4] MiB\\) is too small to .*"), small.err());
        assertTrue(small.err().contains("they are kept: make the report with JMPIRUN_JAVA_OPTS=-Xmx4g"), small.err());
        assertTrue(!small.err().contains("\tat "), "no stack trace expected:\n" + small.err());
        assertTrue(Files.isRegularFile(dir.resolve(RankObservation.fileName(0))));

        Run fits = jmpirun(Map.of(), "--report", dir.toString(), "--trace", json.toString());
        assertEquals(ExitCodes.SUCCESS, fits.exit(), fits.err());
        assertTrue(fits.err().contains("jmpirun: trace of 2 ranks written to " + json), fits.err());
        assertTrue(Files.size(json) > SPANS_PER_RANK, "trace " + json + " has " + Files.size(json) + " bytes");
    }
}
