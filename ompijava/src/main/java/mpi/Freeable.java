package mpi;

/** An MPI object that may be freed, as in Open MPI's Java bindings. */
public interface Freeable {

    /** Frees the object. */
    void free() throws MPIException;
}
