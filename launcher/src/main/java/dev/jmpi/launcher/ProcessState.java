package dev.jmpi.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local process's scheduling state from {@code /proc/<pid>/stat} (Linux): {@code T} when
 * it is stopped (SIGSTOP, SIGTSTP) and {@code t} when a debugger holds it. A stopped rank
 * never answers its peers, which then declare it dead and fail; the report names it.
 */
final class ProcessState {

    private ProcessState() {}

    /** The state letter of {@code pid}, or {@code '?'} if it cannot be read (not Linux, exited). */
    static char of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return parse(stat);
        } catch (IOException | RuntimeException e) {
            return '?';
        }
    }

    /** The state field: the first after the command name, which is in parentheses and may hold any character. */
    static char parse(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) {
            return '?';
        }
        return stat.charAt(close + 2);
    }

    /** Whether {@code pid} is stopped by a signal or a debugger. */
    static boolean stopped(long pid) {
        char s = of(pid);
        return s == 'T' || s == 't';
    }
}
