package dev.jmpi.core.algorithm;

import java.util.Locale;

/**
 * Which allreduce algorithm runs for a predefined op: the setting {@code jmpi.allreduce.algorithm}
 * ({@code JMPI_ALLREDUCE_ALGORITHM}). {@link #AUTO} chooses by size and rank count (see
 * {@code docs/algorithms.md}); the others force one algorithm wherever it applies, for
 * measurements and tests. User-defined ops, and buffers with fewer operands than ranks,
 * always run recursive doubling (the other two cut the buffer into per-rank blocks).
 */
public enum AllreduceAlgorithm {
    /** Recursive doubling below the ring threshold; above it Rabenseifner's when P is a power of two, else the ring. */
    AUTO,
    /** Recursive doubling at every size. */
    RECURSIVE_DOUBLING,
    /** Ring (reduce-scatter + allgather) at every size where it applies. */
    RING,
    /** Rabenseifner's (recursive halving + recursive doubling) at every size where it applies. */
    RABENSEIFNER;

    /** The setting's spelling: {@code auto}, {@code recursive-doubling}, {@code ring}, {@code rabenseifner}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses the setting's spelling (case and {@code -}/{@code _} ignored).
     *
     * @throws IllegalArgumentException for any other text
     */
    public static AllreduceAlgorithm parse(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AllreduceAlgorithm a : values()) {
            if (a.name().equals(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException(value);
    }
}
