package mpi;

import dev.jmpi.CartesianCommunicator;

/** A communicator with a Cartesian topology (the core's). */
public final class CartComm extends Intracomm {

    private final CartesianCommunicator cart;

    CartComm(CartesianCommunicator cart) {
        super(cart);
        this.cart = cart;
    }

    private CartesianCommunicator cart() throws MPIException {
        core();
        return cart;
    }

    @Override
    Neighbors topology() throws MPIException {
        CartesianCommunicator c = cart();
        int d = c.dims().length;
        int[] shifts = new int[2 * d];
        for (int i = 0; i < d; i++) {
            CartesianCommunicator.Shift s = c.shift(i, 1);
            shifts[2 * i] = s.source();
            shifts[2 * i + 1] = s.dest();
        }
        return Neighbors.cartesian(shifts);
    }

    @Override
    public CartComm clone() {
        return (CartComm) super.clone();
    }

    @Override
    public CartComm dup() throws MPIException {
        CartesianCommunicator c = cart();
        CartComm d = new CartComm(Errors.call(() -> c.createCartesian(c.dims(), c.periods(), false))
                .orElseThrow()); // the same grid: every rank is in it
        copyStateTo(d);
        return d;
    }

    @Override
    public int getTopology() throws MPIException {
        cart();
        return MPI.CART;
    }

    /** Dimensions, periods and this process's coordinates. */
    public CartParms getParms() throws MPIException {
        CartesianCommunicator c = cart();
        return new CartParms(c.dims(), c.periods(), c.coords(c.rank()));
    }

    /** Number of dimensions. */
    public int getDim() throws MPIException {
        return cart().dims().length;
    }

    /** The rank at {@code coords} (wrapped in periodic dimensions). */
    public int getRank(int[] coords) throws MPIException {
        CartesianCommunicator c = cart();
        return Errors.call(() -> c.rankOf(coords));
    }

    /** The coordinates of {@code rank}. */
    public int[] getCoords(int rank) throws MPIException {
        CartesianCommunicator c = cart();
        return Errors.call(() -> c.coords(rank));
    }

    /** Source and destination of a shift by {@code disp} along {@code direction}. */
    public ShiftParms shift(int direction, int disp) throws MPIException {
        CartesianCommunicator c = cart();
        CartesianCommunicator.Shift s = Errors.call(() -> c.shift(direction, disp));
        return new ShiftParms(s.source(), s.dest());
    }

    /** The sub-grid keeping the dimensions marked in {@code remainDims}. */
    public CartComm sub(boolean[] remainDims) throws MPIException {
        CartesianCommunicator c = cart();
        return new CartComm(Errors.call(() -> c.sub(remainDims)));
    }

    /** The rank this process would have in such a grid: its own, or {@code MPI.UNDEFINED} past the grid. */
    public int map(int[] dims, boolean[] periods) throws MPIException {
        long cells = 1;
        for (int d : dims) {
            cells *= d;
        }
        int r = getRank();
        return r < cells ? r : MPI.UNDEFINED;
    }

    /** Fills the zero entries of {@code dims} with a balanced factorization of {@code nnodes}. */
    public static void createDims(int nnodes, int[] dims) throws MPIException {
        int[] out = Errors.call(() -> CartesianCommunicator.dimsCreate(nnodes, dims));
        System.arraycopy(out, 0, dims, 0, dims.length);
    }
}
