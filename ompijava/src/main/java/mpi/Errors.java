package mpi;

import dev.jmpi.InvalidArgumentException;
import dev.jmpi.TruncationException;

/** Turns the core's unchecked exceptions into Open MPI's checked {@link MPIException}. */
final class Errors {

    /** A core call that may throw the core's unchecked exceptions. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws MPIException;
    }

    /** A core call without a result. */
    @FunctionalInterface
    interface VoidCall {
        void run() throws MPIException;
    }

    private Errors() {}

    static <T> T call(Call<T> call) throws MPIException {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    static void run(VoidCall call) throws MPIException {
        try {
            call.run();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    static MPIException translate(RuntimeException e) {
        int errorClass;
        if (e instanceof TruncationException) {
            errorClass = ErrorCodes.ERR_TRUNCATE;
        } else if (e instanceof InvalidArgumentException || e instanceof IllegalArgumentException) {
            errorClass = ErrorCodes.ERR_ARG;
        } else {
            errorClass = ErrorCodes.ERR_OTHER;
        }
        return new MPIException(errorClass, e.getMessage(), e);
    }

    /** The exception for parts of MPI jmpi does not provide (RMA, MPI-IO, dynamic processes). */
    static MPIException unsupported(String what) {
        return new MPIException(
                ErrorCodes.ERR_UNSUPPORTED_OPERATION,
                what
                        + " is not supported by jmpi (no RMA windows, MPI-IO or dynamic processes;"
                        + " see ompijava/README.md)",
                null);
    }

    static MPIException arg(String message) {
        return new MPIException(ErrorCodes.ERR_ARG, message, null);
    }
}
