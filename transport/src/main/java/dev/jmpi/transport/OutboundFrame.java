package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCounted;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A frame on its way to {@link FrameEncoder}: a header with its payload chunk, or a control
 * message. Reference counting delegates to the payload, so Netty releases the payload if
 * the frame is dropped before encoding (e.g. written to a closed channel).
 */
final class OutboundFrame implements ReferenceCounted {

    private final @Nullable Header header;
    private final @Nullable Control control;
    private final ByteBuf payload;

    private OutboundFrame(@Nullable Header header, @Nullable Control control, ByteBuf payload) {
        this.header = header;
        this.control = control;
        this.payload = payload;
    }

    /** A data frame; takes ownership of {@code payload}. */
    static OutboundFrame data(Header header, ByteBuf payload) {
        return new OutboundFrame(header, null, payload);
    }

    /** A control frame without payload. */
    static OutboundFrame control(Control control) {
        return new OutboundFrame(null, control, Unpooled.EMPTY_BUFFER);
    }

    /** The header, or {@code null} for a control frame. */
    @Nullable
    Header header() {
        return header;
    }

    /** The control message, or {@code null} for a data frame. */
    /** The control message of a frame without a header (the two factories make exactly one of them). */
    Control controlOfControlFrame() {
        return Objects.requireNonNull(control, "a data frame has no control message");
    }

    @Nullable
    Control control() {
        return control;
    }

    ByteBuf payload() {
        return payload;
    }

    /** Bytes this frame occupies on the wire, length prefix included. */
    int wireBytes() {
        int msgSize = header != null
                ? HeaderCodec.size(header)
                : controlOfControlFrame().getSerializedSize();
        return FrameEncoder.frameBytes(msgSize, payload.readableBytes()) + 4;
    }

    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public OutboundFrame retain() {
        payload.retain();
        return this;
    }

    @Override
    public OutboundFrame retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public OutboundFrame touch() {
        payload.touch();
        return this;
    }

    @Override
    public OutboundFrame touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return payload.release();
    }

    @Override
    public boolean release(int decrement) {
        return payload.release(decrement);
    }

    @Override
    public String toString() {
        return header != null
                ? "OutboundFrame[data, payloadBytes=" + payload.readableBytes() + "]"
                : "OutboundFrame[control " + controlOfControlFrame().getBodyCase() + "]";
    }
}
