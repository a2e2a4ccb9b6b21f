package dev.jmpi;

/**
 * A peer rank died, lost its connection or stopped answering. The message names our rank,
 * the failed rank, its address, and the operation that needed it:
 * {@code rank 0: recv(source=3, tag=42) failed: rank 3 (10.0.0.4:7101): connection closed by peer}.
 * The communicator is broken.
 */
public class RankFailedException extends JmpiException {

    private static final long serialVersionUID = 1L;

    /** The rank that failed. */
    private final int failedRank;

    /**
     * With the rank that failed (in the world communicator).
     *
     * @param message what happened, to which rank, and what was expected
     * @param failedRank the rank that failed
     */
    public RankFailedException(String message, int failedRank) {
        super(message, false);
        this.failedRank = failedRank;
    }

    /**
     * The failed rank, as a rank of the world communicator.
     *
     * @return the rank that failed
     */
    public int failedRank() {
        return failedRank;
    }
}
