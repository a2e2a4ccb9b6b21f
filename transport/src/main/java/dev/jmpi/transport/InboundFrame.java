package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A frame produced by {@link FrameDecoder}: exactly one of header or control, and the
 * payload as a retained slice of the receive buffer. Reference counting delegates to the
 * payload so that Netty's tail handler releases an unconsumed frame.
 */
final class InboundFrame implements ReferenceCounted {

    private final @Nullable Header header;
    private final @Nullable Control control;
    private final ByteBuf payload;

    InboundFrame(@Nullable Header header, @Nullable Control control, ByteBuf payload) {
        this.header = header;
        this.control = control;
        this.payload = payload;
    }

    /** The header, or {@code null} for a control frame. */
    @Nullable
    Header header() {
        return header;
    }

    /** The control message, or {@code null} for a data frame. */
    @Nullable
    Control control() {
        return control;
    }

    /** The payload (empty for control frames); owned by this frame. */
    ByteBuf payload() {
        return payload;
    }

    @Override
    public int refCnt() {
        return payload.refCnt();
    }

    @Override
    public InboundFrame retain() {
        payload.retain();
        return this;
    }

    @Override
    public InboundFrame retain(int increment) {
        payload.retain(increment);
        return this;
    }

    @Override
    public InboundFrame touch() {
        payload.touch();
        return this;
    }

    @Override
    public InboundFrame touch(Object hint) {
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
                ? "InboundFrame[data, payloadBytes=" + payload.readableBytes() + "]"
                : "InboundFrame[control " + Objects.requireNonNull(control).getBodyCase() + "]";
    }
}
