package dev.jmpi.transport;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Splits the byte stream of an authenticated connection into {@link InboundFrame}s: a
 * 4-byte big-endian length, then a protobuf {@code Frame} of that many bytes. Only the
 * header or control message is parsed ({@link CodedInputStream} over the frame region);
 * the payload (field 15) becomes a retained slice of the receive buffer, never a copy.
 *
 * <p>A length above {@code maxFrameBytes} or below zero, a frame that does not parse, or a
 * connection that closes mid-frame is a protocol violation: the decoder fires a
 * {@link TooLongFrameException} or {@link CorruptedFrameException} naming the reason (for
 * example {@code frameBytes=… > maxFrameBytes=…}), discards all further input and closes
 * the connection. One instance per channel; runs on the channel's event loop.
 */
final class FrameDecoder extends ByteToMessageDecoder {

    /** Bytes of a large frame looked at to find its header and payload. */
    static final int HEAD_WINDOW_BYTES = 4096;
    /** Cumulations up to this size are merged (one buffer); larger ones are composed without copying. */
    static final int MERGE_LIMIT_BYTES = 64 * 1024;

    private final int maxFrameBytes;
    private boolean failed;

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
        setCumulator(FrameDecoder::cumulate);
    }

    /**
     * Small frames are merged into one buffer (cheap, and the parser wants contiguous bytes);
     * once a frame outgrows {@link #MERGE_LIMIT_BYTES} the receive buffers are composed instead,
     * so a megabyte frame is not copied (and re-copied as the buffer grows) before the core
     * copies it once into the user's array.
     */
    private static ByteBuf cumulate(ByteBufAllocator alloc, ByteBuf cumulation, ByteBuf in) {
        if (cumulation instanceof CompositeByteBuf
                || (long) cumulation.readableBytes() + in.readableBytes() > MERGE_LIMIT_BYTES) {
            return COMPOSITE_CUMULATOR.cumulate(alloc, cumulation, in);
        }
        return MERGE_CUMULATOR.cumulate(alloc, cumulation, in);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (!failed && in.readableBytes() >= 4) {
            int frameBytes = in.getInt(in.readerIndex());
            if (frameBytes < 0) {
                fail(
                        ctx,
                        in,
                        new CorruptedFrameException("frameBytes=" + Integer.toUnsignedLong(frameBytes)
                                + " > maxFrameBytes=" + maxFrameBytes + " (negative as a signed length)"));
                return;
            }
            if (frameBytes > maxFrameBytes) {
                fail(
                        ctx,
                        in,
                        new TooLongFrameException("frameBytes=" + frameBytes + " > maxFrameBytes=" + maxFrameBytes));
                return;
            }
            if (in.readableBytes() < 4 + frameBytes) {
                return;
            }
            int start = in.readerIndex() + 4;
            InboundFrame frame;
            try {
                frame = parse(in, start, frameBytes);
            } catch (IOException | RuntimeException e) {
                fail(
                        ctx,
                        in,
                        new CorruptedFrameException("malformed frame of " + frameBytes + " bytes: " + e.getMessage()));
                return;
            }
            in.readerIndex(start + frameBytes);
            out.add(frame);
        }
        if (failed) {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        decode(ctx, in, out);
        if (!failed && in.isReadable()) {
            String expected = in.readableBytes() >= 4 ? String.valueOf(4 + in.getInt(in.readerIndex())) : "at least 4";
            fail(
                    ctx,
                    in,
                    new CorruptedFrameException("connection closed mid-frame: received " + in.readableBytes() + " of "
                            + expected + " bytes"));
        }
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, Exception reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(reason);
        ctx.close();
    }

    /**
     * Parses one frame whose protobuf bytes are {@code in[start, start + length)}. Large
     * frames are read through a window over their first bytes only: the encoder writes the
     * payload last, so the header, its length and its position are all in the window and the
     * payload (spread over the receive buffers the composite cumulation kept) is never
     * gathered. Anything else (a payload that is not last, a header larger than the window)
     * takes the general path over the whole frame.
     */
    static @Nullable InboundFrame parse(ByteBuf in, int start, int length) throws IOException {
        if (length > HEAD_WINDOW_BYTES) {
            try {
                InboundFrame f = parse(in, start, length, in.nioBuffer(start, HEAD_WINDOW_BYTES), true);
                if (f != null) {
                    return f;
                }
            } catch (InvalidProtocolBufferException truncatedInTheWindow) {
                // Fall through to the general path, which reports real corruption.
            }
        }
        // Without payloadLast, parse never returns null (it throws on a malformed frame).
        return Objects.requireNonNull(parse(in, start, length, in.nioBuffer(start, length), false));
    }

    /**
     * Parses the fields in {@code region}; with {@code payloadLast}, stops at the payload and
     * returns null unless the payload ends exactly at the end of the frame.
     */
    private static @Nullable InboundFrame parse(
            ByteBuf in, int start, int length, ByteBuffer region, boolean payloadLast) throws IOException {
        CodedInputStream cis = CodedInputStream.newInstance(region);
        Header header = null;
        Control control = null;
        int payloadOffset = -1;
        int payloadBytes = 0;
        ExtensionRegistryLite registry = ExtensionRegistryLite.getEmptyRegistry();
        while (true) {
            int tag = cis.readTag();
            if (tag == 0) {
                break;
            }
            switch (tag) {
                case FrameEncoder.HEADER_TAG: {
                    Header.Builder b = header == null ? Header.newBuilder() : header.toBuilder();
                    cis.readMessage(b, registry);
                    header = b.build();
                    break;
                }
                case FrameEncoder.CONTROL_TAG: {
                    Control.Builder b = control == null ? Control.newBuilder() : control.toBuilder();
                    cis.readMessage(b, registry);
                    control = b.build();
                    break;
                }
                case FrameEncoder.PAYLOAD_TAG: {
                    int len = cis.readRawVarint32();
                    if (len < 0) {
                        throw new InvalidProtocolBufferException("negative payload length " + len);
                    }
                    payloadOffset = cis.getTotalBytesRead();
                    payloadBytes = len;
                    if (payloadLast) {
                        if ((long) payloadOffset + len != length) {
                            return null;
                        }
                        return frame(in, start, header, control, payloadOffset, payloadBytes);
                    }
                    cis.skipRawBytes(len);
                    break;
                }
                default:
                    if (!cis.skipField(tag)) {
                        throw new InvalidProtocolBufferException("unexpected end-group tag " + tag);
                    }
            }
        }
        if (payloadLast) {
            return null;
        }
        return frame(in, start, header, control, payloadOffset, payloadBytes);
    }

    private static InboundFrame frame(
            ByteBuf in,
            int start,
            @Nullable Header header,
            @Nullable Control control,
            int payloadOffset,
            int payloadBytes)
            throws InvalidProtocolBufferException {
        if ((header == null) == (control == null)) {
            throw new InvalidProtocolBufferException(
                    header == null ? "frame has neither header nor control" : "frame has both header and control");
        }
        if (control != null && payloadBytes > 0) {
            throw new InvalidProtocolBufferException("control frame carries a payload of " + payloadBytes + " bytes");
        }
        ByteBuf payload =
                payloadBytes > 0 ? in.retainedSlice(start + payloadOffset, payloadBytes) : Unpooled.EMPTY_BUFFER;
        return new InboundFrame(header, control, payload);
    }
}
