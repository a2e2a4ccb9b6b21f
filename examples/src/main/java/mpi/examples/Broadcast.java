package mpi.examples;

import java.util.Arrays;
import mpi.MPI;
import mpi.MPIException;

/**
 * Cookbook, mpiJava dialect: rank 0 fills an array and broadcasts it to every rank.
 * Run: {@code jmpirun -n 4 mpi.examples.Broadcast}.
 */
public final class Broadcast {

    private Broadcast() {}

    /** Each rank prints the array it received. */
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        double[] data = new double[4];
        if (rank == 0) {
            for (int i = 0; i < data.length; i++) {
                data[i] = i * 1.5;
            }
        }
        MPI.COMM_WORLD.Bcast(data, 0, data.length, MPI.DOUBLE, 0);
        System.out.println("rank " + rank + " has " + Arrays.toString(data));
        MPI.Finalize();
    }
}
