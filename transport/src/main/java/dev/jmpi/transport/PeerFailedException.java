package dev.jmpi.transport;

/** A send could not happen because the destination failed or the transport is closed. */
public class PeerFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient PeerFailure failure;

    /** Creates the exception for a known peer failure. */
    public PeerFailedException(PeerFailure failure) {
        super(failure.describe());
        this.failure = failure;
    }

    /** The failure that caused it. */
    public PeerFailure failure() {
        return failure;
    }
}
