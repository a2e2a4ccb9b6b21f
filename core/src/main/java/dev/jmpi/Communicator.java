package dev.jmpi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.Nullable;

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

    /**
     * This process's rank in the communicator, {@code 0 <= rank < size}.
     *
     * @return this process's rank in the communicator, {@code 0 <= rank < size}
     */
    int rank();

    /**
     * Number of ranks in the communicator.
     *
     * @return the number of ranks in the communicator
     */
    int size();

    /**
     * The ranks of this communicator as a group.
     *
     * @return the ranks of this communicator as a group
     */
    Group group();

    /**
     * How this communicator relates to {@code other} ({@code MPI_Comm_compare}):
     * {@link Comparison#IDENTICAL} if both are the same communicator, {@link
     * Comparison#CONGRUENT} if they are different communicators over identical groups (a
     * {@link #dup()}), {@link Comparison#SIMILAR} if their groups hold the same ranks in
     * another order, else {@link Comparison#UNEQUAL}. Local: nothing is sent.
     *
     * @param other the communicator to compare with
     * @return how the two communicators relate
     */
    default Comparison compare(Communicator other) {
        if (other == null) {
            throw new InvalidArgumentException("other=null (expected: a communicator)");
        }
        if (other == this) {
            return Comparison.IDENTICAL;
        }
        Comparison groups = group().compare(other.group());
        return groups == Comparison.IDENTICAL ? Comparison.CONGRUENT : groups;
    }

    /**
     * The default deadline of every blocking operation on this communicator.
     *
     * @return the default deadline of every blocking operation; {@link Duration#ZERO} for none
     */
    Duration timeout();

    /**
     * Sets the default deadline for blocking operations; {@link Duration#ZERO} means none.
     * An operation that exceeds it throws {@link JmpiTimeoutException} naming whom it
     * waited for, and the communicator is broken.
     *
     * @param timeout the default deadline; {@link Duration#ZERO} for none
     */
    void setTimeout(Duration timeout);

    /**
     * What this rank did inside jmpi so far, per operation (calls, bytes, time): the whole
     * rank's traffic, on every communicator. Recorded only with statistics on
     * ({@code jmpirun --stats}, {@code JMPI_STATS=1}); otherwise not recording and empty.
     *
     * @return this rank's statistics, a value
     */
    default Statistics statistics() {
        return new Statistics(-1, false, Duration.ZERO, java.util.List.of());
    }
    // ---------------------------------------------------------------- point-to-point

    /**
     * Sends {@code count} elements of {@code buf} from {@code offset} to {@code dest}.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param tag the tag, {@code 0 <= tag <= }{@link Communicator#TAG_UB}
     */
    void send(Object buf, int offset, int count, int dest, int tag);

    /**
     * Sends the whole array (or the ByteBuffer's remaining bytes).
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param tag the tag, {@code 0 <= tag <= }{@link Communicator#TAG_UB}
     */
    default void send(Object buf, int dest, int tag) {
        send(buf, 0, dev.jmpi.core.internal.Buffers.lengthOf(buf), dest, tag);
    }

    /**
     * Synchronous send: returns only once the receiver has matched the message.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param tag the tag, {@code 0 <= tag <= }{@link Communicator#TAG_UB}
     */
    void ssend(Object buf, int offset, int count, int dest, int tag);

    /**
     * Receives into {@code buf} at {@code offset}, at most {@code count} elements.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the most elements to receive
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param tag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the source, tag and element count of the message received
     * @throws TruncationException if the message holds more than {@code count} elements
     */
    Status recv(Object buf, int offset, int count, int source, int tag);

    /**
     * Receives into the whole array.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param tag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the source, tag and element count of the message received
     */
    default Status recv(Object buf, int source, int tag) {
        return recv(buf, 0, dev.jmpi.core.internal.Buffers.lengthOf(buf), source, tag);
    }

    /**
     * Starts a send; the buffer must not change until the request completes.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param tag the tag, {@code 0 <= tag <= }{@link Communicator#TAG_UB}
     * @return the request that completes when the buffer may be reused
     */
    Request isend(Object buf, int offset, int count, int dest, int tag);

    /**
     * Starts a synchronous send; completes when the receiver has matched it.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param tag the tag, {@code 0 <= tag <= }{@link Communicator#TAG_UB}
     * @return the request that completes when the receiver has matched the message
     */
    Request issend(Object buf, int offset, int count, int dest, int tag);

    /**
     * Starts a receive into {@code buf}; read it only after the request completes.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the most elements to receive
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param tag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the request that completes with the status of the message received
     */
    Request irecv(Object buf, int offset, int count, int source, int tag);

    /**
     * Sends and receives at once, without deadlock whatever the order of the peers' calls
     * (the cookbook's ring exchange).
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements to send
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param sendTag the tag of the message sent
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the most elements to receive
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param recvTag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the status of the message received
     */
    Status sendrecv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            int dest,
            int sendTag,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int source,
            int recvTag);

    /**
     * {@link #sendrecv} with one buffer: what is sent is replaced by what is received.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements sent, and the most received
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param sendTag the tag of the message sent
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param recvTag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the status of the message received
     */
    Status sendrecvReplace(Object buf, int offset, int count, int dest, int sendTag, int source, int recvTag);

    /**
     * Non-blocking {@link #sendrecv} ({@code MPI_Isendrecv}, MPI 4): posts the receive, then
     * starts the send. Neither buffer may be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements to send
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param sendTag the tag of the message sent
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the most elements to receive
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param recvTag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the request that completes when both the send and the receive have; its status
     *     is the receive's
     */
    Request isendrecv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            int dest,
            int sendTag,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int source,
            int recvTag);

    /**
     * Non-blocking {@link #sendrecvReplace} ({@code MPI_Isendrecv_replace}, MPI 4): the
     * elements to send are copied before this returns; the buffer receives and must not be
     * read until the request completes.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements sent, and the most received
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param sendTag the tag of the message sent
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param recvTag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the request that completes when both the send and the receive have; its status
     *     is the receive's
     */
    Request isendrecvReplace(Object buf, int offset, int count, int dest, int sendTag, int source, int recvTag);

    /**
     * A persistent standard send ({@code MPI_Send_init}): the arguments are checked now, and
     * each {@link PersistentRequest#start()} sends the buffer's current contents.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param tag the tag, {@code 0 <= tag <= }{@link Communicator#TAG_UB}
     * @return an inactive persistent request
     */
    PersistentRequest sendInit(Object buf, int offset, int count, int dest, int tag);

    /**
     * A persistent synchronous send ({@code MPI_Ssend_init}): each start completes when the
     * receiver has matched that message.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param tag the tag, {@code 0 <= tag <= }{@link Communicator#TAG_UB}
     * @return an inactive persistent request
     */
    PersistentRequest ssendInit(Object buf, int offset, int count, int dest, int tag);

    /**
     * A persistent receive ({@code MPI_Recv_init}): each {@link PersistentRequest#start()}
     * posts a receive into the buffer.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the most elements to receive
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param tag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return an inactive persistent request
     */
    PersistentRequest recvInit(Object buf, int offset, int count, int source, int tag);

    /**
     * Blocks until a matching message is available and describes it, without receiving.
     *
     * @param source the rank to match, or {@link Communicator#ANY_SOURCE}
     * @param tag the tag to match, or {@link Communicator#ANY_TAG}
     * @return the source, tag and element count of the message
     */
    Status probe(int source, int tag);

    /**
     * Describes a matching message if one is available now.
     *
     * @param source the rank to match, or {@link Communicator#ANY_SOURCE}
     * @param tag the tag to match, or {@link Communicator#ANY_TAG}
     * @return the status of a matching message, or empty if none has arrived
     */
    Optional<Status> iprobe(int source, int tag);

    /**
     * Matched probe ({@code MPI_Mprobe}): blocks until a matching message is available and
     * takes it out of matching, so that no other receive or probe, on any thread, can take
     * it; receive it with {@link #mrecv}, {@link #imrecv} or {@link #mrecvObject}. Unlike
     * {@link #probe} followed by {@link #recv}, two threads cannot race for one message.
     *
     * @param source the rank to match, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL} (which matches at once a message with {@link Status#procNull()})
     * @param tag the tag to match, or {@link Communicator#ANY_TAG}
     * @return the matched message, to be received exactly once
     */
    Message mprobe(int source, int tag);

    /**
     * Matched probe that does not block ({@code MPI_Improbe}): takes a matching message out of
     * matching if one is available now.
     *
     * @param source the rank to match, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param tag the tag to match, or {@link Communicator#ANY_TAG}
     * @return the matched message, to be received exactly once; empty if none has arrived
     */
    Optional<Message> improbe(int source, int tag);

    /**
     * Receives a message matched by {@link #mprobe} or {@link #improbe} ({@code MPI_Mrecv}).
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the most elements to receive
     * @param message the matched message, from this communicator, not received before
     * @return the source, tag and element count of the message received
     * @throws TruncationException if the message holds more than {@code count} elements (the
     *     message is consumed all the same)
     */
    Status mrecv(Object buf, int offset, int count, Message message);

    /**
     * Starts receiving a message matched by {@link #mprobe} or {@link #improbe}
     * ({@code MPI_Imrecv}); read the buffer only after the request completes.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the most elements to receive
     * @param message the matched message, from this communicator, not received before
     * @return the request that completes with the status of the message received
     */
    Request imrecv(Object buf, int offset, int count, Message message);

    /**
     * Receives an object sent with {@link #sendObject} whose message was matched by
     * {@link #mprobe} or {@link #improbe}.
     *
     * @param <T> the type of the object expected
     * @param message the matched message, from this communicator, not received before
     * @return the object received; {@code null} if {@code null} was sent or the message is
     *     {@link Communicator#PROC_NULL}'s (choose a nullable {@code T} where either can happen)
     */
    <T extends @Nullable Object> T mrecvObject(Message message);

    // ---------------------------------------------------------------- objects

    /**
     * Sends an object encoded with its {@link Codec} (see {@link Codecs}).
     *
     * @param value the object to send, encoded with its {@link Codec}
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param tag the tag, {@code 0 <= tag <= }{@link Communicator#TAG_UB}
     */
    void sendObject(@Nullable Object value, int dest, int tag);

    /**
     * Receives an object sent with {@link #sendObject} (or {@link #isendObject}).
     *
     * @param <T> the type of the object expected
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param tag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the object received; {@code null} if {@code null} was sent or the source was
     *     {@link Communicator#PROC_NULL} (choose a nullable {@code T} where either can happen)
     */
    <T extends @Nullable Object> T recvObject(int source, int tag);

    /**
     * Receives an object together with its status. Safe when several threads receive from
     * the same source and tag: the message is taken with a matched probe ({@link #mprobe}).
     *
     * @param <T> the type of the object expected
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param tag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the object received and the status of its message
     */
    <T extends @Nullable Object> Received<T> recvObjectWithStatus(int source, int tag);

    /**
     * Starts sending an object (it is encoded before this returns).
     *
     * @param value the object to send, encoded with its {@link Codec}
     * @param dest the rank to send to, or {@link Communicator#PROC_NULL}
     * @param tag the tag, {@code 0 <= tag <= }{@link Communicator#TAG_UB}
     * @return the request that completes when the object is sent
     */
    Request isendObject(@Nullable Object value, int dest, int tag);

    /**
     * Starts receiving an object, of any size (large ones travel by rendezvous). The thread
     * that receives the message decodes it; {@link ObjectRequest#get()} waits for it, and
     * {@link ObjectRequest#valueFuture()} gives it asynchronously.
     *
     * @param <T> the type of the object expected
     * @param source the rank to receive from, {@link Communicator#ANY_SOURCE} or {@link
     *     Communicator#PROC_NULL}
     * @param tag the tag to receive, or {@link Communicator#ANY_TAG}
     * @return the request of the receive, holding the object once it completes
     */
    <T extends @Nullable Object> ObjectRequest<T> irecvObject(int source, int tag);

    // ---------------------------------------------------------------- collectives

    /** Blocks until every rank has called it. */
    void barrier();

    /**
     * Non-blocking {@link #barrier()}.
     *
     * @return the request that completes when every rank has called it
     */
    Request ibarrier();

    /**
     * Root's {@code count} elements from {@code offset} are copied to every rank's buffer.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements
     * @param root the rank whose elements are broadcast, the same on every rank
     */
    void bcast(Object buf, int offset, int count, int root);

    /**
     * Broadcasts the whole array.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param root the rank whose elements are broadcast, the same on every rank
     */
    default void bcast(Object buf, int root) {
        bcast(buf, 0, dev.jmpi.core.internal.Buffers.lengthOf(buf), root);
    }

    /**
     * Non-blocking {@link #bcast(Object, int, int, int)}.
     *
     * @param buf the buffer: a primitive array or a {@link java.nio.ByteBuffer}
     * @param offset the index of the first element in {@code buf}
     * @param count the number of elements
     * @param root the rank whose elements are broadcast, the same on every rank
     * @return the request of the operation
     */
    Request ibcast(Object buf, int offset, int count, int root);

    /**
     * Root's send buffer holds {@code size * sendCount} elements; rank i receives block i.
     * {@code sendBuf} is read only at the root; {@code recvBuf} may be {@link #IN_PLACE} at
     * the root (its block stays where it is).
     *
     * @param sendBuf the root's elements for every rank, in rank order (read only at the root)
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements for each rank (read at the root)
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements this rank receives
     * @param root the root rank, {@code 0 <= root < size}, the same on every rank
     */
    void scatter(
            @Nullable Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root);

    /**
     * Scatter with per-rank counts and displacements (in elements, from sendOffset).
     *
     * @param sendBuf the root's elements for every rank (read only at the root)
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCounts the number of elements for each rank, indexed by rank
     * @param displs where each rank's block starts in {@code sendBuf}, in elements from {@code
     *     sendOffset}, indexed by rank
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements this rank receives
     * @param root the root rank, {@code 0 <= root < size}, the same on every rank
     */
    void scatterv(
            @Nullable Object sendBuf,
            int sendOffset,
            int @Nullable [] sendCounts,
            int @Nullable [] displs,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root);

    /**
     * Every rank's {@code sendCount} elements land in the root's buffer, rank i's block at
     * {@code recvOffset + i * recvCount}. {@code sendBuf} may be {@link #IN_PLACE} at the root.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements this rank sends
     * @param recvBuf the root's buffer for every rank's block (used only at the root)
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements from each rank (read at the root)
     * @param root the root rank, {@code 0 <= root < size}, the same on every rank
     */
    void gather(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int recvCount,
            int root);

    /**
     * Gather with per-rank counts and displacements.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements this rank sends
     * @param recvBuf the root's buffer for every rank's block (used only at the root)
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCounts the number of elements from each rank, indexed by rank
     * @param displs where each rank's block lands in {@code recvBuf}, in elements from {@code
     *     recvOffset}, indexed by rank
     * @param root the root rank, {@code 0 <= root < size}, the same on every rank
     */
    void gatherv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int @Nullable [] recvCounts,
            int @Nullable [] displs,
            int root);

    /**
     * Gather to every rank. {@code sendBuf} may be {@link #IN_PLACE}.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements this rank sends
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements from each rank
     */
    void allgather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount);

    /**
     * Allgather with per-rank counts and displacements.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements this rank sends
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCounts the number of elements from each rank, indexed by rank
     * @param displs where each rank's block lands in {@code recvBuf}, in elements from {@code
     *     recvOffset}, indexed by rank
     */
    void allgatherv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] displs);

    /**
     * Block j of rank i's send buffer goes to block i of rank j's receive buffer.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements for each rank
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements from each rank
     */
    void alltoall(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount);

    /**
     * Alltoall with per-rank counts and displacements.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCounts the number of elements for each rank, indexed by rank
     * @param sendDispls where the block for each rank starts in {@code sendBuf}, in elements from
     *     {@code sendOffset}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCounts the number of elements from each rank, indexed by rank
     * @param recvDispls where the block from each rank lands in {@code recvBuf}, in elements from
     *     {@code recvOffset}
     */
    void alltoallv(
            Object sendBuf,
            int sendOffset,
            int[] sendCounts,
            int[] sendDispls,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] recvDispls);

    /**
     * Combines {@code count} elements from every rank with {@code op}; the result lands at
     * the root. {@code sendBuf} may be {@link #IN_PLACE} at the root. {@code recvBuf} is
     * only used at the root (may be {@code null} elsewhere).
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer for the result (used only at the root)
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param count the number of elements in each operand
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     * @param root the rank that receives the result, the same on every rank
     */
    void reduce(Object sendBuf, int sendOffset, @Nullable Object recvBuf, int recvOffset, int count, Op op, int root);

    /**
     * Reduces whole arrays: {@code count} is the send array's length.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvBuf the buffer for the result (used only at the root)
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     * @param root the rank that receives the result, the same on every rank
     */
    default void reduce(Object sendBuf, @Nullable Object recvBuf, Op op, int root) {
        reduce(
                sendBuf,
                0,
                recvBuf,
                0,
                dev.jmpi.core.internal.Buffers.lengthOf(sendBuf == IN_PLACE ? recvBuf : sendBuf),
                op,
                root);
    }

    /**
     * Non-blocking reduce.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer for the result (used only at the root)
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param count the number of elements in each operand
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     * @param root the rank that receives the result, the same on every rank
     * @return the request of the operation
     */
    Request ireduce(
            Object sendBuf, int sendOffset, @Nullable Object recvBuf, int recvOffset, int count, Op op, int root);

    /**
     * Reduce whose result lands on every rank, bitwise identical everywhere.
     * {@code sendBuf} may be {@link #IN_PLACE}.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer for the result
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param count the number of elements in each operand
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     */
    void allreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op);

    /**
     * Allreduces whole arrays.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvBuf the buffer for the result
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     */
    default void allreduce(Object sendBuf, Object recvBuf, Op op) {
        allreduce(
                sendBuf,
                0,
                recvBuf,
                0,
                dev.jmpi.core.internal.Buffers.lengthOf(sendBuf == IN_PLACE ? recvBuf : sendBuf),
                op);
    }

    /**
     * Non-blocking allreduce.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer for the result
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param count the number of elements in each operand
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     * @return the request of the operation
     */
    Request iallreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op);

    /**
     * Reduces {@code sum(recvCounts)} elements and scatters the result: rank i receives
     * {@code recvCounts[i]} elements. {@code sendBuf} may be {@link #IN_PLACE}.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCounts the number of result elements each rank receives, indexed by rank
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     */
    void reduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts, Op op);

    /**
     * {@link #reduceScatter} where every rank receives {@code recvCount} elements.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of result elements every rank receives
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     */
    void reduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount, Op op);

    /**
     * Inclusive prefix reduction: rank i receives the combination of ranks 0..i.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param count the number of elements in each operand
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     */
    void scan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op);

    /**
     * Exclusive prefix reduction: rank i receives the combination of ranks 0..i-1; rank 0's
     * receive buffer is left unchanged.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param count the number of elements in each operand
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     */
    void exscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op);

    /**
     * Non-blocking {@link #scatter}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the root's elements for every rank, in rank order (read only at the root)
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements for each rank (read at the root)
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements this rank receives
     * @param root the root rank, {@code 0 <= root < size}, the same on every rank
     * @return the request of the operation
     */
    Request iscatter(
            @Nullable Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root);

    /**
     * Non-blocking {@link #scatterv}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the root's elements for every rank (read only at the root)
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCounts the number of elements for each rank, indexed by rank
     * @param displs where each rank's block starts in {@code sendBuf}, in elements from {@code
     *     sendOffset}, indexed by rank
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements this rank receives
     * @param root the root rank, {@code 0 <= root < size}, the same on every rank
     * @return the request of the operation
     */
    Request iscatterv(
            @Nullable Object sendBuf,
            int sendOffset,
            int @Nullable [] sendCounts,
            int @Nullable [] displs,
            Object recvBuf,
            int recvOffset,
            int recvCount,
            int root);

    /**
     * Non-blocking {@link #gather}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements this rank sends
     * @param recvBuf the root's buffer for every rank's block (used only at the root)
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements from each rank (read at the root)
     * @param root the root rank, {@code 0 <= root < size}, the same on every rank
     * @return the request of the operation
     */
    Request igather(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int recvCount,
            int root);

    /**
     * Non-blocking {@link #gatherv}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements this rank sends
     * @param recvBuf the root's buffer for every rank's block (used only at the root)
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCounts the number of elements from each rank, indexed by rank
     * @param displs where each rank's block lands in {@code recvBuf}, in elements from {@code
     *     recvOffset}, indexed by rank
     * @param root the root rank, {@code 0 <= root < size}, the same on every rank
     * @return the request of the operation
     */
    Request igatherv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            @Nullable Object recvBuf,
            int recvOffset,
            int @Nullable [] recvCounts,
            int @Nullable [] displs,
            int root);

    /**
     * Non-blocking {@link #allgather}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements this rank sends
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements from each rank
     * @return the request of the operation
     */
    Request iallgather(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount);

    /**
     * Non-blocking {@link #allgatherv}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements this rank sends
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCounts the number of elements from each rank, indexed by rank
     * @param displs where each rank's block lands in {@code recvBuf}, in elements from {@code
     *     recvOffset}, indexed by rank
     * @return the request of the operation
     */
    Request iallgatherv(
            Object sendBuf,
            int sendOffset,
            int sendCount,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] displs);

    /**
     * Non-blocking {@link #alltoall}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCount the number of elements for each rank
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of elements from each rank
     * @return the request of the operation
     */
    Request ialltoall(Object sendBuf, int sendOffset, int sendCount, Object recvBuf, int recvOffset, int recvCount);

    /**
     * Non-blocking {@link #alltoallv}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param sendCounts the number of elements for each rank, indexed by rank
     * @param sendDispls where the block for each rank starts in {@code sendBuf}, in elements from
     *     {@code sendOffset}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCounts the number of elements from each rank, indexed by rank
     * @param recvDispls where the block from each rank lands in {@code recvBuf}, in elements from
     *     {@code recvOffset}
     * @return the request of the operation
     */
    Request ialltoallv(
            Object sendBuf,
            int sendOffset,
            int[] sendCounts,
            int[] sendDispls,
            Object recvBuf,
            int recvOffset,
            int[] recvCounts,
            int[] recvDispls);

    /**
     * Non-blocking {@link #reduceScatter}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCounts the number of result elements each rank receives, indexed by rank
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     * @return the request of the operation
     */
    Request ireduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts, Op op);

    /**
     * Non-blocking {@link #reduceScatterBlock}: buffers must not be touched until the request
     *     completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param recvCount the number of result elements every rank receives
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     * @return the request of the operation
     */
    Request ireduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount, Op op);

    /**
     * Non-blocking {@link #scan}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param count the number of elements in each operand
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     * @return the request of the operation
     */
    Request iscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op);

    /**
     * Non-blocking {@link #exscan}: buffers must not be touched until the request completes.
     *
     * @param sendBuf the buffer to send from: a primitive array or a {@link java.nio.ByteBuffer}
     * @param sendOffset the index of the first element to send in {@code sendBuf}
     * @param recvBuf the buffer to receive into: a primitive array or a {@link java.nio.ByteBuffer}
     * @param recvOffset the index in {@code recvBuf} where the received elements start
     * @param count the number of elements in each operand
     * @param op the reduction operation, the same on every rank (a built-in such as {@link Op#SUM},
     *     or {@link Op#create})
     * @return the request of the operation
     */
    Request iexscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op);

    // ---------------------------------------------------------------- object collectives

    /**
     * Root's object, to every rank.
     *
     * @param <T> the type of the objects
     * @param value the object to broadcast (read only at the root)
     * @param root the rank whose object is broadcast, the same on every rank
     * @return the root's object, on every rank
     */
    <T extends @Nullable Object> T bcastObject(T value, int root);

    /**
     * Root's list (one entry per rank), entry i to rank i.
     *
     * @param <T> the type of the objects
     * @param values one object for each rank, indexed by rank (read only at the root)
     * @param root the root rank, {@code 0 <= root < size}, the same on every rank
     * @return this rank's object of the root's list
     */
    <T extends @Nullable Object> T scatterObject(List<T> values, int root);

    /**
     * Every rank's object, as a list in rank order at the root ({@code null} elsewhere).
     *
     * @param <T> the type of the objects
     * @param value this rank's object
     * @param root the rank that receives the list, the same on every rank
     * @return every rank's object in rank order at the root; {@code null} elsewhere
     */
    <T extends @Nullable Object> @Nullable List<T> gatherObject(T value, int root);

    /**
     * Every rank's object, as a list in rank order on every rank.
     *
     * @param <T> the type of the objects
     * @param value this rank's object
     * @return every rank's object, in rank order
     */
    <T extends @Nullable Object> List<T> allgatherObject(T value);

    /**
     * Entry j of rank i's list goes to rank j, which gets a list in rank order.
     *
     * @param <T> the type of the objects
     * @param values one object for each rank, indexed by rank
     * @return the object each rank sent to this one, indexed by rank
     */
    <T extends @Nullable Object> List<T> alltoallObject(List<T> values);

    /**
     * Combines every rank's object with {@code combiner} in rank order
     * ({@code ((v0 + v1) + v2) + ...}); result at the root, {@code null} elsewhere.
     *
     * @param <T> the type of the objects
     * @param value this rank's operand
     * @param combiner combines two values into one; must be associative
     * @param root the rank that receives the result, the same on every rank
     * @return the combination of every rank's value at the root; {@code null} elsewhere
     */
    <T extends @Nullable Object> @Nullable T reduceObject(T value, BinaryOperator<T> combiner, int root);

    /**
     * {@link #reduceObject} with the result on every rank.
     *
     * @param <T> the type of the objects
     * @param value this rank's operand
     * @param combiner combines two values into one; must be associative
     * @return the combination of every rank's value
     */
    <T extends @Nullable Object> T allreduceObject(T value, BinaryOperator<T> combiner);

    // ---------------------------------------------------------------- new communicators

    /**
     * A communicator with the same ranks and a fresh context. Collective.
     *
     * @return a new communicator with the same ranks and a context of its own
     */
    Communicator dup();

    /**
     * Partitions ranks by {@code color}, ordered by {@code key} then old rank. Collective:
     * every rank calls it, also those that pass {@link #UNDEFINED}, which get no communicator.
     *
     * <pre>{@code
     * Optional<Communicator> row = world.split(inRow ? row : Communicator.UNDEFINED, world.rank());
     * try (Communicator r = row.orElseThrow()) { ... }  // or row.ifPresent(...)
     * }</pre>
     *
     * @param color ranks with the same color form one new communicator; {@link
     *     Communicator#UNDEFINED} for none
     * @param key orders the ranks within the new communicator (ties keep their order in this one)
     * @return the new communicator of this rank's color; empty for {@link
     *     Communicator#UNDEFINED}
     */
    Optional<Communicator> split(int color, int key);

    /**
     * A communicator of the ranks in {@code group} (a subgroup of this one). Collective over
     * this communicator: every rank calls it; ranks outside the group get no communicator.
     *
     * @param group the ranks of the new communicator, a subset of this one's group
     * @return the new communicator; empty on ranks outside {@code group}
     */
    Optional<Communicator> create(Group group);

    /**
     * A communicator of the ranks in {@code group} (a subgroup of this one), made by the
     * group's members only ({@code MPI_Comm_create_group}, MPI 3): the other ranks of this
     * communicator take no part and need not call anything. Collective over {@code group}.
     *
     * @param group the ranks of the new communicator, a subset of this one's group that
     *     includes the calling rank
     * @param tag tells apart calls that run at once on overlapping groups (give them different
     *     tags), {@code 0 <= tag <= }{@link Communicator#TAG_UB}; it is not seen by receives
     *     on this communicator
     * @return the new communicator
     * @throws InvalidArgumentException if the calling rank is not in {@code group}
     */
    Communicator createFromGroup(Group group, int tag);

    /**
     * A Cartesian grid over this communicator's ranks. Collective: every rank calls it; ranks
     * left out when the grid has fewer cells than the communicator has ranks get no grid.
     *
     * @param dims    extent of each dimension, product at most {@link #size()}
     * @param periods whether each dimension wraps around
     * @param reorder whether ranks may be renumbered (jmpi keeps the order)
     * @return the new communicator; empty on ranks left out of the grid
     */
    Optional<CartesianCommunicator> createCartesian(int[] dims, boolean[] periods, boolean reorder);

    // ---------------------------------------------------------------- teardown

    /**
     * Ends the whole job: every rank's pending and later operations fail with
     * {@link AbortedException}; a launched process exits with {@code exitCode}.
     *
     * @param exitCode the exit code of the whole job
     */
    void abort(int exitCode);

    /**
     * Frees the communicator. On the world communicator this is MPI_Finalize: it waits for
     * outstanding sends, says goodbye to every peer, and releases the transport.
     */
    @Override
    void close();

    /** Object received together with its status. */
    record Received<T extends @Nullable Object>(T value, Status status) {}
}
