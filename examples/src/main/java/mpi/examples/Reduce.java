package mpi.examples;

import mpi.MPI;
import mpi.MPIException;

/**
 * Cookbook, mpiJava dialect: sum of ranks at rank 0, and the maximum value and the rank
 * holding it (MAXLOC on {@code MPI.DOUBLE2}) on every rank.
 * Run: {@code jmpirun -n 4 mpi.examples.Reduce}.
 */
public final class Reduce {

    private Reduce() {}

    /** Rank 0 prints the sum; every rank prints where the maximum is. */
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int[] sum = new int[1];
        MPI.COMM_WORLD.Reduce(new int[] {rank}, 0, sum, 0, 1, MPI.INT, MPI.SUM, 0);
        if (rank == 0) {
            System.out.println("sum of ranks 0.." + (size - 1) + " = " + sum[0]);
        }
        double value = (rank * 37 % size) + 0.5;
        double[] pair = {value, rank};
        double[] max = new double[2];
        MPI.COMM_WORLD.Allreduce(pair, 0, max, 0, 1, MPI.DOUBLE2, MPI.MAXLOC);
        System.out.println("rank " + rank + ": max " + max[0] + " is on rank " + (int) max[1]);
        MPI.Finalize();
    }
}
