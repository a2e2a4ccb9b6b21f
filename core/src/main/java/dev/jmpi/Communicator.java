package dev.jmpi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BinaryOperator;

/**
 * A group of ranks that talk to each other, with MPI's operations: point-to-point messages,
 * collectives, and ways to derive new communicators.
 *
 * <pre>{@code
 * try (Communicator world = Jmpi.init(args)) {
 *     double[] mine = new double[10];
 *     Arrays.fill(mine, world.rank() + 1);
 *     double[] sum = new double[10];
 *     world.reduce(mine, sum, Op.SUM, 0);
 *     if (world.rank() == 0) {
 *         System.out.println(Arrays.toString(sum));
 *     }
 * }
 * }</pre>
 *
 * <h2>Buffers</h2>
 * Typed buffers are Java primitive arrays ({@code byte[]}, {@code short[]}, {@code int[]},
 * {@code long[]}, {@code float[]}, {@code double[]}, {@code char[]}, {@code boolean[]}) with an
 * offset and a count in elements, or a {@link java.nio.ByteBuffer} (its bytes from position to
 * limit; a direct buffer is the zero-copy path). Anything else is rejected with an
 * {@link InvalidArgumentException} naming the accepted types. Objects travel with the
 * {@code *Object} methods and a {@link Codec}.
 *
 * <h2>Ordering and matching</h2>
 * Messages from one sender to one receiver on one communicator are never overtaken: two
 * sends that both match a receive are received in the order they were sent. Receives match
 * on (source, tag) with {@link #ANY_SOURCE} and {@link #ANY_TAG} wildcards. Collectives
 * travel on a context of their own and never match point-to-point receives.
 *
 * <h2>Threads</h2>
 * Thread level is MPI_THREAD_MULTIPLE for point-to-point: any number of threads may send
 * and receive on one communicator at once. Collective calls on one communicator must be
 * made in the same order on every rank (as in MPI); from one thread at a time per
 * communicator. A blocking collective never matches a non-blocking one (bcast with ibcast is
 * reported as a mismatch), as in MPI. Non-blocking operations start no thread: whichever
 * thread drives the transport's I/O (one waiting in {@code await}, calling
 * {@code test()}, or jmpi's progress daemon) advances them, so any number may be
 * outstanding. Futures they return are completed on that thread: dependent stages should
 * not block.
 *
 * <h2>Errors</h2>
 * Bad arguments throw {@link InvalidArgumentException} before anything is sent. A failed
 * peer, a timeout or an abort breaks the communicator: the pending operation and every
 * later one throw ({@link RankFailedException}, {@link JmpiTimeoutException},
 * {@link AbortedException}).
 */
public interface Communicator extends AutoCloseable {

    /** Wildcard source for receives and probes. */
    int ANY_SOURCE = -1;
    /** Wildcard tag for receives and probes. */
    int ANY_TAG = -1;
    /** The null rank: sends to it and receives from it complete at once, moving nothing. */
    int PROC_NULL = -2;
    /** Color for {@link #split} that leaves this rank out of every new communicator. */
    int UNDEFINED = -32766;
    /** Largest tag a user may use; tags run from 0 to TAG_UB. */
    int TAG_UB = (1 << 30) - 1;
    /** Pass as the send buffer of a collective to use the receive buffer in place. */
    Object IN_PLACE = InPlace.INSTANCE;

    // ---------------------------------------------------------------- identity

    /** This process's rank in the communicator, {@code 0 <= rank < size}. */
    int rank();

    /** Number of ranks in the communicator. */
    int size();

    /** The ranks of this communicator as a group. */
    Group group();

    /** The default deadline of every blocking operation on this communicator. */
    Duration timeout();

    /**
     * Sets the default deadline for blocking operations; {@link Duration#ZERO} means none.
     * An operation that exceeds it throws {@link JmpiTimeoutException} naming whom it
     * waited for, and the communicator is broken.
     */
    void setTimeout(Duration timeout);

    // ---------------------------------------------------------------- point-to-point

    /** Sends {@code count} elements of {@code buf} from {@code offset} to {@code dest}. */
    void send(Object buf, int offset, int count, int dest, int tag);

    /** Sends the whole array (or the ByteBuffer's remaining bytes). */
    default void send(Object buf, int dest, int tag) {
        send(buf, 0, dev.jmpi.core.internal.Buffers.lengthOf(buf), dest, tag);
    }

    /** Synchronous send: returns only once the receiver has matched the message. */
    void ssend(Object buf, int offset, int count, int dest, int tag);

    /**
     * Receives into {@code buf} at {@code offset}, at most {@code count} elements.
     *
     * @throws TruncationException if the message holds more than {@code count} elements
     */
    Status recv(Object buf, int offset, int count, int source, int tag);

    /** Receives into the whole array. */
    default Status recv(Object buf, int source, int tag) {
        return recv(buf, 0, dev.jmpi.core.internal.Buffers.lengthOf(buf), source, tag);
    }

    /** Starts a send; the buffer must not change until the request completes. */
    Request isend(Object buf, int offset, int count, int dest, int tag);

    /** Starts a synchronous send; completes when the receiver has matched it. */
    Request issend(Object buf, int offset, int count, int dest, int tag);

    /** Starts a receive into {@code buf}; read it only after the request completes. */
    Request irecv(Object buf, int offset, int count, int source, int tag);

    /**
     * Sends and receives at once, without deadlock whatever the order of the peers' calls
     * (the cookbook's ring exchange).
     */
    Status sendrecv(Object sendBuf, int sendOffset, int sendCount, int dest, int sendTag,
                    Object recvBuf, int recvOffset, int recvCount, int source, int recvTag);

    /** {@link #sendrecv} with one buffer: what is sent is replaced by what is received. */
    Status sendrecvReplace(Object buf, int offset, int count, int dest, int sendTag,
                           int source, int recvTag);

    /** Blocks until a matching message is available and describes it, without receiving. */
    Status probe(int source, int tag);

    /** Describes a matching message if one is available now. */
    Optional<Status> iprobe(int source, int tag);

    // ---------------------------------------------------------------- objects

    /** Sends an object encoded with its {@link Codec} (see {@link Codecs}). */
    void sendObject(Object value, int dest, int tag);

    /** Receives an object sent with {@link #sendObject}. */
    <T> T recvObject(int source, int tag);

    /** Receives an object together with its status. */
    <T> Received<T> recvObjectWithStatus(int source, int tag);

    /** Starts sending an object (it is encoded before this returns). */
    Request isendObject(Object value, int dest, int tag);

    /**
     * Starts receiving an object. The future is completed (with the decoded object) by the
     * thread that receives the message; its {@code get} and {@code join} drive the I/O.
     */
    <T> CompletableFuture<T> irecvObject(int source, int tag);

    // ---------------------------------------------------------------- collectives

    /** Blocks until every rank has called it. */
    void barrier();

    /** Non-blocking {@link #barrier()}. */
    Request ibarrier();

    /** Root's {@code count} elements from {@code offset} are copied to every rank's buffer. */
    void bcast(Object buf, int offset, int count, int root);

    /** Broadcasts the whole array. */
    default void bcast(Object buf, int root) {
        bcast(buf, 0, dev.jmpi.core.internal.Buffers.lengthOf(buf), root);
    }

    /** Non-blocking {@link #bcast(Object, int, int, int)}. */
    Request ibcast(Object buf, int offset, int count, int root);

    /**
     * Root's send buffer holds {@code size * sendCount} elements; rank i receives block i.
     * {@code sendBuf} is read only at the root; {@code recvBuf} may be {@link #IN_PLACE} at
     * the root (its block stays where it is).
     */
    void scatter(Object sendBuf, int sendOffset, int sendCount,
                 Object recvBuf, int recvOffset, int recvCount, int root);

    /** Scatter with per-rank counts and displacements (in elements, from sendOffset). */
    void scatterv(Object sendBuf, int sendOffset, int[] sendCounts, int[] displs,
                  Object recvBuf, int recvOffset, int recvCount, int root);

    /**
     * Every rank's {@code sendCount} elements land in the root's buffer, rank i's block at
     * {@code recvOffset + i * recvCount}. {@code sendBuf} may be {@link #IN_PLACE} at the root.
     */
    void gather(Object sendBuf, int sendOffset, int sendCount,
                Object recvBuf, int recvOffset, int recvCount, int root);

    /** Gather with per-rank counts and displacements. */
    void gatherv(Object sendBuf, int sendOffset, int sendCount,
                 Object recvBuf, int recvOffset, int[] recvCounts, int[] displs, int root);

    /** Gather to every rank. {@code sendBuf} may be {@link #IN_PLACE}. */
    void allgather(Object sendBuf, int sendOffset, int sendCount,
                   Object recvBuf, int recvOffset, int recvCount);

    /** Allgather with per-rank counts and displacements. */
    void allgatherv(Object sendBuf, int sendOffset, int sendCount,
                    Object recvBuf, int recvOffset, int[] recvCounts, int[] displs);

    /** Block j of rank i's send buffer goes to block i of rank j's receive buffer. */
    void alltoall(Object sendBuf, int sendOffset, int sendCount,
                  Object recvBuf, int recvOffset, int recvCount);

    /** Alltoall with per-rank counts and displacements. */
    void alltoallv(Object sendBuf, int sendOffset, int[] sendCounts, int[] sendDispls,
                   Object recvBuf, int recvOffset, int[] recvCounts, int[] recvDispls);

    /**
     * Combines {@code count} elements from every rank with {@code op}; the result lands at
     * the root. {@code sendBuf} may be {@link #IN_PLACE} at the root. {@code recvBuf} is
     * only used at the root (may be {@code null} elsewhere).
     */
    void reduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count,
                Op op, int root);

    /** Reduces whole arrays: {@code count} is the send array's length. */
    default void reduce(Object sendBuf, Object recvBuf, Op op, int root) {
        reduce(sendBuf, 0, recvBuf, 0,
            dev.jmpi.core.internal.Buffers.lengthOf(sendBuf == IN_PLACE ? recvBuf : sendBuf), op, root);
    }

    /** Non-blocking reduce. */
    Request ireduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count,
                    Op op, int root);

    /**
     * Reduce whose result lands on every rank, bitwise identical everywhere.
     * {@code sendBuf} may be {@link #IN_PLACE}.
     */
    void allreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count,
                   Op op);

    /** Allreduces whole arrays. */
    default void allreduce(Object sendBuf, Object recvBuf, Op op) {
        allreduce(sendBuf, 0, recvBuf, 0,
            dev.jmpi.core.internal.Buffers.lengthOf(sendBuf == IN_PLACE ? recvBuf : sendBuf), op);
    }

    /** Non-blocking allreduce. */
    Request iallreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset,
                       int count, Op op);

    /**
     * Reduces {@code sum(recvCounts)} elements and scatters the result: rank i receives
     * {@code recvCounts[i]} elements. {@code sendBuf} may be {@link #IN_PLACE}.
     */
    void reduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset,
                       int[] recvCounts, Op op);

    /** {@link #reduceScatter} where every rank receives {@code recvCount} elements. */
    void reduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset,
                            int recvCount, Op op);

    /** Inclusive prefix reduction: rank i receives the combination of ranks 0..i. */
    void scan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op);

    /**
     * Exclusive prefix reduction: rank i receives the combination of ranks 0..i-1; rank 0's
     * receive buffer is left unchanged.
     */
    void exscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count,
                Op op);

    /** Non-blocking {@link #scatter}: buffers must not be touched until the request completes. */
    Request iscatter(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount, int root);

    /** Non-blocking {@link #scatterv}: buffers must not be touched until the request completes. */
    Request iscatterv(Object sendBuf, int sendOffset, int[] sendCounts, int[] displs, Object recvBuf, int recvOffset, int recvCount, int root);

    /** Non-blocking {@link #gather}: buffers must not be touched until the request completes. */
    Request igather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount, int root);

    /** Non-blocking {@link #gatherv}: buffers must not be touched until the request completes. */
    Request igatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int[] recvCounts, int[] displs, int root);

    /** Non-blocking {@link #allgather}: buffers must not be touched until the request completes. */
    Request iallgather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount);

    /** Non-blocking {@link #allgatherv}: buffers must not be touched until the request completes. */
    Request iallgatherv(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int[] recvCounts, int[] displs);

    /** Non-blocking {@link #alltoall}: buffers must not be touched until the request completes. */
    Request ialltoall(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount);

    /** Non-blocking {@link #alltoallv}: buffers must not be touched until the request completes. */
    Request ialltoallv(Object sendBuf, int sendOffset, int[] sendCounts, int[] sendDispls, Object recvBuf, int recvOffset, int[] recvCounts, int[] recvDispls);

    /** Non-blocking {@link #reduceScatter}: buffers must not be touched until the request completes. */
    Request ireduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts, Op op);

    /** Non-blocking {@link #reduceScatterBlock}: buffers must not be touched until the request completes. */
    Request ireduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount, Op op);

    /** Non-blocking {@link #scan}: buffers must not be touched until the request completes. */
    Request iscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op);

    /** Non-blocking {@link #exscan}: buffers must not be touched until the request completes. */
    Request iexscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op);

    // ---------------------------------------------------------------- object collectives

    /** Root's object, to every rank. */
    <T> T bcastObject(T value, int root);

    /** Root's list (one entry per rank), entry i to rank i. */
    <T> T scatterObject(List<T> values, int root);

    /** Every rank's object, as a list in rank order at the root ({@code null} elsewhere). */
    <T> List<T> gatherObject(T value, int root);

    /** Every rank's object, as a list in rank order on every rank. */
    <T> List<T> allgatherObject(T value);

    /** Entry j of rank i's list goes to rank j, which gets a list in rank order. */
    <T> List<T> alltoallObject(List<T> values);

    /**
     * Combines every rank's object with {@code combiner} in rank order
     * ({@code ((v0 + v1) + v2) + ...}); result at the root, {@code null} elsewhere.
     */
    <T> T reduceObject(T value, BinaryOperator<T> combiner, int root);

    /** {@link #reduceObject} with the result on every rank. */
    <T> T allreduceObject(T value, BinaryOperator<T> combiner);

    // ---------------------------------------------------------------- new communicators

    /** A communicator with the same ranks and a fresh context. Collective. */
    Communicator dup();

    /**
     * Partitions ranks by {@code color}, ordered by {@code key} then old rank. Collective.
     * Returns {@code null} for ranks that pass {@link #UNDEFINED}.
     */
    Communicator split(int color, int key);

    /**
     * A communicator of the ranks in {@code group} (a subgroup of this one). Collective over
     * this communicator; returns {@code null} on ranks outside the group.
     */
    Communicator create(Group group);

    /**
     * A Cartesian grid over this communicator's ranks. Collective. Returns {@code null} on
     * ranks left out when the grid has fewer cells than the communicator has ranks.
     *
     * @param dims    extent of each dimension, product at most {@link #size()}
     * @param periods whether each dimension wraps around
     * @param reorder whether ranks may be renumbered (jmpi keeps the order)
     */
    CartesianCommunicator createCartesian(int[] dims, boolean[] periods, boolean reorder);

    // ---------------------------------------------------------------- teardown

    /**
     * Ends the whole job: every rank's pending and later operations fail with
     * {@link AbortedException}; a launched process exits with {@code exitCode}.
     */
    void abort(int exitCode);

    /**
     * Frees the communicator. On the world communicator this is MPI_Finalize: it waits for
     * outstanding sends, says goodbye to every peer, and releases the transport.
     */
    @Override
    void close();

    /** Object received together with its status. */
    record Received<T>(T value, Status status) {
    }
}
