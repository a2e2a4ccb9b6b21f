package mpi;

/**
 * What a communicator does when a call on it fails: {@link MPI#ERRORS_RETURN} (the default
 * here, as in mpiJava: the call throws {@link MPIException}) or {@link MPI#ERRORS_ARE_FATAL}
 * (the failure is printed and the whole job is aborted with exit code 1).
 */
public final class Errhandler {

    private final boolean fatal;
    private final String name;

    Errhandler(boolean fatal, String name) {
        this.fatal = fatal;
        this.name = name;
    }

    boolean isFatal() {
        return fatal;
    }

    @Override
    public String toString() {
        return name;
    }
}
