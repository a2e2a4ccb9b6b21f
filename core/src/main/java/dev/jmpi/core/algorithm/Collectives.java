package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.core.internal.CollectiveCall;
import dev.jmpi.core.internal.CollectiveHost;
import dev.jmpi.core.internal.Schedule;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Every collective of a {@link Communicator}, written once: a communicator extends this class
 * (and {@link CollectiveHost}, the channel to its peers), and each collective is one method
 * here that checks its arguments ({@link CollectiveArguments}), begins the call and starts
 * its schedule, built by one algorithm class. The blocking form of a collective is its
 * non-blocking form followed by {@link Request#await()}. Adding a collective means declaring
 * it on {@link Communicator}, implementing it here, and writing its schedule.
 *
 * <h2>Arguments</h2>
 * Each method checks its arguments before anything is sent and throws
 * {@link InvalidArgumentException} naming the argument, its value and what was expected.
 * Arguments that MPI reads only at the root are checked only there. {@link Communicator#IN_PLACE}
 * is accepted where MPI accepts it: as the root's receive buffer of scatter and scatterv; as
 * the root's send buffer of gather, gatherv and reduce; as the send buffer of allgather,
 * allgatherv, alltoall, alltoallv (the send data is then taken from the receive buffer),
 * allreduce, scan and exscan; and as the send buffer of reduceScatter and
 * reduceScatterBlock, where the receive buffer then holds the whole input
 * ({@code sum(recvCounts)} elements) and gets this rank's block at {@code recvOffset}.
 *
 * <h2>Threads</h2>
 * Collective calls on one communicator come from one thread at a time, in the same order on
 * every rank. Every call fixes its place in that order on the caller's thread
 * ({@link CollectiveHost#begin}), builds its schedule and posts the first round; whoever
 * drives the progress engine runs the later rounds. No thread is started. A blocking call and
 * a non-blocking one never match each other (their signatures name the method, as in MPI).
 * The only state shared between calls is the scratch {@link ArrayPool}, which is thread-safe.
 */
public abstract class Collectives extends ObjectCollectives {

    private final Calls calls;

    /** Collectives with the given thresholds (every rank must pass the same) and a pool of their own. */
    protected Collectives(AlgorithmThresholds thresholds) {
        this(thresholds, new ArrayPool(ArrayPool.MAX_RETAINED_BYTES_DEFAULT));
    }

    /** Collectives with the given thresholds (every rank must pass the same) and scratch pool. */
    protected Collectives(AlgorithmThresholds thresholds, ArrayPool pool) {
        this(new Algorithms(thresholds, pool));
    }

    private Collectives(Algorithms algorithms) {
        super(algorithms);
        this.calls = new Calls(this, algorithms);
    }

    // ---------------------------------------------------------------- barrier and bcast

    @Override
    public final void barrier() {
        startBarrier("barrier").await();
    }

    @Override
    public final Request ibarrier() {
        return startBarrier("ibarrier");
    }

    private Request startBarrier(String operation) {
        CollectiveCall call = calls.begin(operation, -1, 0, null, null);
        Schedule s = call.schedule();
        DisseminationBarrier.schedule(s, 0);
        return call.start(s, 0, null);
    }

    @Override
    public final void bcast(Object buf, int offset, int count, int root) {
        startBcast("bcast", buf, offset, count, root).await();
    }

    @Override
    public final Request ibcast(Object buf, int offset, int count, int root) {
        return startBcast("ibcast", buf, offset, count, root);
    }

    private Request startBcast(String operation, Object buf, int offset, int count, int root) {
        Checks.root(root, size());
        Checks.count("count", count);
        Checks.notInPlace(buf, "buf", "as the send buffer of some collectives");
        Checks.writable(buf, "buf");
        Datatype type = Checks.range(buf, offset, count, "buf");
        CollectiveCall call = calls.begin(operation, root, count, type, null);
        return calls.start(
                call,
                count,
                type,
                null,
                0,
                buf,
                offset,
                (sch, s, so, r, ro) ->
                        algorithms().bcast(sch, Objects.requireNonNull(r, "buf"), ro, count, type, root, 0));
    }

    // ---------------------------------------------------------------- scatter and gather

    @Override
    public final void scatter(
            @Nullable Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        startScatter("scatter", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root)
                .await();
    }

    @Override
    public final Request iscatter(
            @Nullable Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        return startScatter("iscatter", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
    }

    private Request startScatter(
            String operation,
            @Nullable Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        Datatype type = CollectiveArguments.scatter(
                rank(), size(), sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
        boolean isRoot = rank() == root;
        boolean inPlace = isRoot && recvBuf == IN_PLACE;
        int block = isRoot ? sendCount : recvCount;
        CollectiveCall call = calls.begin(operation, root, block, type, null);
        return calls.start(
                call,
                block,
                type,
                isRoot ? sendBuf : null,
                sendOffset,
                inPlace ? null : recvBuf,
                recvOffset,
                (sch, s, so, r, ro) ->
                        BinomialTreeScatter.schedule(sch, pool(), type, s, so, r, ro, block, root, inPlace, 0));
    }

    @Override
    public final void scatterv(
            @Nullable Object sendBuf,
            int sendOffset,
            int @Nullable [] sendCounts,
            int @Nullable [] displs,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        startScatterv("scatterv", sendBuf, sendOffset, sendCounts, displs, recvBuf, recvOffset, recvCount, root)
                .await();
    }

    @Override
    public final Request iscatterv(
            @Nullable Object sendBuf,
            int sendOffset,
            int @Nullable [] sendCounts,
            int @Nullable [] displs,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        return startScatterv(
                "iscatterv", sendBuf, sendOffset, sendCounts, displs, recvBuf, recvOffset, recvCount, root);
    }

    private Request startScatterv(
            String operation,
            @Nullable Object sendBuf,
            int sendOffset,
            int @Nullable [] sendCounts,
            int @Nullable [] displs,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        Datatype type = CollectiveArguments.scatterv(
                rank(), size(), sendBuf, sendOffset, sendCounts, displs, recvBuf, recvOffset, recvCount, root);
        boolean isRoot = rank() == root;
        boolean inPlace = isRoot && recvBuf == IN_PLACE;
        CollectiveCall call = calls.begin(operation, root, -1, type, null);
        return calls.start(
                call,
                recvCount,
                type,
                isRoot ? sendBuf : null,
                sendOffset,
                inPlace ? null : recvBuf,
                recvOffset,
                (sch, s, so, r, ro) ->
                        LinearScatterv.schedule(sch, s, so, sendCounts, displs, r, ro, recvCount, root, inPlace, 0));
    }

    @Override
    public final void gather(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        startGather("gather", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root)
                .await();
    }

    @Override
    public final Request igather(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        return startGather("igather", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
    }

    private Request startGather(
            String operation,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int recvCount,
            int root) {
        Datatype type = CollectiveArguments.gather(
                rank(), size(), sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
        boolean isRoot = rank() == root;
        boolean inPlace = isRoot && sendBuf == IN_PLACE;
        int block = isRoot ? recvCount : sendCount;
        CollectiveCall call = calls.begin(operation, root, block, type, null);
        return calls.start(
                call,
                block,
                type,
                inPlace ? null : sendBuf,
                sendOffset,
                isRoot ? recvBuf : null,
                recvOffset,
                (sch, s, so, r, ro) -> {
                    if (inPlace) {
                        Object into = Objects.requireNonNull(r, "the root's recvBuf");
                        BinomialTreeGather.schedule(
                                sch, pool(), type, into, ro + root * block, into, ro, block, root, 0);
                    } else {
                        Object from = Objects.requireNonNull(s, "sendBuf (not in place)");
                        BinomialTreeGather.schedule(sch, pool(), type, from, so, r, ro, block, root, 0);
                    }
                });
    }

    @Override
    public final void gatherv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int @Nullable [] recvCounts,
            int @Nullable [] displs,
            int root) {
        startGatherv("gatherv", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs, root)
                .await();
    }

    @Override
    public final Request igatherv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int @Nullable [] recvCounts,
            int @Nullable [] displs,
            int root) {
        return startGatherv("igatherv", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs, root);
    }

    private Request startGatherv(
            String operation,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int @Nullable [] recvCounts,
            int @Nullable [] displs,
            int root) {
        Datatype type = CollectiveArguments.gatherv(
                rank(), size(), sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs, root);
        boolean isRoot = rank() == root;
        boolean inPlace = isRoot && sendBuf == IN_PLACE;
        CollectiveCall call = calls.begin(operation, root, -1, type, null);
        return calls.start(
                call,
                sendCount,
                type,
                inPlace ? null : sendBuf,
                sendOffset,
                isRoot ? recvBuf : null,
                recvOffset,
                (sch, s, so, r, ro) ->
                        LinearGatherv.schedule(sch, s, so, sendCount, r, ro, recvCounts, displs, root, inPlace, 0));
    }

    // ---------------------------------------------------------------- allgather and alltoall

    @Override
    public final void allgather(
            Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount) {
        startAllgather("allgather", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount)
                .await();
    }

    @Override
    public final Request iallgather(
            Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount) {
        return startAllgather("iallgather", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
    }

    private Request startAllgather(
            String operation,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount) {
        int rank = rank();
        Datatype type = CollectiveArguments.allgather(
                rank, size(), sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
        boolean inPlace = sendBuf == IN_PLACE;
        CollectiveCall call = calls.begin(operation, -1, recvCount, type, null);
        int[][] blocks = Blocks.uniform(recvCount, size());
        return calls.start(
                call,
                recvCount,
                type,
                inPlace ? null : sendBuf,
                sendOffset,
                recvBuf,
                recvOffset,
                (sch, s, so, r, ro) -> {
                    Object into = Objects.requireNonNull(r, "recvBuf");
                    if (!inPlace) {
                        Object from = Objects.requireNonNull(s, "sendBuf (not in place)");
                        sch.local(() -> Blocks.copy(from, so, into, ro + rank * recvCount, recvCount));
                    }
                    RingAllgather.schedule(sch, into, ro, blocks[0], blocks[1], 0);
                });
    }

    @Override
    public final void allgatherv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] displs) {
        startAllgatherv("allgatherv", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs)
                .await();
    }

    @Override
    public final Request iallgatherv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] displs) {
        return startAllgatherv("iallgatherv", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs);
    }

    private Request startAllgatherv(
            String operation,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] displs) {
        int rank = rank();
        Datatype type = CollectiveArguments.allgatherv(
                rank, size(), sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs);
        boolean inPlace = sendBuf == IN_PLACE;
        CollectiveCall call = calls.begin(operation, -1, -1, type, null);
        return calls.start(
                call,
                sendCount,
                type,
                inPlace ? null : sendBuf,
                sendOffset,
                recvBuf,
                recvOffset,
                (sch, s, so, r, ro) -> {
                    Object into = Objects.requireNonNull(r, "recvBuf");
                    if (!inPlace) {
                        Object from = Objects.requireNonNull(s, "sendBuf (not in place)");
                        sch.local(() -> Blocks.copy(from, so, into, ro + displs[rank], sendCount));
                    }
                    RingAllgather.schedule(sch, into, ro, recvCounts, displs, 0);
                });
    }

    @Override
    public final void alltoall(
            Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount) {
        startAlltoall("alltoall", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount)
                .await();
    }

    @Override
    public final Request ialltoall(
            Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount) {
        return startAlltoall("ialltoall", sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
    }

    private Request startAlltoall(
            String operation,
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount) {
        Datatype type = CollectiveArguments.alltoall(
                rank(), size(), sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
        boolean inPlace = sendBuf == IN_PLACE;
        CollectiveCall call = calls.begin(operation, -1, recvCount, type, null);
        int[][] blocks = Blocks.uniform(recvCount, size());
        return calls.start(
                call,
                recvCount,
                type,
                inPlace ? null : sendBuf,
                sendOffset,
                recvBuf,
                recvOffset,
                (sch, s, so, r, ro) -> alltoallSchedule(
                        sch,
                        type,
                        inPlace,
                        s,
                        so,
                        blocks[0],
                        blocks[1],
                        Objects.requireNonNull(r, "recvBuf"),
                        ro,
                        blocks[0],
                        blocks[1]));
    }

    @Override
    public final void alltoallv(
            Object sendBuf,
            int sendOffset,
            int[] sendCounts,
            int[] sendDispls,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] recvDispls) {
        startAlltoallv(
                        "alltoallv",
                        sendBuf,
                        sendOffset,
                        sendCounts,
                        sendDispls,
                        recvBuf,
                        recvOffset,
                        recvCounts,
                        recvDispls)
                .await();
    }

    @Override
    public final Request ialltoallv(
            Object sendBuf,
            int sendOffset,
            int[] sendCounts,
            int[] sendDispls,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] recvDispls) {
        return startAlltoallv(
                "ialltoallv", sendBuf, sendOffset, sendCounts, sendDispls, recvBuf, recvOffset, recvCounts, recvDispls);
    }

    private Request startAlltoallv(
            String operation,
            Object sendBuf,
            int sendOffset,
            int[] sendCounts,
            int[] sendDispls,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] recvDispls) {
        Datatype type = CollectiveArguments.alltoallv(
                rank(),
                size(),
                sendBuf,
                sendOffset,
                sendCounts,
                sendDispls,
                recvBuf,
                recvOffset,
                recvCounts,
                recvDispls);
        boolean inPlace = sendBuf == IN_PLACE;
        CollectiveCall call = calls.begin(operation, -1, -1, type, null);
        return calls.start(
                call,
                recvCounts[rank()],
                type,
                inPlace ? null : sendBuf,
                sendOffset,
                recvBuf,
                recvOffset,
                (sch, s, so, r, ro) -> {
                    Object into = Objects.requireNonNull(r, "recvBuf");
                    if (inPlace) {
                        alltoallSchedule(
                                sch, type, true, null, 0, recvCounts, recvDispls, into, ro, recvCounts, recvDispls);
                    } else {
                        alltoallSchedule(
                                sch, type, false, s, so, sendCounts, sendDispls, into, ro, recvCounts, recvDispls);
                    }
                });
    }

    /** In place, the send data is a pooled copy of the receive buffer's blocks. */
    private void alltoallSchedule(
            Schedule sch,
            Datatype type,
            boolean inPlace,
            @Nullable Object s,
            int so,
            int[] sendCounts,
            int[] sendDispls,
            Object r,
            int ro,
            int[] recvCounts,
            int[] recvDispls) {
        if (!inPlace) {
            Object from = Objects.requireNonNull(s, "sendBuf (not in place)");
            PairwiseAlltoall.schedule(sch, from, so, sendCounts, sendDispls, r, ro, recvCounts, recvDispls, 0);
            return;
        }
        int extent = 0;
        for (int i = 0; i < recvCounts.length; i++) {
            extent = Math.max(extent, recvDispls[i] + recvCounts[i]);
        }
        int length = extent;
        Object copy = Scratch.acquire(sch, pool(), type, length);
        sch.local(() -> System.arraycopy(r, ro, copy, 0, length));
        PairwiseAlltoall.schedule(sch, copy, 0, recvCounts, recvDispls, r, ro, recvCounts, recvDispls, 0);
    }

    // ---------------------------------------------------------------- reduce and allreduce

    @Override
    public final void reduce(
            Object sendBuf, int sendOffset, @Nullable Object recvBuf, int recvOffset, int count, Op op, int root) {
        startReduce("reduce", sendBuf, sendOffset, recvBuf, recvOffset, count, op, root)
                .await();
    }

    @Override
    public final Request ireduce(
            Object sendBuf, int sendOffset, @Nullable Object recvBuf, int recvOffset, int count, Op op, int root) {
        return startReduce("ireduce", sendBuf, sendOffset, recvBuf, recvOffset, count, op, root);
    }

    private Request startReduce(
            String operation,
            Object sendBuf,
            int sendOffset,
            @Nullable Object recvBuf,
            int recvOffset,
            int count,
            Op op,
            int root) {
        Datatype type =
                CollectiveArguments.reduce(rank(), size(), sendBuf, sendOffset, recvBuf, recvOffset, count, op, root);
        CollectiveCall call = calls.begin(operation, root, count, type, op);
        return calls.start(
                call,
                count,
                type,
                sendBuf,
                sendOffset,
                rank() == root ? recvBuf : null,
                recvOffset,
                (sch, s, so, r, ro) -> {
                    boolean inPlace = s == IN_PLACE;
                    Object own = Objects.requireNonNull(inPlace ? r : s, "sendBuf (the root's recvBuf in place)");
                    algorithms().reduce(sch, op, type, own, inPlace ? ro : so, r, ro, count, root, 0);
                });
    }

    @Override
    public final void allreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        startAllreduce("allreduce", sendBuf, sendOffset, recvBuf, recvOffset, count, op)
                .await();
    }

    @Override
    public final Request iallreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return startAllreduce("iallreduce", sendBuf, sendOffset, recvBuf, recvOffset, count, op);
    }

    private Request startAllreduce(
            String operation, Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        Datatype type = CollectiveArguments.allreduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, operation);
        CollectiveCall call = calls.begin(operation, -1, count, type, op);
        return calls.start(call, count, type, sendBuf, sendOffset, recvBuf, recvOffset, (sch, s, so, r, ro) -> {
            boolean inPlace = s == IN_PLACE;
            Object into = Objects.requireNonNull(r, "recvBuf");
            Object own = inPlace ? into : Objects.requireNonNull(s, "sendBuf");
            algorithms().allreduce(sch, op, type, own, inPlace ? ro : so, into, ro, count, 0);
        });
    }

    // ---------------------------------------------------------------- reduce-scatter and scans

    @Override
    public final void reduceScatter(
            Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts, Op op) {
        startReduceScatter("reduceScatter", sendBuf, sendOffset, recvBuf, recvOffset, recvCounts, op)
                .await();
    }

    @Override
    public final Request ireduceScatter(
            Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts, Op op) {
        return startReduceScatter("ireduceScatter", sendBuf, sendOffset, recvBuf, recvOffset, recvCounts, op);
    }

    private Request startReduceScatter(
            String operation, Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts, Op op) {
        int p = size();
        Checks.length(recvCounts, "recvCounts", p);
        long total = 0;
        for (int i = 0; i < p; i++) {
            Checks.count("recvCounts[" + i + "]", recvCounts[i]);
            total += recvCounts[i];
        }
        int[] counts = recvCounts.clone();
        Datatype type =
                CollectiveArguments.reduceScatter(rank(), sendBuf, sendOffset, recvBuf, recvOffset, counts, total, op);
        return reduceScatter(
                calls.begin(operation, -1, total, type, op),
                sendBuf,
                sendOffset,
                recvBuf,
                recvOffset,
                counts,
                op,
                type);
    }

    @Override
    public final void reduceScatterBlock(
            Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount, Op op) {
        startReduceScatterBlock("reduceScatterBlock", sendBuf, sendOffset, recvBuf, recvOffset, recvCount, op)
                .await();
    }

    @Override
    public final Request ireduceScatterBlock(
            Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount, Op op) {
        return startReduceScatterBlock("ireduceScatterBlock", sendBuf, sendOffset, recvBuf, recvOffset, recvCount, op);
    }

    private Request startReduceScatterBlock(
            String operation, Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount, Op op) {
        int p = size();
        Checks.count("recvCount", recvCount);
        int[] counts = Blocks.uniform(recvCount, p)[0];
        Datatype type = CollectiveArguments.reduceScatter(
                rank(), sendBuf, sendOffset, recvBuf, recvOffset, counts, (long) recvCount * p, op);
        return reduceScatter(
                calls.begin(operation, -1, recvCount, type, op),
                sendBuf,
                sendOffset,
                recvBuf,
                recvOffset,
                counts,
                op,
                type);
    }

    private Request reduceScatter(
            CollectiveCall call,
            Object sendBuf,
            int sendOffset,
            Object recvBuf,
            int recvOffset,
            int[] counts,
            Op op,
            Datatype type) {
        return calls.start(
                call, counts[rank()], type, sendBuf, sendOffset, recvBuf, recvOffset, (sch, s, so, r, ro) -> {
                    boolean inPlace = s == IN_PLACE;
                    Object into = Objects.requireNonNull(r, "recvBuf");
                    Object own = inPlace ? into : Objects.requireNonNull(s, "sendBuf");
                    algorithms().reduceScatter(sch, op, type, own, inPlace ? ro : so, into, ro, counts, 0);
                });
    }

    @Override
    public final void scan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        startScan("scan", sendBuf, sendOffset, recvBuf, recvOffset, count, op, false)
                .await();
    }

    @Override
    public final Request iscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return startScan("iscan", sendBuf, sendOffset, recvBuf, recvOffset, count, op, false);
    }

    @Override
    public final void exscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        startScan("exscan", sendBuf, sendOffset, recvBuf, recvOffset, count, op, true)
                .await();
    }

    @Override
    public final Request iexscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return startScan("iexscan", sendBuf, sendOffset, recvBuf, recvOffset, count, op, true);
    }

    private Request startScan(
            String operation,
            Object sendBuf,
            int sendOffset,
            Object recvBuf,
            int recvOffset,
            int count,
            Op op,
            boolean exclusive) {
        Datatype type = CollectiveArguments.allreduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, operation);
        CollectiveCall call = calls.begin(operation, -1, count, type, op);
        return calls.start(call, count, type, sendBuf, sendOffset, recvBuf, recvOffset, (sch, s, so, r, ro) -> {
            boolean inPlace = s == IN_PLACE;
            Object into = Objects.requireNonNull(r, "recvBuf");
            Object own = inPlace ? into : Objects.requireNonNull(s, "sendBuf");
            RecursiveDoublingScan.schedule(
                    sch, pool(), op, type, own, inPlace ? ro : so, into, ro, count, exclusive, 0);
        });
    }
}
