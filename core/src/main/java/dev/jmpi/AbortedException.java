package dev.jmpi;

/**
 * Another rank called {@link Communicator#abort(int)} (or the job was aborted for it). The
 * message names the rank that aborted and why. The communicator is broken.
 */
public class AbortedException extends JmpiException {

    private static final long serialVersionUID = 1L;

    private final int originRank;
    private final int exitCode;

    /** With the rank that aborted and its exit code. */
    public AbortedException(String message, int originRank, int exitCode) {
        super(message, false);
        this.originRank = originRank;
        this.exitCode = exitCode;
    }

    /** The world rank that called abort. */
    public int originRank() {
        return originRank;
    }

    /** The exit code it asked for. */
    public int exitCode() {
        return exitCode;
    }
}
