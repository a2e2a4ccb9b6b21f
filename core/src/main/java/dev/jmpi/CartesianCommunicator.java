package dev.jmpi;

/**
 * A communicator whose ranks form a grid (MPI's Cartesian virtual topology). Rank order is
 * row-major: the last dimension varies fastest.
 *
 * <pre>{@code
 * int[] dims = CartesianCommunicator.dimsCreate(world.size(), new int[2]);
 * CartesianCommunicator grid = world.createCartesian(dims, new boolean[] {true, false}, false).orElseThrow();
 * CartesianCommunicator.Shift s = grid.shift(0, 1);
 * grid.sendrecv(out, 0, n, s.dest(), 0, in, 0, n, s.source(), 0);
 * }</pre>
 */
public interface CartesianCommunicator extends Communicator {

    /**
     * Extent of every dimension.
     *
     * @return the number of ranks along each dimension
     */
    int[] dims();

    /**
     * Whether each dimension wraps around.
     *
     * @return for each dimension, whether it wraps around
     */
    boolean[] periods();

    /**
     * Coordinates of {@code rank}.
     *
     * @param rank a rank of this communicator
     * @return the coordinates of {@code rank}, one per dimension
     */
    int[] coords(int rank);

    /**
     * Rank at {@code coords}. Coordinates outside a periodic dimension wrap; outside a
     * non-periodic one they are an error.
     *
     * @param coords coordinates, one per dimension (wrapped in periodic dimensions)
     * @return the rank at {@code coords}
     */
    int rankOf(int[] coords);

    /**
     * Neighbours for a shift by {@code displacement} along {@code dimension}: {@code dest}
     * is where this rank sends, {@code source} whom it receives from.
     * Off the edge of a non-periodic dimension the neighbour is {@link #PROC_NULL}.
     *
     * @param dimension the dimension to shift along, {@code 0 <= dimension < dims().length}
     * @param displacement how far to shift: positive up, negative down
     * @return the source and destination ranks of the shift ({@link Communicator#PROC_NULL} off a
     *     non-periodic edge)
     */
    Shift shift(int dimension, int displacement);

    /**
     * Splits the grid into sub-grids keeping the dimensions where {@code remainDims} is
     * true. Collective.
     *
     * @param remainDims for each dimension, whether it is kept in the sub-grid
     * @return this rank's communicator of the sub-grid
     */
    CartesianCommunicator sub(boolean[] remainDims);

    /**
     * Fills the zero entries of {@code dims} so that the product is {@code nnodes}, as
     * balanced as possible, in non-increasing order; non-zero entries are kept.
     *
     * @param nnodes the number of ranks the grid must hold
     * @param dims one entry per dimension: a positive entry is kept, a zero is filled in
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
    record Shift(int source, int dest) {}
}
