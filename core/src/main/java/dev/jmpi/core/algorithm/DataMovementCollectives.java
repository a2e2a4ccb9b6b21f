package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.Request;
import dev.jmpi.core.internal.CollectiveCall;
import dev.jmpi.core.internal.Schedule;

/**
 * The collectives that move blocks without combining them: scatter, gather, allgather,
 * alltoall and their per-rank variants. Arguments are checked (see {@link Checks}) before the
 * call begins; then the call's schedule is built on arrays and started ({@link Calls#start}).
 * Each method returns the started request: the blocking forms wait for it.
 */
final class DataMovementCollectives {

    private final Calls ctx;
    private final ArrayPool pool;

    DataMovementCollectives(Calls ctx) {
        this.ctx = ctx;
        this.pool = ctx.algorithms().pool();
    }

    /** See {@link Communicator#scatter}. */
    Request scatter(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
            int recvCount, int root) {
        int p = ctx.size();
        Checks.root(root, p);
        boolean isRoot = ctx.rank() == root;
        boolean inPlace = isRoot && recvBuf == Communicator.IN_PLACE;
        Datatype type;
        int block;
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
            block = sendCount;
        } else {
            Checks.count("recvCount", recvCount);
            Checks.notInPlace(recvBuf, "recvBuf", "as the root's recvBuf");
            type = Checks.range(recvBuf, recvOffset, recvCount, "recvBuf");
            Checks.writable(recvBuf, "recvBuf");
            block = recvCount;
        }
        CollectiveCall call = ctx.begin("scatter", root, block, type, null);
        return ctx.start(call, block, type, isRoot ? sendBuf : null, sendOffset, inPlace ? null : recvBuf, recvOffset,
            (sch, s, so, r, ro) -> BinomialTreeScatter.schedule(sch, pool, type, s, so, r, ro, block, root, inPlace, 0));
    }

    /** See {@link Communicator#scatterv}. */
    Request scatterv(Object sendBuf, int sendOffset, int[] sendCounts, int[] displs, Object recvBuf,
            int recvOffset, int recvCount, int root) {
        int p = ctx.size();
        Checks.root(root, p);
        boolean isRoot = ctx.rank() == root;
        boolean inPlace = isRoot && recvBuf == Communicator.IN_PLACE;
        Datatype type;
        if (isRoot) {
            Checks.notInPlace(sendBuf, "sendBuf", "as the root's recvBuf");
            type = Checks.buffer(sendBuf, "sendBuf");
            Checks.vector(sendBuf, sendOffset, sendCounts, "sendCounts", displs, "displs", "sendBuf", p);
            if (!inPlace) {
                Checks.equalCounts("recvCount", recvCount, "sendCounts[root]", sendCounts[root]);
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
        CollectiveCall call = ctx.begin("scatterv", root, -1, type, null);
        return ctx.start(call, recvCount, type, isRoot ? sendBuf : null, sendOffset, inPlace ? null : recvBuf,
            recvOffset, (sch, s, so, r, ro) -> LinearScatterv.schedule(sch, s, so, sendCounts, displs, r, ro, recvCount,
                root, inPlace, 0));
    }

    /** See {@link Communicator#gather}. */
    Request gather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
            int recvCount, int root) {
        int p = ctx.size();
        Checks.root(root, p);
        boolean isRoot = ctx.rank() == root;
        boolean inPlace = isRoot && sendBuf == Communicator.IN_PLACE;
        Datatype type;
        int block;
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
            block = recvCount;
        } else {
            Checks.count("sendCount", sendCount);
            Checks.notInPlace(sendBuf, "sendBuf", "at the root");
            type = Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
            block = sendCount;
        }
        CollectiveCall call = ctx.begin("gather", root, block, type, null);
        return ctx.start(call, block, type, inPlace ? null : sendBuf, sendOffset, isRoot ? recvBuf : null, recvOffset,
            (sch, s, so, r, ro) -> {
                if (inPlace) {
                    BinomialTreeGather.schedule(sch, pool, type, r, ro + root * block, r, ro, block, root, 0);
                } else {
                    BinomialTreeGather.schedule(sch, pool, type, s, so, r, ro, block, root, 0);
                }
            });
    }

    /** See {@link Communicator#gatherv}. */
    Request gatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
            int[] recvCounts, int[] displs, int root) {
        int p = ctx.size();
        Checks.root(root, p);
        boolean isRoot = ctx.rank() == root;
        boolean inPlace = isRoot && sendBuf == Communicator.IN_PLACE;
        Datatype type;
        if (isRoot) {
            Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
            type = Checks.buffer(recvBuf, "recvBuf");
            Checks.writable(recvBuf, "recvBuf");
            Checks.vector(recvBuf, recvOffset, recvCounts, "recvCounts", displs, "displs", "recvBuf", p);
            Checks.writable(recvBuf, "recvBuf");
            if (!inPlace) {
                Checks.equalCounts("sendCount", sendCount, "recvCounts[root]", recvCounts[root]);
                Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
                Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
            }
        } else {
            Checks.count("sendCount", sendCount);
            Checks.notInPlace(sendBuf, "sendBuf", "at the root");
            type = Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
        }
        CollectiveCall call = ctx.begin("gatherv", root, -1, type, null);
        return ctx.start(call, sendCount, type, inPlace ? null : sendBuf, sendOffset, isRoot ? recvBuf : null,
            recvOffset, (sch, s, so, r, ro) -> LinearGatherv.schedule(sch, s, so, sendCount, r, ro, recvCounts, displs,
                root, inPlace, 0));
    }

    // ---------------------------------------------------------------- allgather and alltoall

    /** See {@link Communicator#allgather}. */
    Request allgather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
            int recvCount) {
        int p = ctx.size();
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
        CollectiveCall call = ctx.begin("allgather", -1, recvCount, type, null);
        int[][] blocks = Blocks.uniform(recvCount, p);
        int rank = ctx.rank();
        return ctx.start(call, recvCount, type, inPlace ? null : sendBuf, sendOffset, recvBuf, recvOffset,
            (sch, s, so, r, ro) -> {
                if (!inPlace) {
                    sch.local(() -> Blocks.copy(s, so, r, ro + rank * recvCount, recvCount));
                }
                RingAllgather.schedule(sch, r, ro, blocks[0], blocks[1], 0);
            });
    }

    /** See {@link Communicator#allgatherv}. */
    Request allgatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
            int[] recvCounts, int[] displs) {
        int p = ctx.size();
        int rank = ctx.rank();
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
        CollectiveCall call = ctx.begin("allgatherv", -1, -1, type, null);
        return ctx.start(call, sendCount, type, inPlace ? null : sendBuf, sendOffset, recvBuf, recvOffset,
            (sch, s, so, r, ro) -> {
                if (!inPlace) {
                    sch.local(() -> Blocks.copy(s, so, r, ro + displs[rank], sendCount));
                }
                RingAllgather.schedule(sch, r, ro, recvCounts, displs, 0);
            });
    }

    /** See {@link Communicator#alltoall}. */
    Request alltoall(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
            int recvCount) {
        int p = ctx.size();
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
        CollectiveCall call = ctx.begin("alltoall", -1, recvCount, type, null);
        int[][] blocks = Blocks.uniform(recvCount, p);
        return ctx.start(call, recvCount, type, inPlace ? null : sendBuf, sendOffset, recvBuf, recvOffset,
            (sch, s, so, r, ro) -> alltoallBody(sch, type, inPlace, s, so, blocks[0], blocks[1], r, ro, blocks[0],
                blocks[1]));
    }

    /** See {@link Communicator#alltoallv}. */
    Request alltoallv(Object sendBuf, int sendOffset, int[] sendCounts, int[] sendDispls, Object recvBuf,
            int recvOffset, int[] recvCounts, int[] recvDispls) {
        int p = ctx.size();
        int rank = ctx.rank();
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
        CollectiveCall call = ctx.begin("alltoallv", -1, -1, type, null);
        return ctx.start(call, recvCounts[rank], type, inPlace ? null : sendBuf, sendOffset, recvBuf, recvOffset,
            (sch, s, so, r, ro) -> {
                if (inPlace) {
                    alltoallBody(sch, type, true, null, 0, recvCounts, recvDispls, r, ro, recvCounts, recvDispls);
                } else {
                    alltoallBody(sch, type, false, s, so, sendCounts, sendDispls, r, ro, recvCounts, recvDispls);
                }
            });
    }

    /** In place, the send data is a pooled copy of the receive buffer's blocks. */
    private void alltoallBody(Schedule sch, Datatype type, boolean inPlace, Object s, int so,
            int[] sendCounts, int[] sendDispls, Object r, int ro, int[] recvCounts,
            int[] recvDispls) {
        if (!inPlace) {
            PairwiseAlltoall.schedule(sch, s, so, sendCounts, sendDispls, r, ro, recvCounts, recvDispls, 0);
            return;
        }
        int extent = 0;
        for (int i = 0; i < recvCounts.length; i++) {
            extent = Math.max(extent, recvDispls[i] + recvCounts[i]);
        }
        int length = extent;
        Object copy = Scratch.acquire(sch, pool, type, length);
        sch.local(() -> System.arraycopy(r, ro, copy, 0, length));
        PairwiseAlltoall.schedule(sch, copy, 0, recvCounts, recvDispls, r, ro, recvCounts, recvDispls, 0);
    }
}
