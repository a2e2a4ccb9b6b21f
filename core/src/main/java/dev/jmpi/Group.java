package dev.jmpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An ordered set of processes, named by their world ranks. Groups are values: the set
 * operations return new groups, as in MPI. {@link #rank()} is the calling process's position
 * in the group, or {@link Communicator#UNDEFINED}.
 */
public final class Group {

    private final int[] worldRanks;
    private final int myWorldRank;

    /**
     * A group of the given world ranks, seen from the process with world rank
     * {@code myWorldRank}.
     *
     * @param worldRanks the world rank of each rank of the group, in group-rank order
     * @param myWorldRank this process's world rank
     */
    public Group(int[] worldRanks, int myWorldRank) {
        this.worldRanks = worldRanks.clone();
        this.myWorldRank = myWorldRank;
        Set<Integer> seen = new LinkedHashSet<>();
        for (int r : worldRanks) {
            if (!seen.add(r)) {
                throw new InvalidArgumentException("worldRanks contains " + r + " twice (expected: distinct ranks)");
            }
        }
    }

    /**
     * An empty group.
     *
     * @param myWorldRank this process's world rank
     * @return a group without ranks
     */
    public static Group empty(int myWorldRank) {
        return new Group(new int[0], myWorldRank);
    }

    /**
     * Number of processes.
     *
     * @return the number of ranks in the group
     */
    public int size() {
        return worldRanks.length;
    }

    /**
     * The caller's rank in this group, or {@link Communicator#UNDEFINED} if not a member.
     *
     * @return this process's rank in the group, or {@link Communicator#UNDEFINED} if it is not in
     *     it
     */
    public int rank() {
        return indexOf(myWorldRank);
    }

    /**
     * World rank of the process at {@code rank} in this group.
     *
     * @param rank a rank in this group
     * @return the world rank of {@code rank}
     */
    public int worldRank(int rank) {
        checkRank("rank", rank);
        return worldRanks[rank];
    }

    /**
     * World ranks of all members, in group order.
     *
     * @return the world rank of each rank of the group, in group-rank order
     */
    public int[] worldRanks() {
        return worldRanks.clone();
    }

    /**
     * For each rank of this group in {@code ranks}, its rank in {@code other}, or
     * {@link Communicator#UNDEFINED} if it is not there.
     *
     * @param ranks ranks in this group
     * @param other the group to translate them to
     * @return the rank in {@code other} of each of {@code ranks}, {@link Communicator#UNDEFINED}
     *     where it is not in it
     */
    public int[] translateRanks(int[] ranks, Group other) {
        int[] out = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            if (ranks[i] == Communicator.PROC_NULL) {
                out[i] = Communicator.PROC_NULL;
                continue;
            }
            checkRank("ranks[" + i + "]", ranks[i]);
            out[i] = other.indexOf(worldRanks[ranks[i]]);
        }
        return out;
    }

    /**
     * The members at {@code ranks}, in that order.
     *
     * @param ranks the ranks of this group to keep, in the order of the new group
     * @return the new group
     */
    public Group incl(int... ranks) {
        int[] out = new int[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            checkRank("ranks[" + i + "]", ranks[i]);
            out[i] = worldRanks[ranks[i]];
        }
        return new Group(out, myWorldRank);
    }

    /**
     * The members not at {@code ranks}, in group order.
     *
     * @param ranks the ranks of this group to leave out
     * @return the new group
     */
    public Group excl(int... ranks) {
        boolean[] drop = new boolean[worldRanks.length];
        for (int i = 0; i < ranks.length; i++) {
            checkRank("ranks[" + i + "]", ranks[i]);
            drop[ranks[i]] = true;
        }
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < worldRanks.length; i++) {
            if (!drop[i]) {
                keep.add(worldRanks[i]);
            }
        }
        return of(keep);
    }

    /**
     * Members selected by triplets {@code {first, last, stride}}, in the order the triplets
     * produce them (MPI_Group_range_incl).
     *
     * @param ranges triplets {@code {first, last, stride}} of ranks to keep
     * @return the new group
     */
    public Group rangeIncl(int[][] ranges) {
        return incl(expandRanges(ranges));
    }

    /**
     * All members except those the triplets select (MPI_Group_range_excl).
     *
     * @param ranges triplets {@code {first, last, stride}} of ranks to leave out
     * @return the new group
     */
    public Group rangeExcl(int[][] ranges) {
        return excl(expandRanges(ranges));
    }

    /**
     * This group's members, then {@code other}'s that are not in this one.
     *
     * @param other the other group
     * @return the new group
     */
    public Group union(Group other) {
        Set<Integer> all = new LinkedHashSet<>();
        for (int r : worldRanks) {
            all.add(r);
        }
        for (int r : other.worldRanks) {
            all.add(r);
        }
        return of(new ArrayList<>(all));
    }

    /**
     * Members of this group that are also in {@code other}, in this group's order.
     *
     * @param other the other group
     * @return the new group
     */
    public Group intersection(Group other) {
        List<Integer> out = new ArrayList<>();
        for (int r : worldRanks) {
            if (other.indexOf(r) != Communicator.UNDEFINED) {
                out.add(r);
            }
        }
        return of(out);
    }

    /**
     * Members of this group that are not in {@code other}, in this group's order.
     *
     * @param other the other group
     * @return the new group
     */
    public Group difference(Group other) {
        List<Integer> out = new ArrayList<>();
        for (int r : worldRanks) {
            if (other.indexOf(r) == Communicator.UNDEFINED) {
                out.add(r);
            }
        }
        return of(out);
    }

    /**
     * How this group relates to {@code other}: {@link Comparison#IDENTICAL} (same ranks, same
     * order), {@link Comparison#SIMILAR} (same ranks, other order) or {@link Comparison#UNEQUAL}.
     *
     * @param other the group to compare with
     * @return {@link Comparison#IDENTICAL}, {@link Comparison#SIMILAR} or {@link Comparison#UNEQUAL}
     */
    public Comparison compare(Group other) {
        if (other == null) {
            throw new InvalidArgumentException("other=null (expected: a group)");
        }
        if (Arrays.equals(worldRanks, other.worldRanks)) {
            return Comparison.IDENTICAL;
        }
        int[] a = worldRanks.clone();
        int[] b = other.worldRanks.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        return Arrays.equals(a, b) ? Comparison.SIMILAR : Comparison.UNEQUAL;
    }

    int indexOf(int worldRank) {
        for (int i = 0; i < worldRanks.length; i++) {
            if (worldRanks[i] == worldRank) {
                return i;
            }
        }
        return Communicator.UNDEFINED;
    }

    private int[] expandRanges(int[][] ranges) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < ranges.length; i++) {
            int[] t = ranges[i];
            if (t == null || t.length != 3) {
                throw new InvalidArgumentException(
                        "ranges[" + i + "]=" + Arrays.toString(t) + " (expected: {first, last, stride})");
            }
            int first = t[0];
            int last = t[1];
            int stride = t[2];
            if (stride == 0 || (stride > 0 && first > last) || (stride < 0 && first < last)) {
                throw new InvalidArgumentException("ranges[" + i + "]=" + Arrays.toString(t)
                        + " (expected: stride != 0 that walks from first to last)");
            }
            for (int r = first; stride > 0 ? r <= last : r >= last; r += stride) {
                checkRank("ranges[" + i + "]", r);
                out.add(r);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private Group of(List<Integer> ranks) {
        return new Group(ranks.stream().mapToInt(Integer::intValue).toArray(), myWorldRank);
    }

    private void checkRank(String name, int rank) {
        if (rank < 0 || rank >= worldRanks.length) {
            throw new InvalidArgumentException(
                    name + "=" + rank + " (expected: 0 <= " + name + " < group size=" + worldRanks.length + ")");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Group g && Arrays.equals(worldRanks, g.worldRanks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(worldRanks);
    }

    @Override
    public String toString() {
        return "Group" + Arrays.toString(worldRanks);
    }
}
