package dev.jmpi.core.internal;

import dev.jmpi.CartesianCommunicator;
import dev.jmpi.Communicator;
import dev.jmpi.Comparison;
import dev.jmpi.Datatype;
import dev.jmpi.Group;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Message;
import dev.jmpi.ObjectRequest;
import dev.jmpi.PersistentRequest;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.core.algorithm.Collectives;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The communicator: point-to-point messaging on its own context, collectives (inherited from
 * {@link Collectives}, over the channel {@link #begin} gives) on a second context, and
 * derived communicators.
 *
 * <p>Threads: point-to-point calls are safe from any thread; collective calls must come in
 * the same order on every rank.
 */
public class CommunicatorImpl extends Collectives {

    private final World world;
    private final int context;
    private final int[] worldRanks;
    private final int[] commRankOfWorld;
    private final int rank;
    private final ContextQueues p2p;
    private final ContextQueues coll;
    private final PointToPoint pointToPoint;
    private volatile long timeoutNanos;
    private int collectiveSequence;
    private volatile boolean freed;

    /**
     * A communicator over {@code worldRanks} (comm rank i is world rank worldRanks[i]) on
     * contexts {@code context} (point-to-point) and {@code context + 1} (collectives).
     */
    public CommunicatorImpl(World world, int context, int[] worldRanks, Duration timeout) {
        super(world.config().algorithms(), world.scratch());
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
        return worldRanks.length == world.size()
                ? "rank " + rank + ": "
                : "rank " + rank + " (world rank " + world.rank() + "): ";
    }

    @Override
    public String describeRank(int r) {
        return worldRanks.length == world.size() ? "rank " + r : "rank " + r + " (world rank " + worldRanks[r] + ")";
    }

    Status statusOf(InboundMessage m) {
        Datatype t = WireTypes.fromWire(m.header().getDataType());
        return new Status(commRankOf(m.sourceWorldRank()), m.tag(), (int) (m.messageBytes() / t.sizeBytes()), t, false);
    }

    /**
     * Fails {@code operation} (described with its rank prefix, {@code "rank 0: send(...)"})
     * if this communicator was closed, the world finalized, or the job is broken. The
     * description is formatted ({@code toString()}) only if the check fails.
     */
    void checkUsable(Object operation) {
        if (freed) {
            throw new dev.jmpi.JmpiException(operation + " on a communicator that was closed", false);
        }
        if (world.finalizedHere()) {
            throw new dev.jmpi.JmpiException(operation + " after the world communicator was closed (finalized)", false);
        }
        Breakage b = world.breakage();
        if (b != null) {
            throw b.toException(operation.toString());
        }
    }

    @Override
    public dev.jmpi.Statistics statistics() {
        dev.jmpi.core.observe.Recorder r = world.recorder();
        return r.enabled()
                ? r.statistics()
                : new dev.jmpi.Statistics(world.rank(), false, Duration.ZERO, java.util.List.of());
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
    public Status sendrecv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            int dest,
            int sendTag,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int source,
            int recvTag) {
        Request r = pointToPoint.irecv(recvBuf, recvOffset, recvCount, source, recvTag, "sendrecv");
        pointToPoint.send(sendBuf, sendOffset, sendCount, dest, sendTag, false).await();
        return r.await();
    }

    @Override
    public Status sendrecvReplace(Object buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
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

    @Override
    public Message mprobe(int source, int tag) {
        return pointToPoint.mprobe(source, tag, true).orElseThrow();
    }

    @Override
    public Optional<Message> improbe(int source, int tag) {
        return pointToPoint.mprobe(source, tag, false);
    }

    @Override
    public Status mrecv(Object buf, int offset, int count, Message message) {
        return pointToPoint.mrecv(buf, offset, count, message, "mrecv").await();
    }

    @Override
    public Request imrecv(Object buf, int offset, int count, Message message) {
        return pointToPoint.mrecv(buf, offset, count, message, "imrecv");
    }

    @Override
    public <T> T mrecvObject(Message message) {
        return pointToPoint.<T>mrecvObject(message, "mrecvObject").get();
    }

    @Override
    public Request isendrecv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            int dest,
            int sendTag,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int source,
            int recvTag) {
        // The send's arguments first: a bad one must not leave the receive posted.
        pointToPoint.checkPersistent(sendBuf, sendOffset, sendCount, dest, sendTag, false);
        Request r = pointToPoint.irecv(recvBuf, recvOffset, recvCount, source, recvTag, "isendrecv");
        Request s = pointToPoint.send(sendBuf, sendOffset, sendCount, dest, sendTag, false);
        return new SendRecvRequest(
                s, r, OpText.lazily(() -> who() + "isendrecv(dest=" + dest + ", source=" + source + ")"));
    }

    @Override
    public Request isendrecvReplace(Object buf, int offset, int count, int dest, int sendTag, int source, int recvTag) {
        pointToPoint.checkPersistent(buf, offset, count, dest, sendTag, false);
        Object copy = Copies.copyOf(buf, offset, count);
        Request r = pointToPoint.irecv(buf, offset, count, source, recvTag, "isendrecvReplace");
        Request s = pointToPoint.send(copy, 0, count, dest, sendTag, false);
        return new SendRecvRequest(
                s, r, OpText.lazily(() -> who() + "isendrecvReplace(dest=" + dest + ", source=" + source + ")"));
    }

    @Override
    public PersistentRequest sendInit(Object buf, int offset, int count, int dest, int tag) {
        pointToPoint.checkPersistent(buf, offset, count, dest, tag, false);
        return new PersistentRequestImpl(
                () -> pointToPoint.send(buf, offset, count, dest, tag, false),
                who() + "sendInit(dest=" + dest + ", tag=" + tag + ")");
    }

    @Override
    public PersistentRequest ssendInit(Object buf, int offset, int count, int dest, int tag) {
        pointToPoint.checkPersistent(buf, offset, count, dest, tag, false);
        return new PersistentRequestImpl(
                () -> pointToPoint.send(buf, offset, count, dest, tag, true),
                who() + "ssendInit(dest=" + dest + ", tag=" + tag + ")");
    }

    @Override
    public PersistentRequest recvInit(Object buf, int offset, int count, int source, int tag) {
        pointToPoint.checkPersistent(buf, offset, count, source, tag, true);
        return new PersistentRequestImpl(
                () -> pointToPoint.irecv(buf, offset, count, source, tag, "recvInit"),
                who() + "recvInit(source=" + source + ", tag=" + tag + ")");
    }

    @Override
    public Comparison compare(Communicator other) {
        if (other instanceof CommunicatorImpl o && o.world == world && o.context == context) {
            return Comparison.IDENTICAL;
        }
        if (other == null) {
            throw new InvalidArgumentException("other=null (expected: a communicator)");
        }
        Comparison groups = group().compare(other.group());
        return groups == Comparison.IDENTICAL ? Comparison.CONGRUENT : groups;
    }

    // ------------------------------------------------------------------ objects

    @Override
    public void sendObject(@Nullable Object value, int dest, int tag) {
        byte[] bytes = ObjectCodec.encode(value);
        send(bytes, 0, bytes.length, dest, tag);
    }

    @Override
    public <T> T recvObject(int source, int tag) {
        return this.<T>recvObjectWithStatus(source, tag).value();
    }

    @Override
    public <T> Received<T> recvObjectWithStatus(int source, int tag) {
        // A matched probe, not probe-then-recv: another thread receiving from the same
        // source and tag could take the probed message between the two.
        Message m = pointToPoint.mprobe(source, tag, true).orElseThrow();
        ObjectReceive<T> r = pointToPoint.mrecvObject(m, "recvObjectWithStatus");
        T value = r.get();
        return new Received<>(value, r.await()); // completed: get() returned
    }

    @Override
    public Request isendObject(@Nullable Object value, int dest, int tag) {
        byte[] bytes = ObjectCodec.encode(value);
        return isend(bytes, 0, bytes.length, dest, tag);
    }

    @Override
    public <T> ObjectRequest<T> irecvObject(int source, int tag) {
        return pointToPoint.<T>irecvObject(source, tag);
    }

    // ------------------------------------------------------------------ collectives

    @Override
    public synchronized CollectiveCall begin(CollectiveSignature.Builder signature) {
        checkUsable(OpText.call(this, signature.getOperation()));
        int seq = ++collectiveSequence & ((1 << (31 - ContextQueues.STEP_BITS)) - 1);
        CollectiveSignature sig = signature.setSequence(collectiveSequence).build();
        coll.beginCollective(seq, sig);
        return new CollectiveChannel(this, sig, seq);
    }

    // ------------------------------------------------------------------ new communicators

    @Override
    public Communicator dup() {
        return CommunicatorFactory.dup(this);
    }

    @Override
    public Optional<Communicator> split(int color, int key) {
        return CommunicatorFactory.split(this, color, key);
    }

    @Override
    public Optional<Communicator> create(Group group) {
        return CommunicatorFactory.create(this, group);
    }

    @Override
    public Communicator createFromGroup(Group group, int tag) {
        return CommunicatorFactory.createFromGroup(this, group, tag);
    }

    @Override
    public Optional<CartesianCommunicator> createCartesian(int[] dims, boolean[] periods, boolean reorder) {
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
        // The contexts createFromGroup's agreements ran on, if any (see CommunicatorFactory).
        world.releaseContext(-context - 2);
        world.releaseContext(-context - 1);
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
            throw new InvalidArgumentException(
                    "count=" + count + " (expected: at most " + Integer.MAX_VALUE + " bytes per message)");
        }
        return Buffers.encode(world.transport().allocator(), buf, offset, count, (int) bytes);
    }

    @Override
    public String toString() {
        return "Communicator[rank=" + rank + ", size=" + size() + ", context=" + context + "]";
    }
}
