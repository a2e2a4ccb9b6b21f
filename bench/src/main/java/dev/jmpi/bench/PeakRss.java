package dev.jmpi.bench;

import dev.jmpi.Communicator;
import java.io.IOException;
import java.io.PrintWriter;
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

    /** Gathers every rank's peak RSS to rank 0, which prints {@code MEM <mode> <kB of rank 0> <rank 1> ...}. */
    static void report(Communicator world, PrintWriter out, String mode) {
        long[] mine = {kilobytes()};
        long[] all = new long[world.size()];
        world.gather(mine, 0, 1, all, 0, 1, 0);
        StringBuilder sb = new StringBuilder("MEM ").append(mode);
        for (long kb : all) {
            sb.append(' ').append(kb);
        }
        out.println(sb);
    }
}
