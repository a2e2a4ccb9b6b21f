package mpi.examples;

import java.util.Arrays;
import mpi.MPI;
import mpi.MPIException;

/**
 * Cookbook, mpiJava dialect: every rank sends a distinct number to every rank (a matrix
 * transpose across ranks). Run: {@code jmpirun -n 4 mpi.examples.AllToAll}.
 */
public final class AllToAll {

    private AllToAll() {}

    /** Each rank prints what it received from every rank. */
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int[] out = new int[size];
        for (int j = 0; j < size; j++) {
            out[j] = rank * 100 + j;
        }
        int[] in = new int[size];
        MPI.COMM_WORLD.Alltoall(out, 0, 1, MPI.INT, in, 0, 1, MPI.INT);
        System.out.println("rank " + rank + " received " + Arrays.toString(in));
        MPI.Finalize();
    }
}
