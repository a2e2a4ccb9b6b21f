package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.core.internal.CollectiveCall;
import dev.jmpi.core.internal.CollectiveHost;
import dev.jmpi.core.internal.FutureRequest;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.DataType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;

/**
 * Every collective of a {@link Communicator}, over the channel a {@link CollectiveHost} gives:
 * argument checks, the call's signature, the choice of algorithm, and the algorithm. A
 * communicator makes one of these and forwards its collective methods to it, with the same
 * names, parameters and semantics as documented on {@link Communicator}.
 *
 * <pre>{@code
 * Collectives collectives = new Collectives(host);
 * collectives.allreduce(mine, 0, sums, 0, mine.length, Op.SUM);
 * }</pre>
 *
 * <h2>Arguments</h2>
 * Each method checks its arguments before anything is sent and throws
 * {@link dev.jmpi.InvalidArgumentException} naming the argument, its value and what was
 * expected. Arguments that MPI reads only at the root (the root's send buffer of a scatter,
 * the receive buffer of a gather or reduce) are checked only there. {@link Communicator#IN_PLACE}
 * is accepted where MPI accepts it: as the root's receive buffer of scatter and scatterv; as
 * the root's send buffer of gather, gatherv and reduce; as the send buffer of allgather,
 * allgatherv, alltoall, alltoallv (the send data is then taken from the receive buffer),
 * allreduce, scan and exscan; and as the send buffer of reduceScatter and
 * reduceScatterBlock, where the receive buffer then holds the whole input
 * ({@code sum(recvCounts)} elements) and gets this rank's block at {@code recvOffset}.
 *
 * <h2>Threads</h2>
 * Collective calls on one communicator come from one thread at a time, in the same order on
 * every rank. The non-blocking variants fix their place in that order on the caller's thread
 * ({@link CollectiveHost#begin}) and run on {@link CollectiveHost#asyncExecutor()}. The only
 * state shared between calls is the scratch {@link ArrayPool}, which is thread-safe.
 */
public final class Collectives {

    private final CollectiveHost host;
    private final Algorithms algorithms;
    private final ArrayPool pool;
    private final ObjectCollectives objects;

    /** Collectives over {@code host}, with thresholds from system properties and the environment. */
    public Collectives(CollectiveHost host) {
        this(host, AlgorithmThresholds.fromEnvironment());
    }

    /** Collectives over {@code host} with the given thresholds (every rank must pass the same). */
    public Collectives(CollectiveHost host, AlgorithmThresholds thresholds) {
        this.host = host;
        this.pool = ArrayPool.shared();
        this.algorithms = new Algorithms(thresholds, pool);
        this.objects = new ObjectCollectives(host, algorithms);
    }

    // ---------------------------------------------------------------- barrier and bcast

    /** See {@link Communicator#barrier()}. */
    public void barrier() {
        DisseminationBarrier.run(begin("barrier", -1, 0, null, null), 0);
    }

    /** See {@link Communicator#ibarrier()}. */
    public Request ibarrier() {
        CollectiveCall call = begin("ibarrier", -1, 0, null, null);
        return async("ibarrier()", 0, null, () -> DisseminationBarrier.run(call, 0));
    }

    /** See {@link Communicator#bcast(Object, int, int, int)}. */
    public void bcast(Object buf, int offset, int count, int root) {
        Datatype type = checkBcast(buf, offset, count, root);
        runBcast(begin("bcast", root, count, type, null), buf, offset, count, type, root);
    }

    /** See {@link Communicator#ibcast}. */
    public Request ibcast(Object buf, int offset, int count, int root) {
        Datatype type = checkBcast(buf, offset, count, root);
        CollectiveCall call = begin("ibcast", root, count, type, null);
        return async("ibcast(root=" + root + ", count=" + count + ")", count, type,
            () -> runBcast(call, buf, offset, count, type, root));
    }

    private Datatype checkBcast(Object buf, int offset, int count, int root) {
        Checks.root(root, host.size());
        Checks.count("count", count);
        Checks.notInPlace(buf, "buf", "as the send buffer of some collectives");
        return Checks.range(buf, offset, count, "buf");
    }

    private void runBcast(CollectiveCall call, Object buf, int offset, int count, Datatype type, int root) {
        staged(null, 0, buf, offset, (s, so, r, ro) -> algorithms.bcast(call, r, ro, count, type, root, 0));
    }

    // ---------------------------------------------------------------- scatter and gather

    /** See {@link Communicator#scatter}. */
    public void scatter(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                        int recvCount, int root) {
        int p = host.size();
        Checks.root(root, p);
        boolean isRoot = host.rank() == root;
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
                Checks.sameType(type, "sendBuf", recvBuf, "recvBuf");
            }
            block = sendCount;
        } else {
            Checks.count("recvCount", recvCount);
            Checks.notInPlace(recvBuf, "recvBuf", "as the root's recvBuf");
            type = Checks.range(recvBuf, recvOffset, recvCount, "recvBuf");
            block = recvCount;
        }
        CollectiveCall call = begin("scatter", root, block, type, null);
        staged(isRoot ? sendBuf : null, sendOffset, inPlace ? null : recvBuf, recvOffset, (s, so, r, ro) ->
            BinomialTreeScatter.run(call, pool, type, s, so, r, ro, block, root, inPlace, 0));
    }

    /** See {@link Communicator#scatterv}. */
    public void scatterv(Object sendBuf, int sendOffset, int[] sendCounts, int[] displs, Object recvBuf,
                         int recvOffset, int recvCount, int root) {
        int p = host.size();
        Checks.root(root, p);
        boolean isRoot = host.rank() == root;
        boolean inPlace = isRoot && recvBuf == Communicator.IN_PLACE;
        Datatype type;
        if (isRoot) {
            Checks.notInPlace(sendBuf, "sendBuf", "as the root's recvBuf");
            type = Checks.buffer(sendBuf, "sendBuf");
            Checks.vector(sendBuf, sendOffset, sendCounts, "sendCounts", displs, "displs", "sendBuf", p);
            if (!inPlace) {
                Checks.equalCounts("recvCount", recvCount, "sendCounts[root]", sendCounts[root]);
                Checks.range(recvBuf, recvOffset, recvCount, "recvBuf");
                Checks.sameType(type, "sendBuf", recvBuf, "recvBuf");
            }
        } else {
            Checks.count("recvCount", recvCount);
            Checks.notInPlace(recvBuf, "recvBuf", "as the root's recvBuf");
            type = Checks.range(recvBuf, recvOffset, recvCount, "recvBuf");
        }
        CollectiveCall call = begin("scatterv", root, -1, type, null);
        staged(isRoot ? sendBuf : null, sendOffset, inPlace ? null : recvBuf, recvOffset, (s, so, r, ro) ->
            LinearScatterv.run(call, s, so, sendCounts, displs, r, ro, recvCount, root, inPlace, 0));
    }

    /** See {@link Communicator#gather}. */
    public void gather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                       int recvCount, int root) {
        int p = host.size();
        Checks.root(root, p);
        boolean isRoot = host.rank() == root;
        boolean inPlace = isRoot && sendBuf == Communicator.IN_PLACE;
        Datatype type;
        int block;
        if (isRoot) {
            Checks.count("recvCount", recvCount);
            Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
            type = Checks.blocks(recvBuf, recvOffset, p, recvCount, "recvBuf", "recvCount");
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
        CollectiveCall call = begin("gather", root, block, type, null);
        staged(inPlace ? null : sendBuf, sendOffset, isRoot ? recvBuf : null, recvOffset, (s, so, r, ro) -> {
            if (inPlace) {
                BinomialTreeGather.run(call, pool, type, r, ro + root * block, r, ro, block, root, 0);
            } else {
                BinomialTreeGather.run(call, pool, type, s, so, r, ro, block, root, 0);
            }
        });
    }

    /** See {@link Communicator#gatherv}. */
    public void gatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                        int[] recvCounts, int[] displs, int root) {
        int p = host.size();
        Checks.root(root, p);
        boolean isRoot = host.rank() == root;
        boolean inPlace = isRoot && sendBuf == Communicator.IN_PLACE;
        Datatype type;
        if (isRoot) {
            Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
            type = Checks.buffer(recvBuf, "recvBuf");
            Checks.vector(recvBuf, recvOffset, recvCounts, "recvCounts", displs, "displs", "recvBuf", p);
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
        CollectiveCall call = begin("gatherv", root, -1, type, null);
        staged(inPlace ? null : sendBuf, sendOffset, isRoot ? recvBuf : null, recvOffset, (s, so, r, ro) ->
            LinearGatherv.run(call, s, so, sendCount, r, ro, recvCounts, displs, root, inPlace, 0));
    }

    // ---------------------------------------------------------------- allgather and alltoall

    /** See {@link Communicator#allgather}. */
    public void allgather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                          int recvCount) {
        int p = host.size();
        boolean inPlace = sendBuf == Communicator.IN_PLACE;
        Checks.count("recvCount", recvCount);
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.blocks(recvBuf, recvOffset, p, recvCount, "recvBuf", "recvCount");
        if (!inPlace) {
            Checks.equalCounts("sendCount", sendCount, "recvCount", recvCount);
            Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        CollectiveCall call = begin("allgather", -1, recvCount, type, null);
        int[][] blocks = Blocks.uniform(recvCount, p);
        staged(inPlace ? null : sendBuf, sendOffset, recvBuf, recvOffset, (s, so, r, ro) -> {
            if (!inPlace) {
                Blocks.copy(s, so, r, ro + host.rank() * recvCount, recvCount);
            }
            RingAllgather.run(call, r, ro, blocks[0], blocks[1], 0);
        });
    }

    /** See {@link Communicator#allgatherv}. */
    public void allgatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                           int[] recvCounts, int[] displs) {
        int p = host.size();
        int rank = host.rank();
        boolean inPlace = sendBuf == Communicator.IN_PLACE;
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.buffer(recvBuf, "recvBuf");
        Checks.vector(recvBuf, recvOffset, recvCounts, "recvCounts", displs, "displs", "recvBuf", p);
        if (!inPlace) {
            Checks.equalCounts("sendCount", sendCount, "recvCounts[rank]", recvCounts[rank]);
            Checks.range(sendBuf, sendOffset, sendCount, "sendBuf");
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        CollectiveCall call = begin("allgatherv", -1, -1, type, null);
        staged(inPlace ? null : sendBuf, sendOffset, recvBuf, recvOffset, (s, so, r, ro) -> {
            if (!inPlace) {
                Blocks.copy(s, so, r, ro + displs[rank], sendCount);
            }
            RingAllgather.run(call, r, ro, recvCounts, displs, 0);
        });
    }

    /** See {@link Communicator#alltoall}. */
    public void alltoall(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                         int recvCount) {
        int p = host.size();
        boolean inPlace = sendBuf == Communicator.IN_PLACE;
        Checks.count("recvCount", recvCount);
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.blocks(recvBuf, recvOffset, p, recvCount, "recvBuf", "recvCount");
        if (!inPlace) {
            Checks.equalCounts("sendCount", sendCount, "recvCount", recvCount);
            Checks.blocks(sendBuf, sendOffset, p, sendCount, "sendBuf", "sendCount");
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        CollectiveCall call = begin("alltoall", -1, recvCount, type, null);
        int[][] blocks = Blocks.uniform(recvCount, p);
        staged(inPlace ? null : sendBuf, sendOffset, recvBuf, recvOffset, (s, so, r, ro) ->
            alltoallBody(call, type, inPlace, s, so, blocks[0], blocks[1], r, ro, blocks[0], blocks[1]));
    }

    /** See {@link Communicator#alltoallv}. */
    public void alltoallv(Object sendBuf, int sendOffset, int[] sendCounts, int[] sendDispls, Object recvBuf,
                          int recvOffset, int[] recvCounts, int[] recvDispls) {
        int p = host.size();
        int rank = host.rank();
        boolean inPlace = sendBuf == Communicator.IN_PLACE;
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.buffer(recvBuf, "recvBuf");
        Checks.vector(recvBuf, recvOffset, recvCounts, "recvCounts", recvDispls, "recvDispls", "recvBuf", p);
        if (!inPlace) {
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
            Checks.vector(sendBuf, sendOffset, sendCounts, "sendCounts", sendDispls, "sendDispls", "sendBuf", p);
            Checks.equalCounts("sendCounts[rank]", sendCounts[rank], "recvCounts[rank]", recvCounts[rank]);
        }
        CollectiveCall call = begin("alltoallv", -1, -1, type, null);
        staged(inPlace ? null : sendBuf, sendOffset, recvBuf, recvOffset, (s, so, r, ro) -> {
            if (inPlace) {
                alltoallBody(call, type, true, null, 0, recvCounts, recvDispls, r, ro, recvCounts, recvDispls);
            } else {
                alltoallBody(call, type, false, s, so, sendCounts, sendDispls, r, ro, recvCounts, recvDispls);
            }
        });
    }

    /** In place, the send data is a pooled copy of the receive buffer's blocks. */
    private void alltoallBody(CollectiveCall call, Datatype type, boolean inPlace, Object s, int so,
                              int[] sendCounts, int[] sendDispls, Object r, int ro, int[] recvCounts,
                              int[] recvDispls) {
        if (!inPlace) {
            PairwiseAlltoall.run(call, s, so, sendCounts, sendDispls, r, ro, recvCounts, recvDispls, 0);
            return;
        }
        int extent = 0;
        for (int i = 0; i < recvCounts.length; i++) {
            extent = Math.max(extent, recvDispls[i] + recvCounts[i]);
        }
        Object copy = pool.acquire(type, extent);
        try {
            System.arraycopy(r, ro, copy, 0, extent);
            PairwiseAlltoall.run(call, copy, 0, recvCounts, recvDispls, r, ro, recvCounts, recvDispls, 0);
        } finally {
            pool.release(copy);
        }
    }

    // ---------------------------------------------------------------- reductions

    /** See {@link Communicator#reduce}. */
    public void reduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op, int root) {
        Datatype type = checkReduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, root);
        runReduce(begin("reduce", root, count, type, op), sendBuf, sendOffset, recvBuf, recvOffset, count, op,
            type, root);
    }

    /** See {@link Communicator#ireduce}. */
    public Request ireduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
                           int root) {
        Datatype type = checkReduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, root);
        CollectiveCall call = begin("ireduce", root, count, type, op);
        return async("ireduce(root=" + root + ", count=" + count + ", op=" + op + ")", count, type,
            () -> runReduce(call, sendBuf, sendOffset, recvBuf, recvOffset, count, op, type, root));
    }

    private Datatype checkReduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
                                 int root) {
        Checks.root(root, host.size());
        Checks.count("count", count);
        boolean isRoot = host.rank() == root;
        Datatype type;
        if (isRoot) {
            Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
            type = Checks.range(recvBuf, recvOffset, count, "recvBuf");
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

    private void runReduce(CollectiveCall call, Object sendBuf, int sendOffset, Object recvBuf, int recvOffset,
                           int count, Op op, Datatype type, int root) {
        boolean isRoot = host.rank() == root;
        staged(sendBuf, sendOffset, isRoot ? recvBuf : null, recvOffset, (s, so, r, ro) -> {
            boolean inPlace = s == Communicator.IN_PLACE;
            algorithms.reduce(call, op, type, inPlace ? r : s, inPlace ? ro : so, r, ro, count, root, 0);
        });
    }

    /** See {@link Communicator#allreduce}. */
    public void allreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        Datatype type = checkAllreduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, "allreduce");
        runAllreduce(begin("allreduce", -1, count, type, op), sendBuf, sendOffset, recvBuf, recvOffset, count, op,
            type);
    }

    /** See {@link Communicator#iallreduce}. */
    public Request iallreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        Datatype type = checkAllreduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, "iallreduce");
        CollectiveCall call = begin("iallreduce", -1, count, type, op);
        return async("iallreduce(count=" + count + ", op=" + op + ")", count, type,
            () -> runAllreduce(call, sendBuf, sendOffset, recvBuf, recvOffset, count, op, type));
    }

    private void runAllreduce(CollectiveCall call, Object sendBuf, int sendOffset, Object recvBuf, int recvOffset,
                              int count, Op op, Datatype type) {
        staged(sendBuf, sendOffset, recvBuf, recvOffset, (s, so, r, ro) -> {
            boolean inPlace = s == Communicator.IN_PLACE;
            algorithms.allreduce(call, op, type, inPlace ? r : s, inPlace ? ro : so, r, ro, count, 0);
        });
    }

    /** Checks for allreduce, scan and exscan: IN_PLACE allowed, both buffers hold {@code count}. */
    private Datatype checkAllreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
                                    String operation) {
        Checks.count("count", count);
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer of " + operation);
        Datatype type = Checks.range(recvBuf, recvOffset, count, "recvBuf");
        if (sendBuf != Communicator.IN_PLACE) {
            Checks.range(sendBuf, sendOffset, count, "sendBuf");
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        Checks.op(op, type, count);
        return type;
    }

    /** See {@link Communicator#reduceScatter}. */
    public void reduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts,
                              Op op) {
        int p = host.size();
        Checks.length(recvCounts, "recvCounts", p);
        long total = 0;
        for (int i = 0; i < p; i++) {
            Checks.count("recvCounts[" + i + "]", recvCounts[i]);
            total += recvCounts[i];
        }
        Datatype type = checkReduceScatter(sendBuf, sendOffset, recvBuf, recvOffset, recvCounts, total, op);
        CollectiveCall call = begin("reduceScatter", -1, total, type, op);
        runReduceScatter(call, sendBuf, sendOffset, recvBuf, recvOffset, recvCounts.clone(), op, type);
    }

    /** See {@link Communicator#reduceScatterBlock}. */
    public void reduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount,
                                   Op op) {
        int p = host.size();
        Checks.count("recvCount", recvCount);
        int[] counts = Blocks.uniform(recvCount, p)[0];
        Datatype type = checkReduceScatter(sendBuf, sendOffset, recvBuf, recvOffset, counts, (long) recvCount * p, op);
        CollectiveCall call = begin("reduceScatterBlock", -1, recvCount, type, op);
        runReduceScatter(call, sendBuf, sendOffset, recvBuf, recvOffset, counts, op, type);
    }

    private Datatype checkReduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] counts,
                                        long total, Op op) {
        int mine = counts[host.rank()];
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.buffer(recvBuf, "recvBuf");
        if (total > Integer.MAX_VALUE) {
            throw new dev.jmpi.InvalidArgumentException("sum(recvCounts)=" + total + " (expected: <= "
                + Integer.MAX_VALUE + ")");
        }
        if (sendBuf == Communicator.IN_PLACE) {
            Checks.vector(recvBuf, recvOffset, counts, "recvCounts", null, null, "recvBuf", counts.length);
        } else {
            Checks.range(recvBuf, recvOffset, mine, "recvBuf");
            Checks.vector(sendBuf, sendOffset, counts, "recvCounts", null, null, "sendBuf", counts.length);
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        Checks.op(op, type, (int) total);
        for (int i = 0; i < counts.length; i++) {
            if (op.elementsPerOperand() > 1 && counts[i] % op.elementsPerOperand() != 0) {
                throw new dev.jmpi.InvalidArgumentException("recvCounts[" + i + "]=" + counts[i]
                    + " (expected: an even count for op=" + op + ", which reduces (value, index) pairs)");
            }
        }
        return type;
    }

    private void runReduceScatter(CollectiveCall call, Object sendBuf, int sendOffset, Object recvBuf, int recvOffset,
                                  int[] counts, Op op, Datatype type) {
        staged(sendBuf, sendOffset, recvBuf, recvOffset, (s, so, r, ro) -> {
            boolean inPlace = s == Communicator.IN_PLACE;
            algorithms.reduceScatter(call, op, type, inPlace ? r : s, inPlace ? ro : so, r, ro, counts, 0);
        });
    }

    /** See {@link Communicator#scan}. */
    public void scan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        runScan(sendBuf, sendOffset, recvBuf, recvOffset, count, op, false);
    }

    /** See {@link Communicator#exscan}. */
    public void exscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        runScan(sendBuf, sendOffset, recvBuf, recvOffset, count, op, true);
    }

    private void runScan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
                         boolean exclusive) {
        String operation = exclusive ? "exscan" : "scan";
        Datatype type = checkAllreduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, operation);
        CollectiveCall call = begin(operation, -1, count, type, op);
        staged(sendBuf, sendOffset, recvBuf, recvOffset, (s, so, r, ro) -> {
            boolean inPlace = s == Communicator.IN_PLACE;
            RecursiveDoublingScan.run(call, pool, op, type, inPlace ? r : s, inPlace ? ro : so, r, ro, count,
                exclusive, 0);
        });
    }

    // ---------------------------------------------------------------- objects

    /** See {@link Communicator#bcastObject}. */
    public <T> T bcastObject(T value, int root) {
        return objects.bcast(value, root);
    }

    /** See {@link Communicator#scatterObject}. */
    public <T> T scatterObject(List<T> values, int root) {
        return objects.scatter(values, root);
    }

    /** See {@link Communicator#gatherObject}. */
    public <T> List<T> gatherObject(T value, int root) {
        return objects.gather(value, root);
    }

    /** See {@link Communicator#allgatherObject}. */
    public <T> List<T> allgatherObject(T value) {
        return objects.allgather(value);
    }

    /** See {@link Communicator#alltoallObject}. */
    public <T> List<T> alltoallObject(List<T> values) {
        return objects.alltoall(values);
    }

    /** See {@link Communicator#reduceObject}. */
    public <T> T reduceObject(T value, BinaryOperator<T> combiner, int root) {
        return objects.reduce(value, combiner, root);
    }

    /** See {@link Communicator#allreduceObject}. */
    public <T> T allreduceObject(T value, BinaryOperator<T> combiner) {
        return objects.allreduce(value, combiner);
    }

    // ---------------------------------------------------------------- plumbing

    private CollectiveCall begin(String operation, int root, long count, Datatype type, Op op) {
        return host.begin(signature(operation, root, count, type, op));
    }

    /** The signature of a call; {@code type == null} means no data (barrier) or objects, per operation. */
    static CollectiveSignature signature(String operation, int root, long count, Datatype type, Op op) {
        return CollectiveSignature.newBuilder()
            .setOperation(operation)
            .setRoot(root)
            .setCount(count)
            .setDataType(type == null ? DataType.DATA_TYPE_UNSPECIFIED : DataType.valueOf(type.name()))
            .setOp(op == null ? "" : op.name())
            .build();
    }

    /** Runs {@code body} on the async executor; the request completes when it returns. */
    private Request async(String description, int count, Datatype type, Runnable body) {
        CompletableFuture<Status> future = new CompletableFuture<>();
        String what = host.describeRank(host.rank()) + ": " + description;
        try {
            host.asyncExecutor().execute(() -> {
                try {
                    body.run();
                    future.complete(new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, count, type, false));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return new FutureRequest(future, what);
    }

    /** The algorithm's view of a send and a receive buffer: arrays and offsets. */
    @FunctionalInterface
    private interface Body {
        void run(Object send, int sendOffset, Object recv, int recvOffset);
    }

    /**
     * Runs {@code body} with ByteBuffer arguments replaced by arrays (see
     * {@link ByteBufferStage}); other arguments, including IN_PLACE and {@code null}, pass through.
     */
    private void staged(Object send, int sendOffset, Object recv, int recvOffset, Body body) {
        if (!(send instanceof ByteBuffer) && !(recv instanceof ByteBuffer)) {
            body.run(send, sendOffset, recv, recvOffset);
            return;
        }
        ByteBufferStage s = ByteBufferStage.of(send, false, "sendBuf", pool);
        ByteBufferStage r = null;
        boolean succeeded = false;
        try {
            r = ByteBufferStage.of(recv, true, "recvBuf", pool);
            body.run(ByteBufferStage.array(s, send), ByteBufferStage.offset(s, sendOffset),
                ByteBufferStage.array(r, recv), ByteBufferStage.offset(r, recvOffset));
            succeeded = true;
        } finally {
            ByteBufferStage.finish(s, false);
            ByteBufferStage.finish(r, succeeded);
        }
    }
}
