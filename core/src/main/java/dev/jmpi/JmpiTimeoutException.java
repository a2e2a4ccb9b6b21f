package dev.jmpi;

/**
 * An operation did not complete within its timeout. The message says which rank waited for
 * which, in which operation, and for how long. The communicator is broken, because the
 * other side's state is unknown.
 */
public class JmpiTimeoutException extends JmpiException {

    private static final long serialVersionUID = 1L;

    /**
     * With a message naming the waiting rank, the awaited rank and the operation.
     *
     * @param message what happened, to which rank, and what was expected
     */
    public JmpiTimeoutException(String message) {
        super(message, false);
    }
}
