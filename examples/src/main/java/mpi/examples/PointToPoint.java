package mpi.examples;

import mpi.MPI;
import mpi.MPIException;
import mpi.Status;

/**
 * Cookbook, mpiJava dialect: rank 0 sends a message to every other rank, which answers.
 * Run: {@code jmpirun -n 4 mpi.examples.PointToPoint}.
 */
public final class PointToPoint {

    private static final int TAG = 42;

    private PointToPoint() {}

    /** Rank 0 greets each rank and prints the replies. */
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.Rank();
        int size = MPI.COMM_WORLD.Size();
        int[] buf = new int[1];
        if (rank == 0) {
            for (int dest = 1; dest < size; dest++) {
                buf[0] = dest * 10;
                MPI.COMM_WORLD.Send(buf, 0, 1, MPI.INT, dest, TAG);
            }
            for (int i = 1; i < size; i++) {
                Status s = MPI.COMM_WORLD.Recv(buf, 0, 1, MPI.INT, MPI.ANY_SOURCE, TAG);
                System.out.println("rank 0 got " + buf[0] + " from rank " + s.source);
            }
        } else {
            MPI.COMM_WORLD.Recv(buf, 0, 1, MPI.INT, 0, TAG);
            buf[0] += rank;
            MPI.COMM_WORLD.Send(buf, 0, 1, MPI.INT, 0, TAG);
        }
        MPI.Finalize();
    }
}
