package mpi.examples;

import mpi.MPI;
import mpi.MPIException;

/** Cookbook, mpiJava dialect: every rank says hello. Run: {@code jmpirun -n 4 mpi.examples.Hello}. */
public final class Hello {

    private Hello() {}

    /** Prints one line per rank. */
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        System.out.println("Hello from rank " + rank + " of " + size + " on " + MPI.Get_processor_name());
        MPI.Finalize();
    }
}
