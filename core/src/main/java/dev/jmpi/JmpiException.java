package dev.jmpi;

/**
 * Base of every exception jmpi throws. Each subclass says whether the communicator it came
 * from can still be used: a bad argument leaves it intact, a dead peer or a timeout breaks it
 * for good (every pending and later operation fails with the same cause).
 */
public class JmpiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean communicatorUsable;

    /** Creates an exception; {@code communicatorUsable} says if the caller may go on. */
    public JmpiException(String message, boolean communicatorUsable) {
        super(message);
        this.communicatorUsable = communicatorUsable;
    }

    /** Creates an exception with a cause. */
    public JmpiException(String message, Throwable cause, boolean communicatorUsable) {
        super(message, cause);
        this.communicatorUsable = communicatorUsable;
    }

    /** True if the communicator the operation ran on can still be used. */
    public boolean communicatorUsable() {
        return communicatorUsable;
    }
}
