package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

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

    /**
     * The header of a data frame has arrived but not yet its {@code payloadBytes} bytes of
     * payload (large enough to be worth landing): where they should go while they arrive, or
     * null for the usual delivery in a transport buffer. With a landing the frame is then
     * delivered to {@link #onMessage} with the payload {@link PayloadLanding#LANDED}, its bytes
     * in place; or the connection fails before. Called on the thread that drives the I/O,
     * right before that frame's delivery (frames before it on the connection have been
     * delivered). Default: null (transports that cannot land payloads, such as TLS
     * connections, never ask).
     */
    default @Nullable PayloadLanding landing(Header header, int payloadBytes) {
        return null;
    }

    /** A control message (abort, finalize) from {@code source}. Heartbeats and goodbyes stay inside. */
    void onControl(int source, Control control);

    /** {@code failure.rank()} is gone; called at most once per peer. */
    void onPeerFailure(PeerFailure failure);
}
