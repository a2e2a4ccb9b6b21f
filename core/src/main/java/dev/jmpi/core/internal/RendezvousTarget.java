package dev.jmpi.core.internal;

import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;

/**
 * Where the data of a matched request-to-send lands, piece by piece, as it comes: the receive
 * that matched it, or a sink when that receive already failed (wrong type, too small), since the sender
 * was cleared anyway and must be able to finish.
 */
interface RendezvousTarget {

    /** Drops the data; the receive's failure was reported when it matched. */
    RendezvousTarget DISCARD = new RendezvousTarget() {
        @Override
        public boolean land(Header data, ByteBuf payload) {
            payload.release();
            return true;
        }

        @Override
        public void fail(Breakage b) {}
    };

    /**
     * A piece of the data arrived ({@code data.getDataOffset()} says where it goes); takes
     * ownership of {@code payload}. Returns true once no more pieces are wanted (all came,
     * or the receive failed; later pieces are then dropped). Runs outside the queue lock, on
     * the thread that drives the I/O; one message's pieces arrive in order, one at a time.
     */
    boolean land(Header data, ByteBuf payload);

    /** The job broke before the data came. */
    void fail(Breakage b);
}
