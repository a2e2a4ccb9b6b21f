package mpi;

/**
 * What {@link Cartcomm#Shift} returns: whom to receive from and whom to send to.
 * Off the edge of a non-periodic dimension either is {@link MPI#PROC_NULL}.
 */
public class ShiftParms {

    /** Rank to receive from. */
    public int rank_source;
    /** Rank to send to. */
    public int rank_dest;

    ShiftParms(int rankSource, int rankDest) {
        this.rank_source = rankSource;
        this.rank_dest = rankDest;
    }
}
