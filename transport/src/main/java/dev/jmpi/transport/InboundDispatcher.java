package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Hands inbound events to the {@link InboundHandler}, holding those that arrive before
 * {@link Transport#start} and replaying them, in arrival order, when it is called. After
 * start, events go straight through on the calling (transport) thread.
 *
 * <p>Threads: any thread may deliver; the held queue is guarded by {@code lock}. The switch
 * from holding to direct delivery happens under the lock only once the queue is empty, so
 * per-connection order is kept across the switch.
 */
final class InboundDispatcher {

    private interface Event {
        void deliverTo(InboundHandler handler);

        void discard();
    }

    private final Object lock = new Object();
    private final ArrayDeque<Event> held = new ArrayDeque<>();
    private volatile @Nullable InboundHandler ready;
    private boolean started;
    private boolean discarded;

    /** Starts delivery; replays held events on the calling thread first. */
    void start(InboundHandler handler) {
        synchronized (lock) {
            if (started) {
                throw new IllegalStateException("start(handler) was already called");
            }
            started = true;
        }
        while (true) {
            Event e;
            synchronized (lock) {
                e = held.poll();
                if (e == null) {
                    ready = handler;
                    return;
                }
            }
            e.deliverTo(handler);
        }
    }

    void message(Header header, ByteBuf payload) {
        InboundHandler h = ready;
        if (h == null) {
            h = holdOrGet(new Event() {
                @Override
                public void deliverTo(InboundHandler handler) {
                    handler.onMessage(header, payload);
                }

                @Override
                public void discard() {
                    payload.release();
                }
            });
            if (h == null) {
                return;
            }
        }
        h.onMessage(header, payload);
    }

    /** Where the payload of a frame whose header has come should land, or null (also before start). */
    @Nullable
    PayloadLanding landing(Header header, int payloadBytes) {
        InboundHandler h = ready;
        return h == null ? null : h.landing(header, payloadBytes);
    }

    void control(int source, Control control) {
        InboundHandler h = ready;
        if (h == null) {
            h = holdOrGet(new Event() {
                @Override
                public void deliverTo(InboundHandler handler) {
                    handler.onControl(source, control);
                }

                @Override
                public void discard() {}
            });
            if (h == null) {
                return;
            }
        }
        h.onControl(source, control);
    }

    void failure(PeerFailure failure) {
        InboundHandler h = ready;
        if (h == null) {
            h = holdOrGet(new Event() {
                @Override
                public void deliverTo(InboundHandler handler) {
                    handler.onPeerFailure(failure);
                }

                @Override
                public void discard() {}
            });
            if (h == null) {
                return;
            }
        }
        h.onPeerFailure(failure);
    }

    /** Holds {@code e} and returns null, or returns the handler if delivery has started. */
    private @Nullable InboundHandler holdOrGet(Event e) {
        synchronized (lock) {
            if (ready != null) {
                return ready;
            }
            if (discarded) {
                e.discard();
            } else {
                held.add(e);
            }
            return null;
        }
    }

    /** Releases held events that were never delivered (the transport closed before start). */
    void discardHeld() {
        synchronized (lock) {
            discarded = ready == null;
            Event e;
            while ((e = held.poll()) != null) {
                e.discard();
            }
        }
    }
}
