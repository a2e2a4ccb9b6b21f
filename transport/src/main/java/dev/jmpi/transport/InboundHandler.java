package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;

/**
 * Receives what a {@link Transport} delivers. Called on transport threads; implementations
 * must not block.
 */
public interface InboundHandler {

    /**
     * One complete message (all chunks reassembled). The handler owns {@code payload} and
     * must release it.
     */
    void onMessage(Header header, ByteBuf payload);

    /** A control message (abort, finalize) from {@code source}. Heartbeats and goodbyes stay inside. */
    void onControl(int source, Control control);

    /** {@code failure.rank()} is gone; called at most once per peer. */
    void onPeerFailure(PeerFailure failure);
}
