package dev.jmpi;

/**
 * A call was made with an argument outside what it accepts. The message names the
 * argument, its value, and what was expected: {@code dest=9 (expected: 0 <= dest < size=8)}.
 * Nothing was sent; the communicator is still usable.
 */
public class InvalidArgumentException extends JmpiException {

    private static final long serialVersionUID = 1L;

    /**
     * With a message in the form {@code name=value (expected: ...)}.
     *
     * @param message what happened, to which rank, and what was expected
     */
    public InvalidArgumentException(String message) {
        super(message, true);
    }
}
