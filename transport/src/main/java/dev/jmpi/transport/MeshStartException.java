package dev.jmpi.transport;

import org.jspecify.annotations.Nullable;

/**
 * The mesh could not be built: a rank was unreachable or did not connect before the
 * deadline, refused our handshake, or the listener could not bind. The message names our
 * rank, the peer rank and address involved, and what was expected.
 */
public class MeshStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message naming what failed. */
    public MeshStartException(String message) {
        super(message);
    }

    /** With a message and the underlying cause. */
    public MeshStartException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
