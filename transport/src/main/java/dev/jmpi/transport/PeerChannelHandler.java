package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Last handler of an authenticated connection: turns {@link InboundFrame}s into deliveries
 * (reassembling chunks through {@link ChunkAssembler}), keeps heartbeats and goodbyes
 * inside the transport, passes aborts up, and decides how the connection ended:
 * <ul>
 *   <li>Goodbye received, then close: orderly, nothing is reported;</li>
 *   <li>closed without goodbye, an I/O error, a protocol violation from the decoder or
 *       assembler, or a liveness timeout: a failure, reported once with its reason.</li>
 * </ul>
 * One instance per channel; all state is owned by the channel's event loop.
 */
final class PeerChannelHandler extends ChannelInboundHandlerAdapter implements FrameDecoder.LandingSource {

    /** Where the handler's results go (the mesh). */
    interface Events {
        /** A complete message from {@code conn}'s rank; takes ownership of the payload. */
        void onMessage(PeerConnection conn, Header header, ByteBuf payload);

        /** Where the payload of a data frame from {@code conn}'s rank should land, or null (default). */
        default @Nullable PayloadLanding landing(PeerConnection conn, Header header, int payloadBytes) {
            return null;
        }

        /** An abort (or other non-internal control) from the peer. */
        void onControl(PeerConnection conn, Control control);

        /** The connection ended; {@code orderly} when the peer said goodbye first. */
        void onEnded(PeerConnection conn, String reason, boolean orderly);
    }

    private final PeerConnection conn;
    private final Events events;
    private ChunkAssembler assembler; // set in handlerAdded, a NullAway initializer (parent POM)
    private boolean goodbye;
    private final ChunkAssembler.Sink sink;

    PeerChannelHandler(PeerConnection conn, Events events) {
        this.conn = conn;
        this.events = events;
        this.sink = (header, payload) -> events.onMessage(conn, header, payload);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        assembler = new ChunkAssembler(ctx.alloc());
    }

    /**
     * A landing for a whole message only (not a chunk, which the assembler gathers) from the
     * rank this connection authenticated as, while it has not said goodbye.
     */
    @Override
    public @Nullable PayloadLanding landingFor(Header header, int payloadBytes) {
        if (goodbye || header.getSource() != conn.rank() || header.getChunkTotal() > 1) {
            return null;
        }
        return events.landing(conn, header, payloadBytes);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof InboundFrame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        InboundFrame frame = (InboundFrame) msg;
        if (goodbye) {
            frame.release();
            return;
        }
        Control control = frame.control();
        if (control != null) {
            onControl(ctx, control);
            return;
        }
        // A frame holds a control message or a header, never neither (FrameDecoder checks).
        Header header = Objects.requireNonNull(frame.header(), "frame without header or control");
        if (header.getSource() != conn.rank()) {
            // The connection authenticated as conn.rank(): a frame claiming another source
            // would let one peer impersonate another in matching.
            int claimed = header.getSource();
            frame.release();
            fail(
                    ctx,
                    "protocol violation: frame claims source=" + claimed + " on the connection of rank " + conn.rank()
                            + " (expected: source=" + conn.rank() + ")");
            return;
        }
        try {
            assembler.accept(header, frame.payload(), sink);
        } catch (ChunkAssembler.ProtocolViolationException e) {
            fail(ctx, "protocol violation: " + e.getMessage());
        }
    }

    private void onControl(ChannelHandlerContext ctx, Control control) {
        switch (control.getBodyCase()) {
            case HEARTBEAT:
                break;
            case GOODBYE:
                goodbye = true;
                events.onEnded(conn, "rank " + conn.rank() + " closed its transport (goodbye received)", true);
                ctx.close();
                break;
            case ABORT:
            case FINALIZED:
                events.onControl(conn, control);
                break;
            default:
                // A body added by a newer minor version: ignored, as minor versions promise.
                break;
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        conn.writabilityChanged();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        assembler.discard();
        if (!goodbye) {
            events.onEnded(conn, "connection closed by peer without goodbye", false);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        assembler.discard();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, reason(cause));
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (!goodbye) {
            events.onEnded(conn, reason, false);
        }
        ctx.close();
    }

    static String reason(Throwable cause) {
        Throwable c = cause;
        if (c instanceof DecoderException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof PeerLivenessHandler.LivenessTimeoutException
                || c instanceof io.netty.handler.codec.CorruptedFrameException
                || c instanceof io.netty.handler.codec.TooLongFrameException) {
            return String.valueOf(c.getMessage());
        }
        if (c instanceof IOException) {
            return "connection error: " + c.getMessage();
        }
        return "connection error: " + c;
    }
}
