package dev.jmpi.examples;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code jmpirun} as a real process, the way a user does, and captures what it prints. */
final class JmpirunProcess {

    /** What a finished run left behind. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }

    private JmpirunProcess() {}

    /** {@code jmpirun -n ranks --oversubscribe -cp <examples classes> main args...}, bounded by {@code timeoutSeconds}. */
    static Result run(int ranks, String classpath, String main, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.jmpi.launcher.JmpiRun",
                "-n",
                Integer.toString(ranks),
                "--oversubscribe",
                "--timeout",
                (timeoutSeconds - 10) + "s",
                "--jvm-opt=-XX:TieredStopAtLevel=1",
                "--jvm-opt=-Xmx256m",
                "-cp",
                classpath,
                main));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("jmpirun-out", ".txt");
        Path err = Files.createTempFile("jmpirun-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return new Result(
                        -1,
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8) + "\n<killed after " + timeoutSeconds + " s>");
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
