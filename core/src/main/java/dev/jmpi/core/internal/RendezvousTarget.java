package dev.jmpi.core.internal;

import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;

/**
 * Where the data of a matched request-to-send lands when it comes: the receive that matched
 * it, or a sink when that receive already failed (wrong type, too small), since the sender
 * was cleared anyway and must be able to finish.
 */
interface RendezvousTarget {

    /** Drops the data; the receive's failure was reported when it matched. */
    RendezvousTarget DISCARD = new RendezvousTarget() {
        @Override
        public void land(Header data, ByteBuf payload) {
            payload.release();
        }

        @Override
        public void fail(Breakage b) {}
    };

    /** The data arrived; takes ownership of {@code payload}. Runs outside the queue lock. */
    void land(Header data, ByteBuf payload);

    /** The job broke before the data came. */
    void fail(Breakage b);
}
