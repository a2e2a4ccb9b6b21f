package dev.jmpi.core.internal;

import dev.jmpi.CartesianCommunicator;
import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.Group;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.core.algorithm.Collectives;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BinaryOperator;

/**
 * The communicator: point-to-point messaging on its own context, collectives (delegated to
 * {@link Collectives}) on a second context, and derived communicators.
 *
 * <p>Threads: point-to-point calls are safe from any thread; collective calls must come in
 * the same order on every rank.
 */
public class CommunicatorImpl implements Communicator, CollectiveHost {

    private final World world;
    private final int context;
    private final int[] worldRanks;
    private final int[] commRankOfWorld;
    private final int rank;
    private final ContextQueues p2p;
    private final ContextQueues coll;
    private final Collectives collectives;
    private final PointToPoint pointToPoint;
    private volatile long timeoutNanos;
    private int collectiveSequence;
    private volatile boolean freed;

    /**
     * A communicator over {@code worldRanks} (comm rank i is world rank worldRanks[i]) on
     * contexts {@code context} (point-to-point) and {@code context + 1} (collectives).
     */
    public CommunicatorImpl(World world, int context, int[] worldRanks, Duration timeout) {
        this.world = world;
        this.context = context;
        this.worldRanks = worldRanks.clone();
        this.commRankOfWorld = new int[world.size()];
        Arrays.fill(commRankOfWorld, UNDEFINED);
        for (int i = 0; i < worldRanks.length; i++) {
            commRankOfWorld[worldRanks[i]] = i;
        }
        this.rank = commRankOfWorld[world.rank()];
        this.p2p = world.queues(context);
        this.coll = world.queues(context + 1);
        this.timeoutNanos = timeout.toNanos();
        this.pointToPoint = new PointToPoint(this);
        this.collectives = new Collectives(this);
    }

    // ------------------------------------------------------------------ identity

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return worldRanks.length;
    }

    @Override
    public Group group() {
        return new Group(worldRanks, world.rank());
    }

    @Override
    public Duration timeout() {
        return Duration.ofNanos(timeoutNanos);
    }

    @Override
    public void setTimeout(Duration timeout) {
        if (timeout == null || timeout.isNegative()) {
            throw new InvalidArgumentException("timeout=" + timeout + " (expected: >= 0; ZERO means none)");
        }
        this.timeoutNanos = timeout.toNanos();
    }

    World world() {
        return world;
    }

    int context() {
        return context;
    }

    ContextQueues p2pQueues() {
        return p2p;
    }

    ContextQueues collectiveQueues() {
        return coll;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    int worldRankOf(int commRank) {
        return worldRanks[commRank];
    }

    int commRankOf(int worldRank) {
        return commRankOfWorld[worldRank];
    }

    int[] worldRanks() {
        return worldRanks.clone();
    }

    /** {@code rank 2: } as a prefix for operation descriptions. */
    String who() {
        return worldRanks.length == world.size() ? "rank " + rank + ": "
            : "rank " + rank + " (world rank " + world.rank() + "): ";
    }

    @Override
    public String describeRank(int r) {
        return worldRanks.length == world.size() ? "rank " + r : "rank " + r + " (world rank " + worldRanks[r] + ")";
    }

    Status statusOf(InboundMessage m) {
        Datatype t = WireTypes.fromWire(m.header().getDataType());
        return new Status(commRankOf(m.sourceWorldRank()), m.tag(),
            (int) (m.messageBytes() / t.sizeBytes()), t, false);
    }

    void checkUsable(String operation) {
        if (freed) {
            throw new dev.jmpi.JmpiException(who() + operation + " on a communicator that was closed", false);
        }
        Breakage b = world.breakage();
        if (b != null) {
            throw b.toException(who() + operation);
        }
    }

    // ------------------------------------------------------------------ point-to-point

    @Override
    public void send(Object buf, int offset, int count, int dest, int tag) {
        pointToPoint.send(buf, offset, count, dest, tag, false).await();
    }

    @Override
    public void ssend(Object buf, int offset, int count, int dest, int tag) {
        pointToPoint.send(buf, offset, count, dest, tag, true).await();
    }

    @Override
    public Status recv(Object buf, int offset, int count, int source, int tag) {
        return pointToPoint.irecv(buf, offset, count, source, tag, "recv").await();
    }

    @Override
    public Request isend(Object buf, int offset, int count, int dest, int tag) {
        return pointToPoint.send(buf, offset, count, dest, tag, false);
    }

    @Override
    public Request issend(Object buf, int offset, int count, int dest, int tag) {
        return pointToPoint.send(buf, offset, count, dest, tag, true);
    }

    @Override
    public Request irecv(Object buf, int offset, int count, int source, int tag) {
        return pointToPoint.irecv(buf, offset, count, source, tag, "irecv");
    }

    @Override
    public Status sendrecv(Object sendBuf, int sendOffset, int sendCount, int dest, int sendTag,
                           Object recvBuf, int recvOffset, int recvCount, int source, int recvTag) {
        Request r = pointToPoint.irecv(recvBuf, recvOffset, recvCount, source, recvTag, "sendrecv");
        pointToPoint.send(sendBuf, sendOffset, sendCount, dest, sendTag, false).await();
        return r.await();
    }

    @Override
    public Status sendrecvReplace(Object buf, int offset, int count, int dest, int sendTag,
                                  int source, int recvTag) {
        Buffers.checkRange(buf, offset, count, "buf");
        Object copy = Copies.copyOf(buf, offset, count);
        Request r = pointToPoint.irecv(buf, offset, count, source, recvTag, "sendrecvReplace");
        pointToPoint.send(copy, 0, count, dest, sendTag, false).await();
        return r.await();
    }

    @Override
    public Status probe(int source, int tag) {
        return pointToPoint.probe(source, tag);
    }

    @Override
    public Optional<Status> iprobe(int source, int tag) {
        return pointToPoint.iprobe(source, tag);
    }

    // ------------------------------------------------------------------ objects

    @Override
    public void sendObject(Object value, int dest, int tag) {
        byte[] bytes = ObjectCodec.encode(value);
        send(bytes, 0, bytes.length, dest, tag);
    }

    @Override
    public <T> T recvObject(int source, int tag) {
        return this.<T>recvObjectWithStatus(source, tag).value();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Received<T> recvObjectWithStatus(int source, int tag) {
        if (source == PROC_NULL) {
            return new Received<>(null, Status.procNull());
        }
        Status probed = probe(source, tag);
        byte[] bytes = new byte[probed.count()];
        Status s = recv(bytes, 0, bytes.length, probed.source(), probed.tag());
        return new Received<>((T) ObjectCodec.decode(bytes), s);
    }

    @Override
    public Request isendObject(Object value, int dest, int tag) {
        byte[] bytes = ObjectCodec.encode(value);
        return isend(bytes, 0, bytes.length, dest, tag);
    }

    @Override
    public <T> CompletableFuture<T> irecvObject(int source, int tag) {
        return CompletableFuture.supplyAsync(() -> recvObject(source, tag), world.asyncExecutor());
    }

    // ------------------------------------------------------------------ collectives

    @Override
    public synchronized CollectiveCall begin(CollectiveSignature signature) {
        checkUsable(signature.getOperation());
        int seq = ++collectiveSequence & ((1 << (31 - ContextQueues.STEP_BITS)) - 1);
        CollectiveSignature sig = signature.toBuilder().setSequence(collectiveSequence).build();
        coll.beginCollective(seq, sig);
        return new CollectiveChannel(this, sig, seq);
    }

    @Override
    public Executor asyncExecutor() {
        return world.asyncExecutor();
    }

    @Override
    public void barrier() {
        collectives.barrier();
    }

    @Override
    public Request ibarrier() {
        return collectives.ibarrier();
    }

    @Override
    public void bcast(Object buf, int offset, int count, int root) {
        collectives.bcast(buf, offset, count, root);
    }

    @Override
    public Request ibcast(Object buf, int offset, int count, int root) {
        return collectives.ibcast(buf, offset, count, root);
    }

    @Override
    public void scatter(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                        int recvCount, int root) {
        collectives.scatter(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
    }

    @Override
    public void scatterv(Object sendBuf, int sendOffset, int[] sendCounts, int[] displs, Object recvBuf,
                         int recvOffset, int recvCount, int root) {
        collectives.scatterv(sendBuf, sendOffset, sendCounts, displs, recvBuf, recvOffset, recvCount, root);
    }

    @Override
    public void gather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                       int recvCount, int root) {
        collectives.gather(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
    }

    @Override
    public void gatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                        int[] recvCounts, int[] displs, int root) {
        collectives.gatherv(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs, root);
    }

    @Override
    public void allgather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                          int recvCount) {
        collectives.allgather(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
    }

    @Override
    public void allgatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                           int[] recvCounts, int[] displs) {
        collectives.allgatherv(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs);
    }

    @Override
    public void alltoall(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset,
                         int recvCount) {
        collectives.alltoall(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
    }

    @Override
    public void alltoallv(Object sendBuf, int sendOffset, int[] sendCounts, int[] sendDispls, Object recvBuf,
                          int recvOffset, int[] recvCounts, int[] recvDispls) {
        collectives.alltoallv(sendBuf, sendOffset, sendCounts, sendDispls, recvBuf, recvOffset, recvCounts,
            recvDispls);
    }

    @Override
    public void reduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
                       int root) {
        collectives.reduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, root);
    }

    @Override
    public Request ireduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
                           int root) {
        return collectives.ireduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, root);
    }

    @Override
    public void allreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        collectives.allreduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op);
    }

    @Override
    public Request iallreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count,
                              Op op) {
        return collectives.iallreduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op);
    }

    @Override
    public void reduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts,
                              Op op) {
        collectives.reduceScatter(sendBuf, sendOffset, recvBuf, recvOffset, recvCounts, op);
    }

    @Override
    public void reduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset,
                                   int recvCount, Op op) {
        collectives.reduceScatterBlock(sendBuf, sendOffset, recvBuf, recvOffset, recvCount, op);
    }

    @Override
    public void scan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        collectives.scan(sendBuf, sendOffset, recvBuf, recvOffset, count, op);
    }

    @Override
    public void exscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        collectives.exscan(sendBuf, sendOffset, recvBuf, recvOffset, count, op);
    }

    @Override
    public Request iscatter(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount, int root) {
        return collectives.iscatter(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
    }

    @Override
    public Request iscatterv(Object sendBuf, int sendOffset, int[] sendCounts, int[] displs, Object recvBuf, int recvOffset, int recvCount, int root) {
        return collectives.iscatterv(sendBuf, sendOffset, sendCounts, displs, recvBuf, recvOffset, recvCount, root);
    }

    @Override
    public Request igather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount, int root) {
        return collectives.igather(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount, root);
    }

    @Override
    public Request igatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int[] recvCounts, int[] displs, int root) {
        return collectives.igatherv(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs, root);
    }

    @Override
    public Request iallgather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount) {
        return collectives.iallgather(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
    }

    @Override
    public Request iallgatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int[] recvCounts, int[] displs) {
        return collectives.iallgatherv(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCounts, displs);
    }

    @Override
    public Request ialltoall(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount) {
        return collectives.ialltoall(sendBuf, sendOffset, sendCount, recvBuf, recvOffset, recvCount);
    }

    @Override
    public Request ialltoallv(Object sendBuf, int sendOffset, int[] sendCounts, int[] sendDispls, Object recvBuf, int recvOffset, int[] recvCounts, int[] recvDispls) {
        return collectives.ialltoallv(sendBuf, sendOffset, sendCounts, sendDispls, recvBuf, recvOffset, recvCounts, recvDispls);
    }

    @Override
    public Request ireduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts, Op op) {
        return collectives.ireduceScatter(sendBuf, sendOffset, recvBuf, recvOffset, recvCounts, op);
    }

    @Override
    public Request ireduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount, Op op) {
        return collectives.ireduceScatterBlock(sendBuf, sendOffset, recvBuf, recvOffset, recvCount, op);
    }

    @Override
    public Request iscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return collectives.iscan(sendBuf, sendOffset, recvBuf, recvOffset, count, op);
    }

    @Override
    public Request iexscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return collectives.iexscan(sendBuf, sendOffset, recvBuf, recvOffset, count, op);
    }

    @Override
    public <T> T bcastObject(T value, int root) {
        return collectives.bcastObject(value, root);
    }

    @Override
    public <T> T scatterObject(List<T> values, int root) {
        return collectives.scatterObject(values, root);
    }

    @Override
    public <T> List<T> gatherObject(T value, int root) {
        return collectives.gatherObject(value, root);
    }

    @Override
    public <T> List<T> allgatherObject(T value) {
        return collectives.allgatherObject(value);
    }

    @Override
    public <T> List<T> alltoallObject(List<T> values) {
        return collectives.alltoallObject(values);
    }

    @Override
    public <T> T reduceObject(T value, BinaryOperator<T> combiner, int root) {
        return collectives.reduceObject(value, combiner, root);
    }

    @Override
    public <T> T allreduceObject(T value, BinaryOperator<T> combiner) {
        return collectives.allreduceObject(value, combiner);
    }

    // ------------------------------------------------------------------ new communicators

    @Override
    public Communicator dup() {
        return CommunicatorFactory.dup(this);
    }

    @Override
    public Communicator split(int color, int key) {
        return CommunicatorFactory.split(this, color, key);
    }

    @Override
    public Communicator create(Group group) {
        return CommunicatorFactory.create(this, group);
    }

    @Override
    public CartesianCommunicator createCartesian(int[] dims, boolean[] periods, boolean reorder) {
        return CommunicatorFactory.cartesian(this, dims, periods);
    }

    // ------------------------------------------------------------------ teardown

    @Override
    public void abort(int exitCode) {
        world.abort(exitCode, "");
    }

    /** Frees the communicator: later calls fail, its queues are released. Idempotent. */
    @Override
    public void close() {
        if (freed) {
            return;
        }
        freed = true;
        world.releaseContext(context);
        world.releaseContext(context + 1);
    }

    /**
     * Builds the header of a message from this rank. The payload's size travels with the
     * payload itself (the transport owns {@code total_bytes} for chunking).
     */
    Header.Builder header(Kind kind, int ctx, int tag, Datatype type, long count) {
        return Header.newBuilder()
            .setKind(kind)
            .setContext(ctx)
            .setSource(world.rank())
            .setTag(tag)
            .setDataType(WireTypes.toWire(type))
            .setCount(count);
    }

    /** Allocates a wire buffer and fills it from the user's buffer. */
    ByteBuf encode(Object buf, int offset, int count) {
        long bytes = Buffers.byteLength(buf, count);
        if (bytes > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("count=" + count + " (expected: at most "
                + Integer.MAX_VALUE + " bytes per message)");
        }
        return Buffers.encode(world.transport().allocator(), buf, offset, count, (int) bytes);
    }

    @Override
    public String toString() {
        return "Communicator[rank=" + rank + ", size=" + size() + ", context=" + context + "]";
    }
}
