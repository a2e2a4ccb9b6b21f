package mpi.examples;

import java.util.Arrays;
import mpi.MPI;
import mpi.MPIException;

/**
 * Cookbook, mpiJava dialect: every rank contributes its square; rank 0 collects them in
 * rank order. Run: {@code jmpirun -n 4 mpi.examples.Gather}.
 */
public final class Gather {

    private Gather() {}

    /** Rank 0 prints the gathered array. */
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int[] mine = {rank * rank};
        int[] all = new int[size];
        MPI.COMM_WORLD.Gather(mine, 0, 1, MPI.INT, all, 0, 1, MPI.INT, 0);
        if (rank == 0) {
            System.out.println("gathered " + Arrays.toString(all));
        }
        MPI.Finalize();
    }
}
