package mpi;

/** The source and destination of a Cartesian shift. */
public final class ShiftParms {

    private final int source;
    private final int dest;

    ShiftParms(int source, int dest) {
        this.source = source;
        this.dest = dest;
    }

    /** Rank this process receives from ({@code MPI.PROC_NULL} off a non-periodic edge). */
    public int getRankSource() {
        return source;
    }

    /** Rank this process sends to ({@code MPI.PROC_NULL} off a non-periodic edge). */
    public int getRankDest() {
        return dest;
    }
}
