package mpi.examples;

import mpi.MPI;
import mpi.MPIException;

/**
 * Cookbook, mpiJava dialect: the deadlock-free ring exchange. Every rank passes its rank to
 * the right and receives from the left in one {@code Sendrecv}.
 * Run: {@code jmpirun -n 4 mpi.examples.SendRecv}.
 */
public final class SendRecv {

    private SendRecv() {}

    /** Each rank prints what its left neighbour sent. */
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int right = (rank + 1) % size;
        int left = (rank + size - 1) % size;
        int[] out = {rank};
        int[] in = new int[1];
        MPI.COMM_WORLD.Sendrecv(out, 0, 1, MPI.INT, right, 0, in, 0, 1, MPI.INT, left, 0);
        System.out.println("rank " + rank + " received " + in[0] + " from rank " + left);
        MPI.Finalize();
    }
}
