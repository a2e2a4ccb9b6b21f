package dev.jmpi.core.internal;

import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;

/** A message that arrived and waits in the unexpected queue, or is being delivered. */
record InboundMessage(Header header, ByteBuf payload) {

    int sourceWorldRank() {
        return header.getSource();
    }

    int tag() {
        return header.getTag();
    }

    void release() {
        payload.release();
    }
}
