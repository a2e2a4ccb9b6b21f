package dev.jmpi.transport.rendezvous;

import org.jspecify.annotations.Nullable;

/** The rendezvous could not complete; the message says where and why. */
public class RendezvousException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a message naming the service and what went wrong. */
    public RendezvousException(String message) {
        super(message);
    }

    /** With a message and the underlying cause. */
    public RendezvousException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
