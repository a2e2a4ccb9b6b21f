package dev.jmpi.transport;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
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

    /**
     * Bytes of a frame first looked at to find its header and payload: a header is tens of
     * bytes, and the encoder writes the payload after it. A frame this small is parsed whole.
     */
    static final int HEAD_PEEK_BYTES = 256;
    /** Bytes of a large frame looked at when its header did not end in the first {@link #HEAD_PEEK_BYTES}. */
    static final int HEAD_WINDOW_BYTES = 4096;
    /** Cumulations up to this size are merged (one buffer); larger ones are composed without copying. */
    static final int MERGE_LIMIT_BYTES = 64 * 1024;

    /**
     * The head of the frame being parsed, copied out of the receive buffers: protobuf copies a
     * direct {@code ByteBuffer} into a fresh array before it reads it, so parsing over the buffer
     * itself allocated and copied up to {@link #HEAD_WINDOW_BYTES} per frame (the whole frame
     * below that) to read a header of tens of bytes. Only the event loop's thread touches it.
     */
    private final byte[] head = new byte[HEAD_WINDOW_BYTES];

    /** Where a frame's payload may land straight from the socket (the peer handler). */
    interface LandingSource {
        /** A landing for the payload of the data frame {@code header}, or null for the usual path. */
        @Nullable
        PayloadLanding landingFor(Header header, int payloadBytes);
    }

    private final int maxFrameBytes;
    private final @Nullable LandingReads reads;
    private final @Nullable LandingSource landings;
    private boolean failed;
    /** Whether the head of the incomplete frame at the reader index was already looked at for a landing. */
    private boolean headChecked;
    /** Header of the frame whose payload is landing. */
    private @Nullable Header landingHeader;

    FrameDecoder(int maxFrameBytes) {
        this(maxFrameBytes, null, null);
    }

    /**
     * @param reads the channel's landing state ({@link LandingRecvAllocator}), or null when
     *     the channel cannot read into landings (TLS): payloads then always come in transport
     *     buffers
     * @param landings asked, once a large frame's header has come, where its payload goes
     */
    FrameDecoder(int maxFrameBytes, @Nullable LandingReads reads, @Nullable LandingSource landings) {
        this.maxFrameBytes = maxFrameBytes;
        this.reads = reads;
        this.landings = landings;
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
                if (reads != null && !headChecked && frameBytes >= LandingReads.MIN_PAYLOAD_BYTES) {
                    if (!out.isEmpty()) {
                        // Deliver the frames before it first (callDecode calls again): a
                        // landing may depend on them (the piece before it, a request matched).
                        return;
                    }
                    startLanding(in, frameBytes, reads);
                }
                return;
            }
            headChecked = false;
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

    /**
     * The head of a large frame is here but not its whole payload: if the payload has a
     * landing, copy the part of it already read (it came with the header) into the landing
     * and read the rest straight into it ({@link LandingReads}). Tried again on later reads
     * until the header is complete (at most {@link #HEAD_WINDOW_BYTES}).
     */
    private void startLanding(ByteBuf in, int frameBytes, LandingReads r) {
        int start = in.readerIndex() + 4;
        int available = in.readableBytes() - 4;
        // Null while the header is not all here yet (or is corrupt: the whole frame will say).
        Parsed parsed = parseHead(in, start, available, frameBytes);
        if (parsed == null) {
            headChecked = available >= HEAD_WINDOW_BYTES;
            return;
        }
        headChecked = true;
        Header header = parsed.header;
        if (header == null || parsed.control != null || parsed.payloadBytes < LandingReads.MIN_PAYLOAD_BYTES) {
            return;
        }
        PayloadLanding landing = Objects.requireNonNull(landings).landingFor(header, parsed.payloadBytes);
        if (landing == null) {
            return;
        }
        ByteBuffer target = landing.directTarget();
        if (landing.bytes() != parsed.payloadBytes
                || (target != null && (target.limit() != parsed.payloadBytes || !target.isDirect()))) {
            throw new IllegalStateException("landing of " + landing.bytes() + " bytes (direct target " + target
                    + ") for a payload of " + parsed.payloadBytes + " bytes (expected: " + parsed.payloadBytes
                    + " bytes, and a direct target of that limit if any)");
        }
        landingHeader = header;
        r.begin(landing, parsed.payloadBytes);
        in.readerIndex(start + parsed.payloadOffset);
        r.copy(in, in.readableBytes()); // never the whole payload: the frame is incomplete
    }

    /**
     * Bytes of a landing payload: read straight into the landing (a {@link LandingReads.LandingBuf}:
     * just counted), or read into a transport buffer (the landing was closed, or the read
     * began before it did): copied into the landing or dropped, and what follows the payload
     * decoded as usual. The frame goes on, with an empty payload, once its payload is complete.
     */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        LandingReads r = reads;
        if (msg instanceof LandingReads.LandingBuf) {
            LandingReads.LandingBuf b = (LandingReads.LandingBuf) msg;
            int n = b.writerIndex();
            b.release();
            if (r != null && r.active() && r.advance(n)) {
                landed(ctx);
            }
            return;
        }
        if (r != null && msg instanceof ByteBuf && ((ByteBuf) msg).isReadable()) {
            r.readIntoTransportBuffer();
        }
        if (r != null && r.active() && msg instanceof ByteBuf) {
            ByteBuf in = (ByteBuf) msg;
            if (r.copy(in, Math.min(in.readableBytes(), r.remaining()))) {
                landed(ctx);
            }
            if (!in.isReadable()) {
                in.release();
                return;
            }
        }
        super.channelRead(ctx, msg);
    }

    private void landed(ChannelHandlerContext ctx) {
        Header header = Objects.requireNonNull(landingHeader, "landing header");
        landingHeader = null;
        headChecked = false;
        ctx.fireChannelRead(new InboundFrame(header, null, PayloadLanding.LANDED));
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (reads != null) {
            reads.reset();
        }
        landingHeader = null;
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        LandingReads r = reads;
        if (!failed && r != null && r.active()) {
            int missing = r.remaining();
            r.reset();
            fail(
                    ctx,
                    in,
                    new CorruptedFrameException(
                            "connection closed mid-frame: " + missing + " bytes of a landing payload missing"));
            return;
        }
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
        if (reads != null) {
            reads.reset();
        }
        in.skipBytes(in.readableBytes());
        ctx.fireExceptionCaught(reason);
        ctx.close();
    }

    /**
     * Parses one frame whose protobuf bytes are {@code in[start, start + length)}. A frame of
     * up to {@link #HEAD_PEEK_BYTES} is copied out and parsed whole. A larger one is read
     * through its first bytes only ({@link #parseHead}): the encoder writes the payload last, so
     * the header, the payload's length and its position are all there, and the payload (spread
     * over the receive buffers the composite cumulation kept) is never gathered. Anything else
     * (a payload that is not last, a header larger than the window) takes the general path
     * over a copy of the whole frame.
     */
    InboundFrame parse(ByteBuf in, int start, int length) throws IOException {
        if (length <= HEAD_PEEK_BYTES) {
            in.getBytes(start, head, 0, length);
            // Without payloadLast, parse never returns null (it throws on a malformed frame).
            return frame(in, start, Objects.requireNonNull(parse(head, length, length, false)));
        }
        Parsed p = parseHead(in, start, length, length);
        if (p != null) {
            return frame(in, start, p);
        }
        byte[] whole = ByteBufUtil.getBytes(in, start, length);
        return frame(in, start, Objects.requireNonNull(parse(whole, length, length, false)));
    }

    /**
     * The fields of a frame of {@code length} bytes up to its payload, from the first
     * {@code available} of them at {@code in[start]}: the first {@link #HEAD_PEEK_BYTES}, then
     * up to {@link #HEAD_WINDOW_BYTES}. Null if the payload is not last, or the header does not
     * end in what was looked at (truncated there, or not all here yet).
     */
    private @Nullable Parsed parseHead(ByteBuf in, int start, int available, int length) {
        for (int window = HEAD_PEEK_BYTES; ; window = HEAD_WINDOW_BYTES) {
            int n = Math.min(window, available);
            in.getBytes(start, head, 0, n);
            try {
                Parsed p = parse(head, n, length, true);
                if (p != null) {
                    return p;
                }
            } catch (IOException truncatedInTheWindow) {
                // The general path reports real corruption.
            }
            if (n == available || window == HEAD_WINDOW_BYTES) {
                return null;
            }
        }
    }

    /** The fields of a frame: its header or control message, and where its payload is. */
    private static final class Parsed {
        final @Nullable Header header;
        final @Nullable Control control;
        final int payloadOffset;
        final int payloadBytes;

        Parsed(@Nullable Header header, @Nullable Control control, int payloadOffset, int payloadBytes) {
            this.header = header;
            this.control = control;
            this.payloadOffset = payloadOffset;
            this.payloadBytes = payloadBytes;
        }
    }

    /**
     * Parses the fields in {@code bytes[0, count)}, the first bytes (or all) of a frame of
     * {@code length} bytes; with {@code payloadLast}, stops at the payload and returns null
     * unless the payload ends exactly at the end of the frame.
     */
    private static @Nullable Parsed parse(byte[] bytes, int count, int length, boolean payloadLast) throws IOException {
        CodedInputStream cis = CodedInputStream.newInstance(bytes, 0, count);
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
                    HeaderCodec.readDelimited(cis, b);
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
                        return new Parsed(header, control, payloadOffset, payloadBytes);
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
        return new Parsed(header, control, payloadOffset, payloadBytes);
    }

    private static InboundFrame frame(ByteBuf in, int start, Parsed p) throws InvalidProtocolBufferException {
        if ((p.header == null) == (p.control == null)) {
            throw new InvalidProtocolBufferException(
                    p.header == null ? "frame has neither header nor control" : "frame has both header and control");
        }
        if (p.control != null && p.payloadBytes > 0) {
            throw new InvalidProtocolBufferException("control frame carries a payload of " + p.payloadBytes + " bytes");
        }
        ByteBuf payload =
                p.payloadBytes > 0 ? in.retainedSlice(start + p.payloadOffset, p.payloadBytes) : Unpooled.EMPTY_BUFFER;
        return new InboundFrame(p.header, p.control, payload);
    }
}
