package mpi;

/**
 * An ordered set of processes. Groups are values: the set operations return new groups.
 * {@link #Rank()} is {@link MPI#UNDEFINED} for a process outside the group.
 */
public class Group {

    private final dev.jmpi.Group core;

    Group(dev.jmpi.Group core) {
        this.core = core;
    }

    static Group emptySentinel() {
        return new Group(null);
    }

    /** The core group; the empty group is resolved per rank (its "own rank" differs by process). */
    dev.jmpi.Group core() {
        return core != null ? core : dev.jmpi.Group.empty(MPI.state().worldRank);
    }

    /** Number of processes in the group. */
    public int Size() throws MPIException {
        return core == null ? 0 : core.size();
    }

    /** This process's rank in the group, or {@link MPI#UNDEFINED}. */
    public int Rank() throws MPIException {
        return core == null ? MPI.UNDEFINED : Wildcards.rankFromCore(core.rank());
    }

    /** Frees the group (groups are values here; this only drops the reference). */
    public void Free() throws MPIException {}

    /**
     * For each rank of {@code group1} in {@code ranks1}, its rank in {@code group2}, or
     * {@link MPI#UNDEFINED}.
     */
    public static int[] Translate_ranks(Group group1, int[] ranks1, Group group2) throws MPIException {
        try {
            int[] in = new int[ranks1.length];
            for (int i = 0; i < in.length; i++) {
                in[i] = ranks1[i] == MPI.PROC_NULL ? dev.jmpi.Communicator.PROC_NULL : ranks1[i];
            }
            int[] out = group1.core().translateRanks(in, group2.core());
            for (int i = 0; i < out.length; i++) {
                out[i] = Wildcards.rankFromCore(out[i]);
            }
            return out;
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** {@link MPI#IDENT}, {@link MPI#SIMILAR} or {@link MPI#UNEQUAL}. */
    public static int Compare(Group group1, Group group2) throws MPIException {
        try {
            dev.jmpi.Comparison c = group1.core().compare(group2.core());
            return c == dev.jmpi.Comparison.IDENTICAL
                    ? MPI.IDENT
                    : c == dev.jmpi.Comparison.SIMILAR ? MPI.SIMILAR : MPI.UNEQUAL;
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Members of {@code group1}, then those of {@code group2} not in {@code group1}. */
    public static Group Union(Group group1, Group group2) throws MPIException {
        try {
            if (group1.core == null) {
                return new Group(group2.core().union(group1.core()));
            }
            return new Group(group1.core().union(group2.core()));
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Members of {@code group1} also in {@code group2}, in {@code group1}'s order. */
    public static Group Intersection(Group group1, Group group2) throws MPIException {
        try {
            return new Group(group1.core().intersection(group2.core()));
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Members of {@code group1} not in {@code group2}, in {@code group1}'s order. */
    public static Group Difference(Group group1, Group group2) throws MPIException {
        try {
            return new Group(group1.core().difference(group2.core()));
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** The members at {@code ranks}, in that order. */
    public Group Incl(int[] ranks) throws MPIException {
        try {
            return new Group(core().incl(ranks));
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** The members not at {@code ranks}, in group order. */
    public Group Excl(int[] ranks) throws MPIException {
        try {
            return new Group(core().excl(ranks));
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** The members selected by {@code {first, last, stride}} triplets, in triplet order. */
    public Group Range_incl(int[][] ranges) throws MPIException {
        try {
            return new Group(core().rangeIncl(ranges));
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** The members not selected by the triplets. */
    public Group Range_excl(int[][] ranges) throws MPIException {
        try {
            return new Group(core().rangeExcl(ranges));
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    @Override
    public String toString() {
        return core == null ? "MPI.GROUP_EMPTY" : core.toString();
    }
}
