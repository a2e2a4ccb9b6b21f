package mpi;

/** What {@link Cartcomm#Get()} returns: the grid and this process's place in it. */
public class CartParms {

    /** Extent of each dimension. */
    public int[] dims;
    /** Whether each dimension wraps around. */
    public boolean[] periods;
    /** This process's coordinates. */
    public int[] coords;

    CartParms(int[] dims, boolean[] periods, int[] coords) {
        this.dims = dims;
        this.periods = periods;
        this.coords = coords;
    }
}
