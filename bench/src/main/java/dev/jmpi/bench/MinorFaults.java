package dev.jmpi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's minor page faults so far, from {@code /proc/self/stat} (Linux; -1 elsewhere).
 * On a VM where a first-touch fault costs ~10 us, faults per operation in steady state show
 * memory a hot path touches afresh on every call (a new large array or direct buffer, a heap
 * that shrinks and grows again).
 */
final class MinorFaults {

    private static final Path STAT = Path.of("/proc/self/stat");
    /** {@code minflt} is the 10th field, the 8th after the parenthesised command name. */
    private static final int FIELD_AFTER_COMM = 8;

    private MinorFaults() {}

    /** Minor faults of this process so far, or -1 if the system does not tell. */
    static long count() {
        try {
            String s = new String(Files.readAllBytes(STAT), StandardCharsets.US_ASCII);
            int i = s.lastIndexOf(')') + 2;
            for (int field = 1; field < FIELD_AFTER_COMM; field++) {
                i = s.indexOf(' ', i) + 1;
            }
            return Long.parseLong(s.substring(i, s.indexOf(' ', i)));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
