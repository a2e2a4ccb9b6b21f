package dev.jmpi.testing;

import org.jspecify.annotations.Nullable;

/**
 * A rank of a {@link Ranks} run failed or the run timed out. The message names the rank
 * that failed first; the cause is its exception; the other ranks' failures are suppressed
 * exceptions.
 */
public class RanksFailedError extends AssertionError {

    private static final long serialVersionUID = 1L;

    /** The rank that failed first. */
    private final int rank;

    /**
     * For a rank's failure.
     *
     * @param message what happened, to which rank, and what was expected
     * @param rank the rank that failed first
     * @param cause what it threw; {@code null} for a timeout
     */
    public RanksFailedError(String message, int rank, @Nullable Throwable cause) {
        super(message, cause);
        this.rank = rank;
    }

    /**
     * The rank that failed first, or -1 for a timeout.
     *
     * @return the rank that failed first
     */
    public int rank() {
        return rank;
    }
}
