package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the mesh knows of one peer before a connection to it is up (lazy connections): the
 * messages and controls sent to it meanwhile, in the order sent, whether a dial is under way,
 * and, if the dial gave up, why. The first message to the peer starts the dial; an abort does
 * too; other controls (finalize) and held notices only wait for a connection that either side
 * opens (a peer waiting for this rank dials it: {@link Transport#open}). When a
 * connection is admitted, {@link #drain()} hands the queue to it, in order, before any later
 * send can use the connection.
 *
 * <p>Threads: any thread; every method is called holding the slot's monitor
 * ({@code synchronized (slot)}), which the mesh also holds while it admits a connection to
 * the peer, so a send either queues before the drain or finds the connection.
 */
final class PeerSlot {

    /** A message queued while connecting; owns its payload. */
    record QueuedMessage(Header header, ByteBuf payload) {}

    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean dialing;
    /** Whether something queued must be delivered before close: a message or an abort. */
    private boolean mustDeliver;

    private volatile @Nullable PeerFailure failure;

    /** Queues a message; true if it is the first that needs a dial (the caller starts it). */
    boolean queue(Header header, ByteBuf payload) {
        queue.add(new QueuedMessage(header, payload));
        queuedBytes += payload.readableBytes();
        mustDeliver = true;
        return requestDial();
    }

    /** Holds a header-only notice for a connection either side may open; never dials. */
    void hold(Header header) {
        queue.add(new QueuedMessage(header, Unpooled.EMPTY_BUFFER));
    }

    /** Queues a control; true if it needs a dial that is not under way yet (aborts only). */
    boolean queue(Control control) {
        queue.add(control);
        if (!control.hasAbort()) {
            return false;
        }
        mustDeliver = true;
        return requestDial();
    }

    /** Marks a dial under way; true if none was (the caller starts it). */
    boolean requestDial() {
        if (dialing) {
            return false;
        }
        dialing = true;
        return true;
    }

    /** Payload bytes queued. */
    long queuedBytes() {
        return queuedBytes;
    }

    /** Whether a dial is under way with something queued that must be delivered. */
    boolean deliveryPending() {
        return dialing && mustDeliver;
    }

    boolean dialing() {
        return dialing;
    }

    /** The dial is over (connected, given up, or closed); true if one was under way. */
    boolean settle() {
        boolean was = dialing;
        dialing = false;
        return was;
    }

    /** Why the dial gave up, or null. */
    @Nullable
    PeerFailure failure() {
        return failure;
    }

    void fail(PeerFailure f) {
        failure = f;
    }

    /** Takes everything queued, in order: {@link QueuedMessage}s and {@link Control}s. */
    List<Object> drain() {
        List<Object> out = new ArrayList<>(queue);
        queue.clear();
        queuedBytes = 0;
        mustDeliver = false;
        return out;
    }

    /** Releases the payloads of drained items that will never be sent. */
    static void release(List<Object> items) {
        for (Object o : items) {
            if (o instanceof QueuedMessage m) {
                m.payload().release();
            }
        }
    }
}
