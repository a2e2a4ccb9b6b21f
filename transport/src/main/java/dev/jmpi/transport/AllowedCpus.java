package dev.jmpi.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPUs this process may run on by its affinity mask ({@code Cpus_allowed_list} in
 * {@code /proc/self/status}): what {@code taskset}, jmpirun's binding and a cpuset pin. Not
 * {@link Runtime#availableProcessors()}, which also shrinks under a CPU quota (a container's
 * {@code --cpus}) that keeps nothing apart: two quota-limited ranks may still be stacked on one
 * CPU, so only a pin tells {@link SpinPolicy} that a rank has CPUs of its own.
 */
final class AllowedCpus {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final String FIELD = "Cpus_allowed_list:";

    private AllowedCpus() {}

    /** CPUs in this process's affinity mask, or {@code fallback} where the kernel does not say (not Linux). */
    static int count(int fallback) {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
                if (line.startsWith(FIELD)) {
                    int n = countList(line.substring(FIELD.length()).trim());
                    return n > 0 ? n : fallback;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No procfs, or a format this does not know: the JVM's own count stands.
        }
        return fallback;
    }

    /** CPUs in a kernel CPU list such as {@code 0-3,8,10-11}; 0 for an empty or malformed one. */
    static int countList(String list) {
        int n = 0;
        for (String part : list.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                return 0;
            }
            int dash = p.indexOf('-');
            try {
                if (dash < 0) {
                    Integer.parseInt(p);
                    n++;
                } else {
                    int from = Integer.parseInt(p.substring(0, dash));
                    int to = Integer.parseInt(p.substring(dash + 1));
                    if (to < from) {
                        return 0;
                    }
                    n += to - from + 1;
                }
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return n;
    }
}
