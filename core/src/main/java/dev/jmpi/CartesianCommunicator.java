package dev.jmpi;

/**
 * A communicator whose ranks form a grid (MPI's Cartesian virtual topology). Rank order is
 * row-major: the last dimension varies fastest.
 *
 * <pre>{@code
 * int[] dims = CartesianCommunicator.dimsCreate(world.size(), new int[2]);
 * CartesianCommunicator grid = world.createCartesian(dims, new boolean[] {true, false}, false);
 * CartesianCommunicator.Shift s = grid.shift(0, 1);
 * grid.sendrecv(out, 0, n, s.dest(), 0, in, 0, n, s.source(), 0);
 * }</pre>
 */
public interface CartesianCommunicator extends Communicator {

    /** Extent of every dimension. */
    int[] dims();

    /** Whether each dimension wraps around. */
    boolean[] periods();

    /** Coordinates of {@code rank}. */
    int[] coords(int rank);

    /**
     * Rank at {@code coords}. Coordinates outside a periodic dimension wrap; outside a
     * non-periodic one they are an error.
     */
    int rankOf(int[] coords);

    /**
     * Neighbours for a shift by {@code displacement} along {@code dimension}: {@code dest}
     * is where this rank sends, {@code source} whom it receives from.
     * Off the edge of a non-periodic dimension the neighbour is {@link #PROC_NULL}.
     */
    Shift shift(int dimension, int displacement);

    /**
     * Splits the grid into sub-grids keeping the dimensions where {@code remainDims} is
     * true. Collective.
     */
    CartesianCommunicator sub(boolean[] remainDims);

    /**
     * Fills the zero entries of {@code dims} so that the product is {@code nnodes}, as
     * balanced as possible, in non-increasing order; non-zero entries are kept.
     *
     * @return a new array; {@code dims} is not changed
     * @throws InvalidArgumentException if the preset entries do not divide {@code nnodes}
     */
    static int[] dimsCreate(int nnodes, int[] dims) {
        return CartesianDims.create(nnodes, dims);
    }

    /**
     * Result of {@link #shift}.
     *
     * @param source rank to receive from
     * @param dest   rank to send to
     */
    record Shift(int source, int dest) {
    }
}
