package dev.jmpi;

/**
 * Another rank called {@link Communicator#abort(int)} (or the job was aborted for it). The
 * message names the rank that aborted and why. The communicator is broken.
 */
public class AbortedException extends JmpiException {

    private static final long serialVersionUID = 1L;

    /** The rank that called abort. */
    private final int originRank;
    /** The exit code the aborting rank gave. */
    private final int exitCode;

    /**
     * With the rank that aborted and its exit code.
     *
     * @param message what happened, to which rank, and what was expected
     * @param originRank the rank that called abort
     * @param exitCode the exit code it gave
     */
    public AbortedException(String message, int originRank, int exitCode) {
        super(message, false);
        this.originRank = originRank;
        this.exitCode = exitCode;
    }

    /**
     * The world rank that called abort.
     *
     * @return the rank that called abort
     */
    public int originRank() {
        return originRank;
    }

    /**
     * The exit code it asked for.
     *
     * @return the exit code the aborting rank gave
     */
    public int exitCode() {
        return exitCode;
    }
}
