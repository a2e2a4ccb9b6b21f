package mpi;

/**
 * Signals that an MPI call failed. Checked, as in Open MPI's Java bindings, with the MPI
 * error code and class of the failure.
 */
public final class MPIException extends Exception {

    private final int errorCode;
    private final int errorClass;

    /** An exception with a message and the class {@code MPI.ERR_OTHER}. */
    public MPIException(String message) {
        this(ErrorCodes.ERR_OTHER, message, null);
    }

    /** An exception caused by another; its message is the cause's. */
    public MPIException(Throwable cause) {
        this(ErrorCodes.ERR_OTHER, String.valueOf(cause.getMessage()), cause);
    }

    MPIException(int errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorClass;
        this.errorClass = errorClass;
    }

    /** The MPI error code of the failure. */
    public int getErrorCode() {
        return errorCode;
    }

    /** The MPI error class of the failure ({@code MPI.ERR_*}). */
    public int getErrorClass() {
        return errorClass;
    }
}
