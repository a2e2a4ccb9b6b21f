package mpi;

import dev.jmpi.CartesianCommunicator;

/**
 * A communicator whose processes form a grid (row-major: the last dimension varies
 * fastest). A shift off the edge of a non-periodic dimension gives {@link MPI#PROC_NULL}.
 */
public class Cartcomm extends Intracomm {

    private final CartesianCommunicator cart;

    Cartcomm(CartesianCommunicator cart, String lineage, Comm parent) {
        super(cart, lineage, parent);
        this.cart = cart;
    }

    /** A new grid communicator with the same layout and a fresh context. Collective. */
    @Override
    public Object clone() {
        try {
            // The same grid over the same ranks: every rank is in it.
            CartesianCommunicator c =
                    cart.createCartesian(cart.dims(), cart.periods(), false).orElseThrow();
            return new Cartcomm(c, childLineage(), this);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public int Topo_test() throws MPIException {
        return MPI.CART;
    }

    /** The grid's dimensions and periods, and this process's coordinates. */
    public CartParms Get() throws MPIException {
        try {
            checkLive();
            return new CartParms(cart.dims(), cart.periods(), cart.coords(cart.rank()));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** The rank at {@code coords} (wrapping in periodic dimensions). */
    public int Rank(int[] coords) throws MPIException {
        try {
            return cart.rankOf(coords);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** The coordinates of {@code rank}. */
    public int[] Coords(int rank) throws MPIException {
        try {
            return cart.coords(rank);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Neighbours for a shift of {@code disp} along {@code direction}. */
    public ShiftParms Shift(int direction, int disp) throws MPIException {
        try {
            CartesianCommunicator.Shift s = cart.shift(direction, disp);
            return new ShiftParms(Wildcards.rankFromCore(s.source()), Wildcards.rankFromCore(s.dest()));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Sub-grids that keep the dimensions where {@code remain_dims} is true. Collective. */
    public Cartcomm Sub(boolean[] remain_dims) throws MPIException {
        try {
            CartesianCommunicator c = cart.sub(remain_dims);
            return new Cartcomm(c, childLineage(), this);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * The rank this process would have in a grid of {@code dims} over this communicator,
     * or {@link MPI#UNDEFINED} if it would be left out.
     */
    public int Map(int[] dims, boolean[] periods) throws MPIException {
        try {
            if (dims.length != periods.length) {
                throw new IllegalArgumentException(
                        "dims.length=" + dims.length + ", periods.length=" + periods.length + " (expected: equal)");
            }
            long cells = 1;
            for (int d : dims) {
                if (d < 1) {
                    throw new IllegalArgumentException(
                            "dims=" + java.util.Arrays.toString(dims) + " (expected: every entry >= 1)");
                }
                cells *= d;
            }
            return Rank() < cells ? Rank() : MPI.UNDEFINED;
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * Fills the zero entries of {@code dims} so their product with the preset entries is
     * {@code nnodes}, as balanced as possible; preset (non-zero) entries are kept.
     */
    public static void Dims_create(int nnodes, int[] dims) throws MPIException {
        try {
            int[] out = CartesianCommunicator.dimsCreate(nnodes, dims);
            System.arraycopy(out, 0, dims, 0, dims.length);
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }
}
