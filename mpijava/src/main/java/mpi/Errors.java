package mpi;

import dev.jmpi.JmpiException;

/**
 * Turns failures inside the facade into {@link MPIException}s and prints each one to
 * standard error once, naming the rank, because mpiJava programs often catch and drop them.
 */
final class Errors {

    private Errors() {}

    /** Converts {@code e}, printing it with the rank unless it was already reported. */
    static MPIException convert(RuntimeException e) {
        if (e instanceof MPIException m) {
            return m;
        }
        MPIException m = new MPIException(describe(e), e);
        report(m);
        return m;
    }

    /** A new facade error, printed with the rank. */
    static MPIException error(String message) {
        MPIException m = new MPIException(message);
        report(m);
        return m;
    }

    private static String describe(RuntimeException e) {
        String msg = e.getMessage();
        if (e instanceof JmpiException) {
            return msg;
        }
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }

    static void report(MPIException m) {
        System.err.println(line(MPI.rankForMessages(), m.getMessage()));
        System.err.flush();
    }

    /**
     * {@code mpi: rank 0: <message>}; core's messages already start with the rank
     * ({@code rank 0: recv(...) failed}, or {@code rank 1 (world rank 3): ...} on a
     * sub-communicator), which is then not said twice.
     */
    static String line(String worldRank, String message) {
        String own = "rank " + worldRank;
        boolean named = message != null
                && (message.startsWith(own + ": ")
                        || (message.startsWith("rank ")
                                && message.indexOf(" (world rank " + worldRank + "): ") > 0
                                && message.indexOf(" (world rank " + worldRank + "): ") < message.indexOf(':')));
        return "mpi: " + (named ? "" : own + ": ") + message;
    }
}
