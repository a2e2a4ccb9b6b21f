package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.jmpi.proto.Control;
import dev.jmpi.proto.Frame;
import dev.jmpi.proto.Goodbye;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link FrameEncoder} and {@link FrameDecoder} alone, on embedded channels. */
class FrameCodecTest {

    static final int MAX = 64 * 1024;
    static final Header HEADER = Header.newBuilder()
            .setKind(Kind.P2P)
            .setContext(3)
            .setSource(1)
            .setTag(42)
            .setSequence(9)
            .setCount(5)
            .build();

    static ByteBuf encode(OutboundFrame frame) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(MAX));
        ch.writeOutbound(frame);
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = ch.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        ch.finishAndReleaseAll();
        return all;
    }

    @Test
    void encoderSendsALargePayloadBufferItselfAfterAHeaderBuffer() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(MAX));
        ByteBuf payload = Unpooled.directBuffer().writeBytes(new byte[FrameEncoder.COALESCE_MAX_PAYLOAD_BYTES + 1]);
        ch.writeOutbound(OutboundFrame.data(HEADER, payload));
        ByteBuf head = ch.readOutbound();
        ByteBuf body = ch.readOutbound();
        assertSame(payload, body, "a payload above the coalescing size must be written as-is, not copied");
        assertEquals(1, payload.refCnt());
        head.release();
        body.release();
        assertFalse(ch.finish());
    }

    @Test
    void encoderCopiesASmallPayloadBehindTheHeaderSoTheFrameIsOneWrite() throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(MAX));
        byte[] data = new byte[FrameEncoder.COALESCE_MAX_PAYLOAD_BYTES];
        new java.util.Random(7).nextBytes(data);
        ByteBuf payload = Unpooled.directBuffer().writeBytes(data);
        ch.writeOutbound(OutboundFrame.data(HEADER, payload));
        ByteBuf frame = ch.readOutbound();
        assertNull(ch.readOutbound(), "a small frame must leave the encoder as a single buffer");
        assertEquals(0, payload.refCnt(), "the copied payload must be released");
        assertEquals(frame.readableBytes() - 4, frame.readInt());
        Frame parsed = Frame.parseFrom(ByteBufUtil.getBytes(frame));
        assertEquals(HEADER, parsed.getHeader());
        assertArrayEquals(data, parsed.getPayload().toByteArray());
        frame.release();
        assertFalse(ch.finish());
    }

    /** A pooled buffer as core encodes a small message: {@link FrameHeadroom#BYTES} free in front of the data. */
    private static ByteBuf withHeadroom(byte[] data, int headroom) {
        ByteBuf payload = ByteBufAllocator.DEFAULT.directBuffer(headroom + data.length);
        payload.writeBytes(new byte[headroom], 0, headroom).readerIndex(headroom);
        return payload.writeBytes(data);
    }

    @Test
    void aSmallPayloadWithRoomInFrontGetsItsFrameHeadWrittenThereAndNoCopy() throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(MAX));
        byte[] data = new byte[8192];
        new java.util.Random(11).nextBytes(data);
        ByteBuf payload = withHeadroom(data, FrameHeadroom.BYTES);
        ch.writeOutbound(OutboundFrame.data(HEADER, payload));
        ByteBuf frame = ch.readOutbound();
        assertNull(ch.readOutbound(), "a small frame must leave the encoder as a single buffer");
        assertSame(payload, frame, "the payload's own buffer must carry the frame, not a copy");
        assertEquals(1, frame.refCnt());
        assertEquals(frame.readableBytes() - 4, frame.readInt());
        Frame parsed = Frame.parseFrom(ByteBufUtil.getBytes(frame));
        assertEquals(HEADER, parsed.getHeader());
        assertArrayEquals(data, parsed.getPayload().toByteArray());
        frame.release();
        assertFalse(ch.finish());
    }

    @Test
    void aPayloadWithRoomInFrontEncodesToTheSameBytesAsOneWithout() {
        byte[] data = new byte[1000];
        new java.util.Random(12).nextBytes(data);
        ByteBuf inPlace = encode(OutboundFrame.data(HEADER, withHeadroom(data, FrameHeadroom.BYTES)));
        ByteBuf copied =
                encode(OutboundFrame.data(HEADER, Unpooled.directBuffer().writeBytes(data)));
        assertArrayEquals(ByteBufUtil.getBytes(copied), ByteBufUtil.getBytes(inPlace));
        inPlace.release();
        copied.release();
    }

    @Test
    void aSharedPayloadIsCopiedAndItsRoomInFrontLeftAlone() throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(MAX));
        byte[] data = {1, 2, 3, 4, 5};
        ByteBuf original = withHeadroom(data, FrameHeadroom.BYTES);
        // The same bytes on their way to a second peer: a header written in front would land in both.
        ByteBuf toOtherPeer = original.retainedDuplicate();
        ch.writeOutbound(OutboundFrame.data(HEADER, original));
        ByteBuf frame = ch.readOutbound();
        assertFalse(frame == original || frame.unwrap() == original, "a shared payload must be copied");
        assertEquals(FrameHeadroom.BYTES, toOtherPeer.readerIndex());
        assertArrayEquals(new byte[FrameHeadroom.BYTES], ByteBufUtil.getBytes(toOtherPeer, 0, FrameHeadroom.BYTES));
        assertEquals(
                HEADER,
                Frame.parseFrom(ByteBufUtil.getBytes(frame, 4, frame.readableBytes() - 4))
                        .getHeader());
        frame.release();
        toOtherPeer.release();
        assertFalse(ch.finish());
    }

    @Test
    void aHeaderLongerThanTheRoomInFrontIsWrittenIntoABufferOfItsOwn() throws IOException {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(MAX));
        byte[] data = {7, 7, 7};
        ByteBuf payload = withHeadroom(data, 8);
        ch.writeOutbound(OutboundFrame.data(HEADER, payload));
        ByteBuf frame = ch.readOutbound();
        assertFalse(frame == payload, "8 bytes cannot hold the frame's head");
        assertEquals(0, payload.refCnt(), "the copied payload must be released");
        Frame parsed = Frame.parseFrom(ByteBufUtil.getBytes(frame, 4, frame.readableBytes() - 4));
        assertArrayEquals(data, parsed.getPayload().toByteArray());
        frame.release();
        assertFalse(ch.finish());
    }

    @Test
    void encodedBytesAreALengthPrefixedProtobufFrame() throws IOException {
        byte[] data = {9, 8, 7};
        ByteBuf wire = encode(OutboundFrame.data(HEADER, Unpooled.wrappedBuffer(data)));
        assertEquals(wire.readableBytes() - 4, wire.readInt());
        Frame parsed = Frame.parseFrom(ByteBufUtil.getBytes(wire));
        assertEquals(HEADER, parsed.getHeader());
        assertArrayEquals(data, parsed.getPayload().toByteArray());
        wire.release();
    }

    @Test
    void dataFrameRoundTripsWithPayloadAsASliceOfTheReceiveBuffer() {
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7);
        }
        ByteBuf wire = encode(OutboundFrame.data(HEADER, Unpooled.wrappedBuffer(data)));
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        ch.writeInbound(wire);
        InboundFrame f = ch.readInbound();
        assertEquals(HEADER, f.header());
        assertNull(f.control());
        assertArrayEquals(data, ByteBufUtil.getBytes(f.payload()));
        assertTrue(f.payload().unwrap() != null, "payload should be a slice, not a copy");
        f.release();
        assertFalse(ch.finish());
    }

    @Test
    void controlAndEmptyPayloadFramesRoundTrip() {
        Control bye =
                Control.newBuilder().setGoodbye(Goodbye.getDefaultInstance()).build();
        ByteBuf wire = encode(OutboundFrame.control(bye));
        wire.writeBytes(encode(OutboundFrame.data(Header.getDefaultInstance(), Unpooled.EMPTY_BUFFER)));
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        ch.writeInbound(wire);
        InboundFrame c = ch.readInbound();
        assertEquals(bye, c.control());
        InboundFrame d = ch.readInbound();
        assertEquals(Header.getDefaultInstance(), d.header());
        assertEquals(0, d.payload().readableBytes());
        c.release();
        d.release();
        assertFalse(ch.finish());
    }

    @Test
    void framesSplitIntoSingleBytesAreReassembled() {
        ByteBuf wire = encode(OutboundFrame.data(HEADER, Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        wire.writeBytes(encode(OutboundFrame.data(HEADER, Unpooled.wrappedBuffer(new byte[] {4}))));
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        while (wire.isReadable()) {
            ch.writeInbound(wire.readRetainedSlice(1));
        }
        wire.release();
        InboundFrame a = ch.readInbound();
        InboundFrame b = ch.readInbound();
        assertEquals(3, a.payload().readableBytes());
        assertEquals(4, b.payload().getByte(0));
        a.release();
        b.release();
        assertFalse(ch.finish());
    }

    @Test
    void unknownFieldsFromANewerMinorVersionAreSkipped() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream cos = CodedOutputStream.newInstance(bytes);
        cos.writeMessage(1, HEADER);
        cos.writeUInt64(7, 12345);
        cos.writeString(8, "future");
        cos.writeBytes(15, ByteString.copyFrom(new byte[] {5, 6}));
        cos.flush();
        ByteBuf wire = Unpooled.buffer().writeInt(bytes.size()).writeBytes(bytes.toByteArray());
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        ch.writeInbound(wire);
        InboundFrame f = ch.readInbound();
        assertEquals(HEADER, f.header());
        assertEquals(2, f.payload().readableBytes());
        f.release();
        assertFalse(ch.finish());
    }

    /** A frame with the header, then an unknown field of {@code paddingBytes}, then the payload, or the payload first. */
    private static ByteBuf frameWith(int paddingBytes, byte[] payload, boolean payloadFirst) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream cos = CodedOutputStream.newInstance(bytes);
        if (payloadFirst) {
            cos.writeBytes(15, ByteString.copyFrom(payload));
        }
        cos.writeMessage(1, HEADER);
        cos.writeBytes(9, ByteString.copyFrom(new byte[paddingBytes]));
        if (!payloadFirst) {
            cos.writeBytes(15, ByteString.copyFrom(payload));
        }
        cos.flush();
        return Unpooled.buffer().writeInt(bytes.size()).writeBytes(bytes.toByteArray());
    }

    private static void assertDecodes(ByteBuf wire, byte[] payload) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        ch.writeInbound(wire);
        InboundFrame f = ch.readInbound();
        assertEquals(HEADER, f.header());
        assertArrayEquals(payload, ByteBufUtil.getBytes(f.payload()));
        f.release();
        assertFalse(ch.finish());
    }

    @Test
    void aHeaderThatEndsPastEachLookAtTheHeadIsStillFound() throws IOException {
        byte[] payload = new byte[10_000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 13);
        }
        // Past the first peek (256 bytes), past the head window (4 KiB): each path of the decoder.
        assertDecodes(frameWith(0, payload, false), payload);
        assertDecodes(frameWith(1_000, payload, false), payload);
        assertDecodes(frameWith(6_000, payload, false), payload);
    }

    @Test
    void decodingAFrameAllocatesNothingLikeItsHeadOrItsSize() {
        // protobuf copies a direct ByteBuffer into a fresh array before reading it: parsing over
        // the receive buffer itself cost 4 KiB of garbage per 8 KiB frame.
        // The tests' paranoid leak detector records a stack trace at every buffer access.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            ByteBuf one = encode(OutboundFrame.data(HEADER, Unpooled.wrappedBuffer(new byte[8192])));
            EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
            decodeAndCountAllocatedBytes(ch, one, 200); // loads and links the classes of the path
            long perFrame = decodeAndCountAllocatedBytes(ch, one, 2_000) / 2_000;
            one.release();
            assertTrue(
                    perFrame < 2048,
                    "decoding allocated " + perFrame + " bytes per 8 KiB frame (expected: under 2 KiB)");
            assertFalse(ch.finish());
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    /** Feeds {@code frames} copies of {@code one} to {@code ch} in one buffer; the bytes this thread allocated meanwhile. */
    private static long decodeAndCountAllocatedBytes(EmbeddedChannel ch, ByteBuf one, int frames) {
        ByteBuf wire = Unpooled.directBuffer(one.readableBytes() * frames);
        for (int i = 0; i < frames; i++) {
            wire.writeBytes(one, one.readerIndex(), one.readableBytes());
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        ch.writeInbound(wire);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        int decoded = 0;
        InboundFrame f;
        while ((f = ch.readInbound()) != null) {
            decoded++;
            f.release();
        }
        assertEquals(frames, decoded);
        return allocated;
    }

    @Test
    void aPayloadThatIsNotLastIsFoundInLargeAndSmallFrames() throws IOException {
        byte[] large = new byte[10_000];
        large[9_999] = 42;
        assertDecodes(frameWith(3, large, true), large);
        byte[] small = {7, 8, 9};
        assertDecodes(frameWith(3, small, true), small);
    }

    @Test
    void oversizedLengthPrefixClosesTheConnectionNamingBothSizes() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        TooLongFrameException e = assertThrows(
                TooLongFrameException.class,
                () -> ch.writeInbound(Unpooled.buffer().writeInt(MAX + 1).writeBytes(new byte[100])));
        assertEquals("frameBytes=" + (MAX + 1) + " > maxFrameBytes=" + MAX, e.getMessage());
        assertFalse(ch.isOpen());
        assertNull(ch.readInbound());
    }

    @Test
    void negativeLengthPrefixClosesTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        CorruptedFrameException e = assertThrows(
                CorruptedFrameException.class,
                () -> ch.writeInbound(Unpooled.buffer().writeInt(-2)));
        assertTrue(e.getMessage().contains("frameBytes=4294967294 > maxFrameBytes=" + MAX), e.getMessage());
        assertFalse(ch.isOpen());
    }

    @Test
    void connectionClosedMidFrameIsReportedAsTruncated() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        ch.writeInbound(Unpooled.buffer().writeInt(100).writeBytes(new byte[10]));
        assertNull(ch.readInbound());
        CorruptedFrameException e = assertThrows(CorruptedFrameException.class, ch::finish);
        assertEquals("connection closed mid-frame: received 14 of 104 bytes", e.getMessage());
    }

    @Test
    void unparsableFrameBodyClosesTheConnection() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        ByteBuf garbage = Unpooled.buffer()
                .writeInt(6)
                .writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        CorruptedFrameException e = assertThrows(CorruptedFrameException.class, () -> ch.writeInbound(garbage));
        assertTrue(e.getMessage().startsWith("malformed frame of 6 bytes"), e.getMessage());
        assertFalse(ch.isOpen());
    }

    @Test
    void frameWithBothHeaderAndControlIsRejected() throws IOException {
        byte[] body = Frame.newBuilder()
                .setHeader(HEADER)
                .setControl(Control.newBuilder().setGoodbye(Goodbye.getDefaultInstance()))
                .build()
                .toByteArray();
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX));
        CorruptedFrameException e = assertThrows(
                CorruptedFrameException.class,
                () -> ch.writeInbound(Unpooled.buffer().writeInt(body.length).writeBytes(body)));
        assertTrue(e.getMessage().contains("both header and control"), e.getMessage());
    }

    @Test
    void encoderRefusesAFrameAboveTheLimitAndReleasesIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(1024));
        ByteBuf payload = Unpooled.buffer().writeBytes(new byte[2000]);
        assertThrows(
                io.netty.handler.codec.EncoderException.class,
                () -> ch.writeOutbound(OutboundFrame.data(HEADER, payload)));
        assertEquals(0, payload.refCnt());
        ch.finishAndReleaseAll();
    }
}
