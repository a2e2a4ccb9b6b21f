package mpi;

/**
 * Signals that an MPI call failed. Every facade method declares it, as in mpiJava 1.2 and
 * MPJ Express.
 *
 * <p>Like MPJ Express's, this exception is unchecked, so programs written for either binding
 * compile: those that declare or catch it, and those that call {@code Rank()} in a method
 * without a {@code throws} clause. The facade also prints every exception it throws to
 * standard error with the calling rank, because many mpiJava programs catch and drop them.
 */
public class MPIException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with no message. */
    public MPIException() {
        super();
    }

    /** An exception with {@code message}. */
    public MPIException(String message) {
        super(message);
    }

    /** An exception caused by {@code cause}, with its message. */
    public MPIException(Throwable cause) {
        super(cause == null ? null : cause.getMessage(), cause);
    }

    /** An exception with {@code message}, caused by {@code cause}. */
    public MPIException(String message, Throwable cause) {
        super(message, cause);
    }
}
