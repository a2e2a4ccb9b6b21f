package dev.jmpi.core.internal;

import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * A message that arrived and waits in the unexpected queue, or is being delivered: eager
 * data, or a request-to-send standing in for data that has not come yet.
 *
 * @param header  its header
 * @param payload its data (empty for a request-to-send)
 * @param flow    where its credit goes back on release, or null if it took none
 * @param charge  the credit it took (payload plus overhead), 0 if none
 */
record InboundMessage(
        Header header, ByteBuf payload, @Nullable FlowControl flow, long charge) {

    int sourceWorldRank() {
        return header.getSource();
    }

    int tag() {
        return header.getTag();
    }

    /** True for a request-to-send: the data follows once a receive matches it. */
    boolean isRequestToSend() {
        return header.getRequestToSend();
    }

    /** Payload bytes of the message, whether here or still at its sender. */
    long messageBytes() {
        return isRequestToSend() ? header.getMessageBytes() : payload.readableBytes();
    }

    /** Frees the payload and gives back the credit it took. Call once. */
    void release() {
        payload.release();
        if (flow != null) {
            flow.consumed(sourceWorldRank(), charge);
        }
    }
}
