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
    /** {@code minflt}, in {@code proc(5)}'s numbering. */
    private static final int MINFLT = 10;

    private MinorFaults() {}

    /** Minor faults of this process so far, or -1 if the system does not tell. */
    static long count() {
        try {
            return ProcStat.field(new String(Files.readAllBytes(STAT), StandardCharsets.US_ASCII), MINFLT);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
