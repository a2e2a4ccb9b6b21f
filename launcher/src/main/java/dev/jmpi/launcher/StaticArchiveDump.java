package dev.jmpi.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -Xshare:dump} of a class list: how jmpi makes a static class data archive, for
 * jmpirun's own JVM ({@link LauncherArchive}) and for the ranks ({@link ClassDataCache}). A static
 * archive holds what Java 17's dynamic archives leave out: class files of version 49 and older
 * (picocli's), the lambda forms a JVM spins, and classes of any JVM that wrote its list (so a
 * list from a rank that both dials and accepts covers both sides).
 */
final class StaticArchiveDump {

    /** How long a dump may take before it is given up (it takes 1–2 s of CPU). */
    static final long TIMEOUT_SECONDS = 120;

    private StaticArchiveDump() {}

    /** {@code java -Xshare:dump} ran and failed: the same inputs will fail again. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Dumps the classes of {@code classList} found on {@code classPath} into {@code file}, with
     * {@code java} and those of {@code jvmOptions} an archive must agree on ({@link #keptForDump}):
     * HotSpot maps an archive only into a JVM whose class path starts with the one it was made for.
     *
     * @throws Refused if the dump ran and exited non-zero
     */
    static void run(String java, List<String> jvmOptions, Path classList, String classPath, Path file)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String option : jvmOptions) {
            if (keptForDump(option)) {
                cmd.add(option);
            }
        }
        cmd.addAll(List.of(
                "-Xshare:dump",
                "-XX:SharedClassListFile=" + classList,
                "-XX:SharedArchiveFile=" + file,
                "-Xlog:cds=off,cds+dynamic=off",
                "-cp",
                classPath));
        Process p = new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("java -Xshare:dump did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new Refused("java -Xshare:dump exited " + p.exitValue());
        }
    }

    /** Whether a JVM option goes to the archive's dump too (heap, collector, JIT; not logging, CDS or {@code -D}). */
    static boolean keptForDump(String option) {
        boolean cds = option.startsWith("-Xshare")
                || option.startsWith("-Xlog")
                || option.contains("SharedArchiveFile")
                || option.contains("DumpLoadedClassList")
                || option.contains("SharedClassListFile")
                || option.contains("DynamicDump")
                || option.contains("ArchiveClassesAtExit");
        return !cds && (option.startsWith("-XX:") || option.startsWith("-Xm") || option.startsWith("-Xss"));
    }

    /** {@code bytes} up to and including their last line feed (none if there is none): a list still being written. */
    static byte[] completeLines(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return Arrays.copyOf(bytes, end);
    }
}
