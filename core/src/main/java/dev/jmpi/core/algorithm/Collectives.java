package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.core.internal.CollectiveCall;
import dev.jmpi.core.internal.CollectiveHost;
import dev.jmpi.core.internal.Schedule;
import java.util.List;
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
 * every rank. Every call, blocking or not, fixes its place in that order on the caller's
 * thread ({@link CollectiveHost#begin}), builds its schedule and posts the first round; the
 * blocking form then waits for the request (driving the I/O), the non-blocking form returns
 * it, and whoever drives the progress engine runs the later rounds. No thread is started.
 * The only state shared between calls is the scratch {@link ArrayPool}, which is thread-safe.
 */
public final class Collectives {

    private final Calls ctx;
    private final DataMovementCollectives movement;
    private final ReductionCollectives reductions;
    private final ObjectCollectives objects;

    /** Collectives over {@code host}, with thresholds from system properties and the environment. */
    public Collectives(CollectiveHost host) {
        this(host, AlgorithmThresholds.fromEnvironment());
    }

    /** Collectives over {@code host} with the given thresholds (every rank must pass the same). */
    public Collectives(CollectiveHost host, AlgorithmThresholds thresholds) {
        Algorithms algorithms = new Algorithms(thresholds, ArrayPool.shared());
        this.ctx = new Calls(host, algorithms);
        this.movement = new DataMovementCollectives(ctx);
        this.reductions = new ReductionCollectives(ctx);
        this.objects = new ObjectCollectives(host, algorithms);
    }

    // ---------------------------------------------------------------- barrier and bcast

    /** See {@link Communicator#barrier()}. */
    public void barrier() {
        startBarrier("barrier").await();
    }

    /** See {@link Communicator#ibarrier()}. */
    public Request ibarrier() {
        return startBarrier("ibarrier");
    }

    private Request startBarrier(String operation) {
        CollectiveCall call = ctx.begin(operation, -1, 0, null, null);
        Schedule s = call.schedule();
        DisseminationBarrier.schedule(s, 0);
        return call.start(s, 0, null);
    }

    /** See {@link Communicator#bcast(Object, int, int, int)}. */
    public void bcast(Object buf, int offset, int count, int root) {
        startBcast("bcast", buf, offset, count, root).await();
    }

    /** See {@link Communicator#ibcast}. */
    public Request ibcast(Object buf, int offset, int count, int root) {
        return startBcast("ibcast", buf, offset, count, root);
    }

    private Request startBcast(String operation, Object buf, int offset, int count, int root) {
        Checks.root(root, ctx.size());
        Checks.count("count", count);
        Checks.notInPlace(buf, "buf", "as the send buffer of some collectives");
        Checks.writable(buf, "buf");
        Datatype type = Checks.range(buf, offset, count, "buf");
        CollectiveCall call = ctx.begin(operation, root, count, type, null);
        return ctx.start(call, count, type, null, 0, buf, offset,
            (sch, s, so, r, ro) -> ctx.algorithms().bcast(sch, r, ro, count, type, root, 0));
    }

    // ---------------------------------------------------------------- scatter, gather, allgather, alltoall

    /** See {@link Communicator#scatter}. */
    public void scatter(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                        int recvCount, int root) {
        movement.scatter(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root).await();
    }

    /** See {@link Communicator#scatterv}. */
    public void scatterv(Object sendBuf, int sendOffset, int[] sendCounts, int[] displs, Object recvBuf,
                         int recvOffset, int recvCount, int root) {
        movement.scatterv(sendBuf, sendOffset, sendCounts, displs, recvBuf, recvOffset, recvCount, root).await();
    }

    /** See {@link Communicator#gather}. */
    public void gather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                       int recvCount, int root) {
        movement.gather(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root).await();
    }

    /** See {@link Communicator#gatherv}. */
    public void gatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                        int[] recvCounts, int[] displs, int root) {
        movement.gatherv(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs, root).await();
    }

    /** See {@link Communicator#allgather}. */
    public void allgather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                          int recvCount) {
        movement.allgather(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount).await();
    }

    /** See {@link Communicator#allgatherv}. */
    public void allgatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                           int[] recvCounts, int[] displs) {
        movement.allgatherv(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs).await();
    }

    /** See {@link Communicator#alltoall}. */
    public void alltoall(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                         int recvCount) {
        movement.alltoall(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount).await();
    }

    /** See {@link Communicator#alltoallv}. */
    public void alltoallv(Object sendBuf, int sendOffset, int[] sendCounts, int[] sendDispls, Object recvBuf,
                          int recvOffset, int[] recvCounts, int[] recvDispls) {
        movement.alltoallv(sendBuf, sendOffset, sendCounts, sendDispls, recvBuf, recvOffset, recvCounts, recvDispls).await();
    }

    // ---------------------------------------------------------------- reductions

    /** See {@link Communicator#reduce}. */
    public void reduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op, int root) {
        reductions.reduce("reduce", sendBuf, sendOffset, recvBuf, recvOffset, count, op, root).await();
    }

    /** See {@link Communicator#ireduce}. */
    public Request ireduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
                           int root) {
        return reductions.reduce("ireduce", sendBuf, sendOffset, recvBuf, recvOffset, count, op, root);
    }

    /** See {@link Communicator#allreduce}. */
    public void allreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        reductions.allreduce("allreduce", sendBuf, sendOffset, recvBuf, recvOffset, count, op).await();
    }

    /** See {@link Communicator#iallreduce}. */
    public Request iallreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return reductions.allreduce("iallreduce", sendBuf, sendOffset, recvBuf, recvOffset, count, op);
    }

    /** See {@link Communicator#reduceScatter}. */
    public void reduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts,
                              Op op) {
        reductions.reduceScatter(sendBuf, sendOffset, recvBuf, recvOffset, recvCounts, op).await();
    }

    /** See {@link Communicator#reduceScatterBlock}. */
    public void reduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount,
                                   Op op) {
        reductions.reduceScatterBlock(sendBuf, sendOffset, recvBuf, recvOffset, recvCount, op).await();
    }

    /** See {@link Communicator#scan}. */
    public void scan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        reductions.scan(sendBuf, sendOffset, recvBuf, recvOffset, count, op).await();
    }

    /** See {@link Communicator#exscan}. */
    public void exscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        reductions.exscan(sendBuf, sendOffset, recvBuf, recvOffset, count, op).await();
    }

    // ---------------------------------------------------------------- non-blocking forms

    /** Non-blocking {@link Communicator#scatter}. */
    public Request iscatter(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount, int root) {
        return movement.scatter(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
    }

    /** Non-blocking {@link Communicator#scatterv}. */
    public Request iscatterv(Object sendBuf, int sendOffset, int[] sendCounts, int[] displs, Object recvBuf, int recvOffset, int recvCount, int root) {
        return movement.scatterv(sendBuf, sendOffset, sendCounts, displs, recvBuf, recvOffset, recvCount, root);
    }

    /** Non-blocking {@link Communicator#gather}. */
    public Request igather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount, int root) {
        return movement.gather(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
    }

    /** Non-blocking {@link Communicator#gatherv}. */
    public Request igatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        return movement.gatherv(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs, root);
    }

    /** Non-blocking {@link Communicator#allgather}. */
    public Request iallgather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount) {
        return movement.allgather(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
    }

    /** Non-blocking {@link Communicator#allgatherv}. */
    public Request iallgatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int[] recvCounts, int[] displs) {
        return movement.allgatherv(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs);
    }

    /** Non-blocking {@link Communicator#alltoall}. */
    public Request ialltoall(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount) {
        return movement.alltoall(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
    }

    /** Non-blocking {@link Communicator#alltoallv}. */
    public Request ialltoallv(Object sendBuf, int sendOffset, int[] sendCounts, int[] sendDispls, Object recvBuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        return movement.alltoallv(sendBuf, sendOffset, sendCounts, sendDispls, recvBuf, recvOffset, recvCounts, recvDispls);
    }

    /** Non-blocking {@link Communicator#reduceScatter}. */
    public Request ireduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts, Op op) {
        return reductions.reduceScatter(sendBuf, sendOffset, recvBuf, recvOffset, recvCounts, op);
    }

    /** Non-blocking {@link Communicator#reduceScatterBlock}. */
    public Request ireduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount, Op op) {
        return reductions.reduceScatterBlock(sendBuf, sendOffset, recvBuf, recvOffset, recvCount, op);
    }

    /** Non-blocking {@link Communicator#scan}. */
    public Request iscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return reductions.scan(sendBuf, sendOffset, recvBuf, recvOffset, count, op);
    }

    /** Non-blocking {@link Communicator#exscan}. */
    public Request iexscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return reductions.exscan(sendBuf, sendOffset, recvBuf, recvOffset, count, op);
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
}
