package dev.jmpi.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident set size of this process, as mpibench.c's {@code peak_rss_kb}: VmHWM of /proc/self/status. */
final class PeakRss {

    private PeakRss() {}

    /** VmHWM in kB, or -1 where /proc is not available. */
    static long kilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
