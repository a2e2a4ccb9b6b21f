package dev.jmpi;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception jmpi throws. Each subclass says whether the communicator it came
 * from can still be used: a bad argument leaves it intact, a dead peer or a timeout breaks it
 * for good (every pending and later operation fails with the same cause).
 */
public class JmpiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Whether the communicator may still be used after this exception. */
    private final boolean communicatorUsable;

    /**
     * Creates an exception; {@code communicatorUsable} says if the caller may go on.
     *
     * @param message what happened, to which rank, and what was expected
     * @param communicatorUsable whether the communicator may still be used after this exception
     */
    public JmpiException(String message, boolean communicatorUsable) {
        super(message);
        this.communicatorUsable = communicatorUsable;
    }

    /**
     * Creates an exception with a cause.
     *
     * @param message what happened, to which rank, and what was expected
     * @param cause the failure that caused this one
     * @param communicatorUsable whether the communicator may still be used after this exception
     */
    public JmpiException(String message, @Nullable Throwable cause, boolean communicatorUsable) {
        super(message, cause);
        this.communicatorUsable = communicatorUsable;
    }

    /**
     * True if the communicator the operation ran on can still be used.
     *
     * @return whether the communicator may still be used
     */
    public boolean communicatorUsable() {
        return communicatorUsable;
    }
}
