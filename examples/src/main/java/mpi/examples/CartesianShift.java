package mpi.examples;

import mpi.Cartcomm;
import mpi.MPI;
import mpi.MPIException;
import mpi.ShiftParms;

/**
 * Cookbook, mpiJava dialect: a 2-D grid, periodic in rows only; each rank passes its rank
 * down the columns and right along the rows. Off the edge of the non-periodic dimension the
 * neighbour is {@code MPI.PROC_NULL}, and the receive leaves the buffer untouched.
 * Run: {@code jmpirun -n 6 mpi.examples.CartesianShift}.
 */
public final class CartesianShift {

    private CartesianShift() {}

    /** Each rank prints its coordinates and what it received from each direction. */
    public static void main(String[] args) throws MPIException {
        MPI.Init(args);
        int[] dims = new int[2];
        Cartcomm.Dims_create(MPI.COMM_WORLD.Size(), dims);
        Cartcomm grid = MPI.COMM_WORLD.Create_cart(dims, new boolean[] {true, false}, false);
        int rank = grid.Rank();
        int[] coords = grid.Coords(rank);
        int[] fromAbove = {-1};
        int[] fromLeft = {-1};
        ShiftParms down = grid.Shift(0, 1);
        grid.Sendrecv(
                new int[] {rank}, 0, 1, MPI.INT, down.rank_dest, 0, fromAbove, 0, 1, MPI.INT, down.rank_source, 0);
        ShiftParms right = grid.Shift(1, 1);
        grid.Sendrecv(
                new int[] {rank}, 0, 1, MPI.INT, right.rank_dest, 1, fromLeft, 0, 1, MPI.INT, right.rank_source, 1);
        System.out.println("rank " + rank + " at (" + coords[0] + "," + coords[1] + ") of " + dims[0] + "x"
                + dims[1] + ": from above " + fromAbove[0] + ", from left "
                + (right.rank_source == MPI.PROC_NULL ? "PROC_NULL" : Integer.toString(fromLeft[0])));
        MPI.Finalize();
    }
}
