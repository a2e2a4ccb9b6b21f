package mpi;

/**
 * An error handler: {@link MPI#ERRORS_ARE_FATAL} or {@link MPI#ERRORS_RETURN}. In jmpi a failed
 * call throws {@link MPIException} under either; an exception a program does not catch ends
 * the job, which is what ERRORS_ARE_FATAL asks for.
 */
public final class Errhandler implements Freeable {

    static final Errhandler FATAL = new Errhandler("MPI_ERRORS_ARE_FATAL");
    static final Errhandler RETURN = new Errhandler("MPI_ERRORS_RETURN");

    private final String name;

    private Errhandler(String name) {
        this.name = name;
    }

    @Override
    public void free() throws MPIException {
        // The predefined handlers are never freed.
    }

    /** Always false: the two predefined handlers are the only ones. */
    public boolean isNull() {
        return false;
    }

    @Override
    public String toString() {
        return name;
    }
}
