package dev.jmpi;

/**
 * Ranks called collectives that do not match: different operations, roots, counts, types
 * or ops at the same point of the communicator's collective sequence. The message names both
 * ranks and both calls. The communicator is broken.
 */
public class CollectiveMismatchException extends JmpiException {

    private static final long serialVersionUID = 1L;

    /**
     * With a message naming both ranks and both signatures.
     *
     * @param message what happened, to which rank, and what was expected
     */
    public CollectiveMismatchException(String message) {
        super(message, false);
    }
}
