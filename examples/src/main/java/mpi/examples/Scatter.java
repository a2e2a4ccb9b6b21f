package mpi.examples;

import mpi.MPI;
import mpi.MPIException;

/**
 * Cookbook, mpiJava dialect: rank 0 deals out two numbers to each rank.
 * Run: {@code jmpirun -n 4 mpi.examples.Scatter}.
 */
public final class Scatter {

    private Scatter() {}

    /** Each rank prints its share. */
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int[] all = new int[2 * size];
        if (rank == 0) {
            for (int i = 0; i < all.length; i++) {
                all[i] = i * i;
            }
        }
        int[] mine = new int[2];
        MPI.COMM_WORLD.Scatter(all, 0, 2, MPI.INT, mine, 0, 2, MPI.INT, 0);
        System.out.println("rank " + rank + " got " + mine[0] + " and " + mine[1]);
        MPI.Finalize();
    }
}
