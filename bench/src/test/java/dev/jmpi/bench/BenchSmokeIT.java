package dev.jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Smoke run of the benchmark runner, the way compare.sh starts it: jmpirun with 2 rank JVMs,
 * every operation at tiny sizes. Proves the runner works end to end; times nothing.
 */
@Timeout(120)
class BenchSmokeIT {

    private static final String[] TESTS = {
        "pp_lat", "pp_bw", "stream_bw", "bcast", "reduce", "allreduce", "allgather", "alltoall"
    };

    @Test
    void everyOperationVerifiesAndPrintsResultLinesWithTwoRanks() throws Exception {
        String out = jmpirun("--op", "all", "--sizes", "8,1k", "--iters", "10", "--warmup", "2", "--reps", "3");
        for (String test : TESTS) {
            for (String param : paramsOf(test)) {
                assertTrue(
                        out.contains("VERIFY " + test + " " + param + " ok"), test + " " + param + " verified\n" + out);
                assertTrue(
                        out.lines()
                                .anyMatch(l -> l.matches(
                                        "RES " + test + " " + param + " [0-9.]+ [0-9.]+ [0-9.]+ 3 10( [0-9.]+)?")),
                        test + " " + param + " RES line\n" + out);
                assertTrue(
                        out.contains("HIST " + test + " " + param + " p50="),
                        test + " " + param + " HIST line\n" + out);
                assertTrue(
                        out.lines().anyMatch(l -> l.matches("CPU " + test + " " + param + " [0-9.]+ .*")),
                        test + " " + param + " CPU line\n" + out);
                assertTrue(
                        out.lines().anyMatch(l -> l.matches("JIT " + test + " " + param + " [0-9]+ .*")),
                        test + " " + param + " JIT line\n" + out);
            }
        }
        assertTrue(out.lines().anyMatch(l -> l.matches("RES barrier 0 [0-9.]+ [0-9.]+ [0-9.]+ 3 10")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("MEM all [0-9]+ [0-9]+")), out);
        assertFalse(out.contains("FAILED"), out);
    }

    @Test
    void helloReportsStartupAndPeakMemory() throws Exception {
        String out =
                jmpirun("--op", "hello", "--launch-epoch-ns", Long.toString(System.currentTimeMillis() * 1_000_000L));
        assertTrue(out.contains("hello from 2 ranks"), out);
        assertTrue(
                out.lines()
                        .anyMatch(l ->
                                l.startsWith("STARTUP np=2 longest_init_ms=") && l.contains("launch_to_all_init_ms=")),
                out);
        assertTrue(out.lines().anyMatch(l -> l.matches("MEM hello [0-9]+ [0-9]+")), out);
    }

    /** Byte sizes 8 and 1k are 8 and 1024 for point-to-point, 1 and 128 doubles for collectives. */
    private static List<String> paramsOf(String test) {
        return test.startsWith("pp_") || test.equals("stream_bw") ? List.of("8", "1024") : List.of("1", "128");
    }

    private static String jmpirun(String... benchArgs) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Path target = Path.of("target").toAbsolutePath();
        String rankClasspath =
                target.resolve("classes") + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.jmpi.launcher.JmpiRun",
                "-n",
                "2",
                "--oversubscribe",
                "--timeout",
                "90s",
                "--jvm-opt=-Xmx256m",
                "-cp",
                rankClasspath,
                "dev.jmpi.bench.Bench"));
        cmd.addAll(List.of(benchArgs));
        Path log = Files.createTempFile("bench-smoke", ".txt");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(100, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), "jmpirun exit status\n" + out);
            return out;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
