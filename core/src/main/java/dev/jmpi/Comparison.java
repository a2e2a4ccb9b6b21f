package dev.jmpi;

/**
 * How two groups or two communicators relate ({@link Group#compare}, {@link
 * Communicator#compare}), in MPI's words.
 */
public enum Comparison {
    /** The same communicator (same context), or groups with the same ranks in the same order. */
    IDENTICAL,
    /** Different communicators whose groups are identical (for example a communicator and its {@code dup}). */
    CONGRUENT,
    /** The same ranks in a different order. */
    SIMILAR,
    /** Different ranks. */
    UNEQUAL
}
