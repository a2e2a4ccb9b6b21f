package mpi;

/** An ordered set of processes (MPI_Group). */
public final class Group implements Freeable, Cloneable {

    final dev.jmpi.Group core;
    private boolean freed;

    Group(dev.jmpi.Group core) {
        this.core = core;
    }

    /** Number of processes. */
    public int getSize() throws MPIException {
        return core.size();
    }

    /** This process's rank in the group, or {@code MPI.UNDEFINED} if it is not a member. */
    public int getRank() throws MPIException {
        int r = core.rank();
        return r < 0 ? MPI.UNDEFINED : r;
    }

    @Override
    public void free() throws MPIException {
        freed = true;
    }

    /** True once freed (MPI_GROUP_NULL). */
    public boolean isNull() {
        return freed;
    }

    @Override
    public Group clone() {
        return new Group(core);
    }

    /** The ranks in {@code group2} of the processes at {@code ranks1} in {@code group1} ({@code MPI.UNDEFINED} if absent). */
    public static int[] translateRanks(Group group1, int[] ranks1, Group group2) throws MPIException {
        int[] out = Errors.call(() -> group1.core.translateRanks(ranks1, group2.core));
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0 && out[i] != MPI.PROC_NULL) {
                out[i] = MPI.UNDEFINED;
            }
        }
        return out;
    }

    /** {@code MPI.IDENT}, {@code MPI.SIMILAR} or {@code MPI.UNEQUAL}. */
    public static int compare(Group group1, Group group2) throws MPIException {
        dev.jmpi.Comparison c = group1.core.compare(group2.core);
        if (c == dev.jmpi.Comparison.IDENTICAL) {
            return MPI.IDENT;
        }
        return c == dev.jmpi.Comparison.SIMILAR ? MPI.SIMILAR : MPI.UNEQUAL;
    }

    /** Processes of either group: {@code group1}'s, then {@code group2}'s not in {@code group1}. */
    public static Group union(Group group1, Group group2) throws MPIException {
        return new Group(Errors.call(() -> group1.core.union(group2.core)));
    }

    /** Processes of both groups, in {@code group1}'s order. */
    public static Group intersection(Group group1, Group group2) throws MPIException {
        return new Group(Errors.call(() -> group1.core.intersection(group2.core)));
    }

    /** Processes of {@code group1} not in {@code group2}. */
    public static Group difference(Group group1, Group group2) throws MPIException {
        return new Group(Errors.call(() -> group1.core.difference(group2.core)));
    }

    /** The processes at {@code ranks}, in that order. */
    public Group incl(int[] ranks) throws MPIException {
        return new Group(Errors.call(() -> core.incl(ranks)));
    }

    /** All processes but those at {@code ranks}. */
    public Group excl(int[] ranks) throws MPIException {
        return new Group(Errors.call(() -> core.excl(ranks)));
    }

    /** The processes in the (first, last, stride) triplets. */
    public Group rangeIncl(int[][] ranges) throws MPIException {
        return new Group(Errors.call(() -> core.rangeIncl(ranges)));
    }

    /** All processes but those in the (first, last, stride) triplets. */
    public Group rangeExcl(int[][] ranges) throws MPIException {
        return new Group(Errors.call(() -> core.rangeExcl(ranges)));
    }
}
