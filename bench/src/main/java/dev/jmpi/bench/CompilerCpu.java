package dev.jmpi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time this JVM's JIT compiler threads have used so far, from {@code /proc/self/task/}
 * (Linux; -1 elsewhere). Unlike {@code CompilationMXBean}, which adds a compilation's elapsed
 * time when it ends, this counts a long C2 compilation while it runs, and counts only the
 * time it was on a CPU: on two cores shared by two busy ranks a single C2 compilation can
 * take seconds of wall time, and the repetitions that share a core with it are the slow ones.
 */
final class CompilerCpu {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Thread names as the kernel keeps them (15 characters): "C2 CompilerThread0" and the C1 ones. */
    private static final String[] PREFIXES = {"C1 CompilerThre", "C2 CompilerThre"};
    /** {@code utime} and {@code stime}, in {@code proc(5)}'s numbering. */
    private static final int UTIME = 14;

    private static final int STIME = 15;
    /** Linux's USER_HZ: {@code stat} counts CPU time in ticks of 10 ms on every architecture Java runs on. */
    private static final long MILLIS_PER_TICK = 10;

    private CompilerCpu() {}

    /** Milliseconds of CPU the live compiler threads have used, or -1 if the system does not tell. */
    static long millis() {
        long ticks = 0;
        boolean found = false;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String comm;
                String stat;
                try {
                    comm = Files.readString(task.resolve("comm"), StandardCharsets.US_ASCII)
                            .strip();
                    if (!isCompiler(comm)) {
                        continue;
                    }
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException threadEnded) {
                    continue;
                }
                ticks += userPlusSystemTicks(stat);
                found = true;
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return found ? ticks * MILLIS_PER_TICK : -1;
    }

    static boolean isCompiler(String comm) {
        for (String p : PREFIXES) {
            if (comm.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** {@code utime + stime} of one {@code /proc/.../stat} line. */
    static long userPlusSystemTicks(String stat) {
        return ProcStat.field(stat, UTIME) + ProcStat.field(stat, STIME);
    }
}
