package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Moves framed messages between the ranks of one job. This is the only way the core reaches
 * the network; it has an in-JVM implementation ({@link InJvmFabric}) for fast tests and the
 * Netty mesh ({@link NettyMesh}) for real use, both checked by one contract test suite.
 *
 * <p>The transport knows nothing of communicators or collectives: it delivers each message
 * to the {@link InboundHandler} with its header untouched, in the order the sender sent
 * them, and reports peers that fail.
 *
 * <p>Threads: {@link #send} and {@link #sendControl} may be called from any thread,
 * concurrently. Messages from one sending thread to one destination arrive in the order
 * sent. The handler is called on transport threads and must not block.
 */
public interface Transport extends AutoCloseable {

    /** This endpoint's rank, {@code 0 <= rank < size}. */
    int rank();

    /** Number of ranks in the job. */
    int size();

    /**
     * Starts delivering inbound messages to {@code handler}. Must be called once, before the
     * first {@link #send}; messages that arrived earlier are held and delivered then.
     */
    void start(InboundHandler handler);

    /**
     * How threads wait for this transport's messages: the waiting thread drives the I/O
     * where the transport allows it (see {@link Progress}).
     */
    Progress progress();

    /** Allocator for payload buffers handed to {@link #send}. */
    ByteBufAllocator allocator();

    /**
     * Sends one message to {@code dest} (which may be this rank). Takes ownership of
     * {@code payload} and releases it once written, whatever the outcome. Payloads larger
     * than the frame limit are split into chunks and reassembled by the receiver, so callers
     * never see a size ceiling (up to the 2 GiB - 1 a single {@code ByteBuf} holds). The
     * header's {@code chunk_index}, {@code chunk_total} and {@code total_bytes} belong to
     * the transport: it sets them on chunks and clears them on the reassembled message.
     * Blocks the calling thread while the connection to {@code dest} is backpressured. A
     * transport that connects lazily opens the connection on the first send (queueing what is
     * sent meanwhile, in order). The buffer in front of the payload's reader index is the
     * transport's too: a small frame's head is written there when it fits ({@link FrameHeadroom}).
     *
     * @throws PeerFailedException if {@code dest} has failed or the transport is closed
     */
    void send(int dest, Header header, ByteBuf payload);

    /**
     * Sends a header-only notice to {@code dest} on the connection to it, after whatever was
     * sent to it before, if and when that connection is open: a transport that connects
     * lazily does not open one for it (a notice to every peer would connect every pair).
     * Default: {@link #send} with an empty payload.
     */
    default void sendWhenConnected(int dest, Header header) {
        send(dest, header, io.netty.buffer.Unpooled.EMPTY_BUFFER);
    }

    /**
     * Opens the connection to {@code peer} if this transport connects lazily and none is open
     * or being opened; never blocks. For a rank that has waited a while for a peer it has no
     * connection to: what the peer sent while unconnected (its finalize) then arrives, or the
     * dial fails and the peer is reported failed. Default: nothing (always connected).
     */
    default void open(int peer) {}

    /**
     * Waits (bounded by the transport) until what was sent to peers whose connection is still
     * being opened (lazily) has been handed to their connections: for a rank about to exit
     * after telling its peers why. Must not be called from a transport callback. Default:
     * nothing is ever queued.
     */
    default void awaitQueuedDeliveries() {}

    /** Sends a control message (abort, goodbye) to {@code dest}; best effort, never blocks. */
    void sendControl(int dest, Control control);

    /** Where {@code rank} listens, for error messages: {@code host:port}. */
    String addressOf(int rank);

    /**
     * Says goodbye to every peer, flushes what is queued, and closes all connections.
     * Idempotent.
     */
    @Override
    void close();
}
