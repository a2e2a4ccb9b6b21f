package dev.jmpi.core.internal;

import dev.jmpi.CartesianCommunicator;
import dev.jmpi.Communicator;
import dev.jmpi.Group;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Derives communicators: every derivation is collective over the parent and starts by
 * agreeing on a fresh context id ({@link ContextIds}: unused on every member, even while
 * other threads of a rank create communicators), so traffic on the new communicator can
 * never meet traffic of any other.
 */
final class CommunicatorFactory {

    private CommunicatorFactory() {}

    static Communicator dup(CommunicatorImpl parent) {
        int ctx = agreeOnContext(parent);
        return new CommunicatorImpl(parent.world(), ctx, parent.worldRanks(), parent.timeout());
    }

    static Optional<Communicator> split(CommunicatorImpl parent, int color, int key) {
        if (color < 0 && color != Communicator.UNDEFINED) {
            throw new InvalidArgumentException("color=" + color + " (expected: >= 0 or UNDEFINED)");
        }
        int size = parent.size();
        int[] all = new int[2 * size];
        parent.allgather(new int[] {color, key}, 0, 2, all, 0, 2);
        int ctx = agreeOnContext(parent);
        if (color == Communicator.UNDEFINED) {
            return Optional.empty();
        }
        List<int[]> members = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            if (all[2 * r] == color) {
                members.add(new int[] {all[2 * r + 1], r});
            }
        }
        members.sort(Comparator.<int[]>comparingInt(m -> m[0]).thenComparingInt(m -> m[1]));
        int[] worldRanks = new int[members.size()];
        for (int i = 0; i < worldRanks.length; i++) {
            worldRanks[i] = parent.worldRankOf(members.get(i)[1]);
        }
        return Optional.of(new CommunicatorImpl(parent.world(), ctx, worldRanks, parent.timeout()));
    }

    static Optional<Communicator> create(CommunicatorImpl parent, Group group) {
        int[] worldRanks = subgroupWorldRanks(parent, group, "");
        int ctx = agreeOnContext(parent);
        if (group.rank() == Communicator.UNDEFINED) {
            return Optional.empty();
        }
        return Optional.of(new CommunicatorImpl(parent.world(), ctx, worldRanks, parent.timeout()));
    }

    /**
     * MPI_Comm_create_group: only {@code group}'s members call. They cannot use the parent's
     * collectives (the other ranks take no part), so they agree on the context id by
     * point-to-point messages with {@code tag} on a context reserved for this (the parent's
     * point-to-point context, negated, minus 2: no derived context is negative), over the
     * group: each member sends its proposal to the group's rank 0, which sends back the
     * maximum. Linear in the group's size, like the first step of a communicator's life.
     * Calls on overlapping groups running at once must use different tags (as in MPI).
     */
    static Communicator createFromGroup(CommunicatorImpl parent, Group group, int tag) {
        String op = parent.who() + "createFromGroup(tag=" + tag + ")";
        if (group == null) {
            throw new InvalidArgumentException(op + ": group=null (expected: a subgroup of this communicator's group)");
        }
        if (tag < 0 || tag > Communicator.TAG_UB) {
            throw new InvalidArgumentException(
                    op + ": tag=" + tag + " (expected: 0 <= tag <= TAG_UB=" + Communicator.TAG_UB + ")");
        }
        int[] worldRanks = subgroupWorldRanks(parent, group, op + ": ");
        if (group.rank() == Communicator.UNDEFINED) {
            throw new InvalidArgumentException(op + ": this rank is not in group=" + group
                    + " (expected: only the group's members call createFromGroup)");
        }
        parent.checkUsable(op);
        CommunicatorImpl members =
                new CommunicatorImpl(parent.world(), -parent.context() - 2, worldRanks, parent.timeout());
        int ctx = parent.world().contextIds().agree(ContextIds.key(parent.context(), tag), mine -> {
            int[] value = mine.clone();
            if (members.rank() == 0) {
                int[] theirs = new int[value.length];
                for (int r = 1; r < members.size(); r++) {
                    members.recv(theirs, 0, theirs.length, r, tag);
                    for (int i = 0; i < value.length; i++) {
                        value[i] = Math.max(value[i], theirs[i]);
                    }
                }
                for (int r = 1; r < members.size(); r++) {
                    members.send(value, 0, value.length, r, tag);
                }
            } else {
                members.send(value, 0, value.length, 0, tag);
                members.recv(value, 0, value.length, 0, tag);
            }
            return value;
        });
        return new CommunicatorImpl(parent.world(), ctx, worldRanks, parent.timeout());
    }

    /** The world ranks of {@code group}, checked to be a subgroup of {@code parent}'s. */
    private static int[] subgroupWorldRanks(CommunicatorImpl parent, Group group, String prefix) {
        int[] worldRanks = group.worldRanks();
        for (int w : worldRanks) {
            if (w < 0 || w >= parent.world().size() || parent.commRankOf(w) == Communicator.UNDEFINED) {
                throw new InvalidArgumentException(prefix + "group=" + group
                        + " (expected: a subgroup of this communicator's group " + parent.group() + ")");
            }
        }
        return worldRanks;
    }

    static Optional<CartesianCommunicator> cartesian(CommunicatorImpl parent, int[] dims, boolean[] periods) {
        if (dims == null || periods == null || dims.length != periods.length) {
            throw new InvalidArgumentException("dims.length=" + (dims == null ? "null" : dims.length)
                    + ", periods.length=" + (periods == null ? "null" : periods.length)
                    + " (expected: one period flag per dimension)");
        }
        long cells = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 1) {
                throw new InvalidArgumentException("dims[" + i + "]=" + dims[i] + " (expected: >= 1)");
            }
            cells *= dims[i];
        }
        if (cells > parent.size()) {
            throw new InvalidArgumentException("dims=" + Arrays.toString(dims) + " has " + cells
                    + " cells (expected: at most size=" + parent.size() + ")");
        }
        int ctx = agreeOnContext(parent);
        if (parent.rank() >= cells) {
            return Optional.empty();
        }
        int[] worldRanks = Arrays.copyOf(parent.worldRanks(), (int) cells);
        return Optional.of(
                new CartesianCommunicatorImpl(parent.world(), ctx, worldRanks, parent.timeout(), dims, periods));
    }

    /**
     * A context id unused on every member, agreed by max-reductions over {@code parent}
     * (see {@link ContextIds}: collision-free while other threads create communicators).
     */
    static int agreeOnContext(CommunicatorImpl parent) {
        return parent.world().contextIds().agree(ContextIds.key(parent.context()), mine -> {
            int[] all = new int[mine.length];
            parent.allreduce(mine, 0, all, 0, mine.length, Op.MAX);
            return all;
        });
    }
}
