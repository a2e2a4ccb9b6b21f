package mpi;

import java.nio.Buffer;

/** RMA windows: not supported by jmpi; every constructor throws {@link MPIException}. */
public final class Win implements Freeable {

    /** MPI_Win_create: not supported by jmpi. */
    public Win(Buffer base, int size, int dispUnit, Info info, Comm comm) throws MPIException {
        throw Errors.unsupported("MPI_Win_create (one-sided communication)");
    }

    /** MPI_Win_create_dynamic: not supported by jmpi. */
    public Win(Info info, Comm comm) throws MPIException {
        throw Errors.unsupported("MPI_Win_create_dynamic (one-sided communication)");
    }

    /** MPI_Win_allocate / allocate_shared: not supported by jmpi. */
    public Win(int size, int dispUnit, Info info, Comm comm, Buffer base, int flavor) throws MPIException {
        throw Errors.unsupported("MPI_Win_allocate (one-sided communication)");
    }

    @Override
    public void free() throws MPIException {
        throw Errors.unsupported("MPI_Win_free (one-sided communication)");
    }
}
