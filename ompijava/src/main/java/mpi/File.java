package mpi;

/** MPI-IO files: not supported by jmpi; every constructor throws {@link MPIException}. */
public final class File {

    /** MPI_File_open: not supported by jmpi. */
    public File(Comm comm, String filename, int amode) throws MPIException {
        throw Errors.unsupported("MPI_File_open (MPI-IO)");
    }

    /** MPI_File_open: not supported by jmpi. */
    public File(Comm comm, String filename, int amode, Info info) throws MPIException {
        throw Errors.unsupported("MPI_File_open (MPI-IO)");
    }

    /** MPI_File_delete: not supported by jmpi. */
    public static void delete(String filename) throws MPIException {
        throw Errors.unsupported("MPI_File_delete (MPI-IO)");
    }

    /** MPI_File_delete: not supported by jmpi. */
    public static void delete(String filename, Info info) throws MPIException {
        throw Errors.unsupported("MPI_File_delete (MPI-IO)");
    }
}
