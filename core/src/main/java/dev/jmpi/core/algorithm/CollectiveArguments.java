package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import org.jspecify.annotations.Nullable;

/**
 * The argument checks of each collective, run before the call begins: each throws
 * {@link InvalidArgumentException} naming the argument, its value and what was expected, and
 * returns the call's element type. Arguments MPI reads only at the root are checked only
 * there ({@code rank == root}). {@code p} is the communicator's size. Stateless.
 */
final class CollectiveArguments {

    private CollectiveArguments() {}

    /** Checks of {@link Communicator#scatter}; returns the element type. */
    static Datatype scatter(
            int rank,
            int p,
            @Nullable Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        Checks.root(root, p);
        boolean isRoot = rank == root;
        boolean inPlace = isRoot && recvBuf == Communicator.IN_PLACE;
        Datatype type;
        if (isRoot) {
            Checks.count("sendCount", sendCount);
            Checks.notInPlace(sendBuf, "sendBuf", "as the root's recvBuf");
            type = Checks.blocks(sendBuf, sendOffset, p, sendCount, "sendBuf", "sendCount");
            if (!inPlace) {
                Checks.equalCounts("recvCount", recvCount, "sendCount", sendCount);
                Checks.range(recvBuf, recvOffset, recvCount, "recvBuf");
                Checks.writable(recvBuf, "recvBuf");
                Checks.sameType(type, "sendBuf", recvBuf, "recvBuf");
            }
        } else {
            Checks.count("recvCount", recvCount);
            Checks.notInPlace(recvBuf, "recvBuf", "as the root's recvBuf");
            type = Checks.range(recvBuf, recvOffset, recvCount, "recvBuf");
            Checks.writable(recvBuf, "recvBuf");
        }
        return type;
    }

    /** Checks of {@link Communicator#scatterv}; returns the element type. */
    static Datatype scatterv(
            int rank,
            int p,
            @Nullable Object sendBuf,
            int sendOffset,
            int @Nullable [] sendCounts,
            int @Nullable [] displs,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        Checks.root(root, p);
        boolean isRoot = rank == root;
        boolean inPlace = isRoot && recvBuf == Communicator.IN_PLACE;
        Datatype type;
        if (isRoot) {
            Checks.notInPlace(sendBuf, "sendBuf", "as the root's recvBuf");
            type = Checks.buffer(sendBuf, "sendBuf");
            int[] counts = Checks.vector(sendBuf, sendOffset, sendCounts, "sendCounts", displs, "displs", "sendBuf", p);
            if (!inPlace) {
                Checks.equalCounts("recvCount", recvCount, "sendCounts[root]", counts[root]);
                Checks.range(recvBuf, recvOffset, recvCount, "recvBuf");
                Checks.writable(recvBuf, "recvBuf");
                Checks.sameType(type, "sendBuf", recvBuf, "recvBuf");
            }
        } else {
            Checks.count("recvCount", recvCount);
            Checks.notInPlace(recvBuf, "recvBuf", "as the root's recvBuf");
            type = Checks.range(recvBuf, recvOffset, recvCount, "recvBuf");
            Checks.writable(recvBuf, "recvBuf");
        }
        return type;
    }

    /** Checks of {@link Communicator#gather}; returns the element type. */
    static Datatype gather(
            int rank,
            int p,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        Checks.root(root, p);
        boolean isRoot = rank == root;
        boolean inPlace = isRoot && sendBuf == Communicator.IN_PLACE;
        Datatype type;
        if (isRoot) {
            Checks.count("recvCount", recvCount);
            Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
            type = Checks.blocks(recvBuf, recvOffset, p, recvCount, "recvBuf", "recvCount");
            Checks.writable(recvBuf, "recvBuf");
            if (!inPlace) {
                Checks.equalCounts("sendCount", sendCount, "recvCount", recvCount);
                Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
                Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
            }
        } else {
            Checks.count("sendCount", sendCount);
            Checks.notInPlace(sendBuf, "sendBuf", "at the root");
            type = Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
        }
        return type;
    }

    /** Checks of {@link Communicator#gatherv}; returns the element type. */
    static Datatype gatherv(
            int rank,
            int p,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int @Nullable [] recvCounts,
            int @Nullable [] displs,
            int root) {
        Checks.root(root, p);
        boolean isRoot = rank == root;
        boolean inPlace = isRoot && sendBuf == Communicator.IN_PLACE;
        Datatype type;
        if (isRoot) {
            Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
            type = Checks.buffer(recvBuf, "recvBuf");
            Checks.writable(recvBuf, "recvBuf");
            int[] counts = Checks.vector(recvBuf, recvOffset, recvCounts, "recvCounts", displs, "displs", "recvBuf", p);
            Checks.writable(recvBuf, "recvBuf");
            if (!inPlace) {
                Checks.equalCounts("sendCount", sendCount, "recvCounts[root]", counts[root]);
                Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
                Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
            }
        } else {
            Checks.count("sendCount", sendCount);
            Checks.notInPlace(sendBuf, "sendBuf", "at the root");
            type = Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
        }
        return type;
    }

    /** Checks of {@link Communicator#allgather}; returns the element type. */
    static Datatype allgather(
            int rank,
            int p,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount) {
        boolean inPlace = sendBuf == Communicator.IN_PLACE;
        Checks.count("recvCount", recvCount);
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.blocks(recvBuf, recvOffset, p, recvCount, "recvBuf", "recvCount");
        Checks.writable(recvBuf, "recvBuf");
        if (!inPlace) {
            Checks.equalCounts("sendCount", sendCount, "recvCount", recvCount);
            Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        return type;
    }

    /** Checks of {@link Communicator#allgatherv}; returns the element type. */
    static Datatype allgatherv(
            int rank,
            int p,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] displs) {
        boolean inPlace = sendBuf == Communicator.IN_PLACE;
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.buffer(recvBuf, "recvBuf");
        Checks.writable(recvBuf, "recvBuf");
        Checks.vector(recvBuf, recvOffset, recvCounts, "recvCounts", displs, "displs", "recvBuf", p);
        Checks.writable(recvBuf, "recvBuf");
        if (!inPlace) {
            Checks.equalCounts("sendCount", sendCount, "recvCounts[rank]", recvCounts[rank]);
            Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        return type;
    }

    /** Checks of {@link Communicator#alltoall}; returns the element type. */
    static Datatype alltoall(
            int rank,
            int p,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount) {
        boolean inPlace = sendBuf == Communicator.IN_PLACE;
        Checks.count("recvCount", recvCount);
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.blocks(recvBuf, recvOffset, p, recvCount, "recvBuf", "recvCount");
        Checks.writable(recvBuf, "recvBuf");
        if (!inPlace) {
            Checks.equalCounts("sendCount", sendCount, "recvCount", recvCount);
            Checks.blocks(sendBuf, sendOffset, p, sendCount, "sendBuf", "sendCount");
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        return type;
    }

    /** Checks of {@link Communicator#alltoallv}; returns the element type. */
    static Datatype alltoallv(
            int rank,
            int p,
            Object sendBuf,
            int sendOffset,
            int[] sendCounts,
            int[] sendDispls,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] recvDispls) {
        boolean inPlace = sendBuf == Communicator.IN_PLACE;
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.buffer(recvBuf, "recvBuf");
        Checks.writable(recvBuf, "recvBuf");
        Checks.vector(recvBuf, recvOffset, recvCounts, "recvCounts", recvDispls, "recvDispls", "recvBuf", p);
        Checks.writable(recvBuf, "recvBuf");
        if (!inPlace) {
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
            Checks.vector(sendBuf, sendOffset, sendCounts, "sendCounts", sendDispls, "sendDispls", "sendBuf", p);
            Checks.equalCounts("sendCounts[rank]", sendCounts[rank], "recvCounts[rank]", recvCounts[rank]);
        }
        return type;
    }

    /** Checks of {@link Communicator#reduce}; returns the element type. */
    static Datatype reduce(
            int rank,
            int p,
            Object sendBuf,
            int sendOffset,
            @Nullable Object recvBuf,
            int recvOffset,
            int count,
            Op op,
            int root) {
        Checks.root(root, p);
        Checks.count("count", count);
        boolean isRoot = rank == root;
        Datatype type;
        if (isRoot) {
            Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
            type = Checks.range(recvBuf, recvOffset, count, "recvBuf");
            Checks.writable(recvBuf, "recvBuf");
            if (sendBuf != Communicator.IN_PLACE) {
                Checks.range(sendBuf, sendOffset, count, "sendBuf");
                Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
            }
        } else {
            Checks.notInPlace(sendBuf, "sendBuf", "at the root");
            type = Checks.range(sendBuf, sendOffset, count, "sendBuf");
        }
        Checks.op(op, type, count);
        return type;
    }

    /** Checks of allreduce, scan and exscan: IN_PLACE allowed, both buffers hold {@code count}. */
    static Datatype allreduce(
            Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op, String operation) {
        Checks.count("count", count);
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer of " + operation);
        Datatype type = Checks.range(recvBuf, recvOffset, count, "recvBuf");
        Checks.writable(recvBuf, "recvBuf");
        if (sendBuf != Communicator.IN_PLACE) {
            Checks.range(sendBuf, sendOffset, count, "sendBuf");
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        Checks.op(op, type, count);
        return type;
    }

    /** Checks of the reduce-scatters, given every rank's block size; returns the element type. */
    static Datatype reduceScatter(
            int rank, Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] counts, long total, Op op) {
        int mine = counts[rank];
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.buffer(recvBuf, "recvBuf");
        Checks.writable(recvBuf, "recvBuf");
        if (total > Integer.MAX_VALUE) {
            throw new InvalidArgumentException(
                    "sum(recvCounts)=" + total + " (expected: <= " + Integer.MAX_VALUE + ")");
        }
        if (sendBuf == Communicator.IN_PLACE) {
            Checks.vector(recvBuf, recvOffset, counts, "recvCounts", null, null, "recvBuf", counts.length);
            Checks.writable(recvBuf, "recvBuf");
        } else {
            Checks.range(recvBuf, recvOffset, mine, "recvBuf");
            Checks.writable(recvBuf, "recvBuf");
            Checks.vector(sendBuf, sendOffset, counts, "recvCounts", null, null, "sendBuf", counts.length);
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        Checks.op(op, type, (int) total);
        for (int i = 0; i < counts.length; i++) {
            if (op.elementsPerOperand() > 1 && counts[i] % op.elementsPerOperand() != 0) {
                throw new InvalidArgumentException("recvCounts[" + i + "]=" + counts[i]
                        + " (expected: an even count for op=" + op + ", which reduces (value, index) pairs)");
            }
        }
        return type;
    }
}
