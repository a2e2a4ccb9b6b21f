package dev.jmpi.transport;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes an {@link OutboundFrame} as a 4-byte big-endian length followed by a protobuf
 * {@code Frame}: the header (field 1) or control message (field 2) and the tag and length of
 * {@code payload} (field 15) go into a pooled buffer, and the payload follows. The bytes on
 * the wire are exactly a serialized {@code Frame}, because field 15 is written last.
 *
 * <p>A payload of at most {@link #COALESCE_MAX_PAYLOAD_BYTES} is copied behind the header,
 * so the frame is one buffer and one system call; a larger one follows as a second buffer,
 * untouched. Why not always two buffers in one {@code writev}: Netty caps the bytes of a
 * gathering write ({@code maxBytesPerGatheringWrite}), halves the cap after a write the
 * socket took less than half of, and doubles it only after a whole write larger than half the
 * cap. Once a full socket buffer had shrunk the cap below a frame, the small header went out
 * alone ({@code writev} of 54 bytes) and the payload in a second call ({@code sendto}), and a
 * header alone never grows the cap back: a reduce leaf streaming 8 KiB messages paid two
 * system calls per message for the rest of the job. Copying 16 KiB costs far less than a
 * system call; above that, the second call is small beside the payload's own. A payload
 * whose buffer has room in front of it ({@link FrameHeadroom}, as core encodes small messages)
 * gets the length, header and payload tag written there instead, and goes out as its own
 * buffer: no second buffer, no copy.
 *
 * <p>Stateless and sharable.
 */
@ChannelHandler.Sharable
final class FrameEncoder extends MessageToMessageEncoder<OutboundFrame> {

    /**
     * Bytes of {@code maxFrameBytes} reserved for the header and field tags; the payload of
     * one frame is at most {@code maxFrameBytes} minus this.
     */
    static final int MAX_HEADER_OVERHEAD_BYTES = 4096;

    /** Payloads up to this size are copied into the header's buffer (see the class comment). */
    static final int COALESCE_MAX_PAYLOAD_BYTES = 16 * 1024;

    static final int HEADER_TAG = (1 << 3) | 2;
    static final int CONTROL_TAG = (2 << 3) | 2;
    static final int PAYLOAD_TAG = (15 << 3) | 2;

    private final int maxFrameBytes;

    FrameEncoder(int maxFrameBytes) {
        super(OutboundFrame.class);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Size of the {@code Frame} message (without length prefix). */
    static int frameBytes(int messageBytes, int payloadBytes) {
        int size = 1 + CodedOutputStream.computeUInt32SizeNoTag(messageBytes) + messageBytes;
        if (payloadBytes > 0) {
            size += 1 + CodedOutputStream.computeUInt32SizeNoTag(payloadBytes) + payloadBytes;
        }
        return size;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, OutboundFrame frame, List<Object> out) throws IOException {
        Header header = frame.header();
        MessageLite control = header == null ? frame.controlOfControlFrame() : null;
        int tag = header != null ? HEADER_TAG : CONTROL_TAG;
        ByteBuf payload = frame.payload();
        int payloadBytes = payload.readableBytes();
        int messageBytes =
                control != null ? control.getSerializedSize() : HeaderCodec.size(Objects.requireNonNull(header));
        long total = (long) frameBytes(messageBytes, 0)
                + (payloadBytes > 0
                        ? 1 + CodedOutputStream.computeUInt32SizeNoTag(payloadBytes) + (long) payloadBytes
                        : 0);
        if (total > maxFrameBytes) {
            throw new EncoderException("frameBytes=" + total + " > maxFrameBytes=" + maxFrameBytes
                    + " (the sender must chunk payloads larger than the frame limit)");
        }
        boolean coalesce = payloadBytes <= COALESCE_MAX_PAYLOAD_BYTES;
        int headBytes = 4 + (int) total - (coalesce ? 0 : payloadBytes);
        if (header != null && coalesce && payloadBytes > 0 && hasRoomInFront(payload, headBytes - payloadBytes)) {
            writeInFront(payload, headBytes - payloadBytes, (int) total, messageBytes, header);
            out.add(payload.retain());
            return;
        }
        ByteBuf head = ctx.alloc().buffer(headBytes);
        boolean ok = false;
        try {
            writeHead(head, (int) total, tag, messageBytes, header, control, payloadBytes);
            if (coalesce && payloadBytes > 0) {
                head.writeBytes(payload, payload.readerIndex(), payloadBytes);
            }
            out.add(head);
            ok = true;
        } finally {
            if (!ok) {
                head.release();
            }
        }
        if (payloadBytes > 0 && !coalesce) {
            out.add(payload.retain());
        }
    }

    /**
     * Whether the frame's head ({@code prefixBytes}: length, header, payload tag) can be written
     * into {@code payload}'s own buffer in front of its bytes ({@link FrameHeadroom}): there is
     * room, and no other reference shares the buffer (the same payload on its way to a second
     * peer would get this header in front of its bytes too). Bytes in front of a payload's
     * reader index belong to whoever owns the payload, which is the transport once it is sent
     * ({@link Transport#send}).
     */
    private static boolean hasRoomInFront(ByteBuf payload, int prefixBytes) {
        return payload.readerIndex() >= prefixBytes && payload.refCnt() == 1 && !payload.isReadOnly();
    }

    /** Writes the frame's head into the {@code prefixBytes} in front of the payload, which then starts the frame. */
    private static void writeInFront(ByteBuf payload, int prefixBytes, int total, int messageBytes, Header header)
            throws IOException {
        int start = payload.readerIndex() - prefixBytes;
        ByteBuf head = payload.duplicate().setIndex(start, start);
        writeHead(head, total, HEADER_TAG, messageBytes, header, null, payload.readableBytes());
        if (head.writerIndex() != payload.readerIndex()) {
            throw new IllegalStateException("frame head of " + (head.writerIndex() - start) + " bytes (expected: "
                    + prefixBytes + ", the size computed for it)");
        }
        payload.readerIndex(start);
    }

    /**
     * The frame up to its payload's bytes: length prefix, the header or control message with
     * its tag and length, and, when there is a payload, the payload's tag and length.
     */
    private static void writeHead(
            ByteBuf head,
            int total,
            int tag,
            int messageBytes,
            @Nullable Header header,
            @Nullable MessageLite control,
            int payloadBytes)
            throws IOException {
        head.writeInt(total);
        head.writeByte(tag);
        writeVarint(head, messageBytes);
        if (control == null) {
            HeaderCodec.write(Objects.requireNonNull(header), head);
        } else {
            CodedOutputStream cos = CodedOutputStream.newInstance(head.nioBuffer(head.writerIndex(), messageBytes));
            control.writeTo(cos);
            cos.checkNoSpaceLeft();
            head.writerIndex(head.writerIndex() + messageBytes);
        }
        if (payloadBytes > 0) {
            head.writeByte(PAYLOAD_TAG);
            writeVarint(head, payloadBytes);
        }
    }

    static void writeVarint(ByteBuf buf, int value) {
        while ((value & ~0x7F) != 0) {
            buf.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf.writeByte(value);
    }
}
