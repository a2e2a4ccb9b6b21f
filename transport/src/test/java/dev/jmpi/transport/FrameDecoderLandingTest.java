package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameDecoder} with {@link LandingReads} on an embedded channel, the test playing
 * the socket: bytes read into ordinary buffers go in as such, and bytes the socket would
 * read into the landing are written into the buffer {@link LandingReads#readBuffer} hands
 * out, as the channel's {@link LandingRecvAllocator} makes Netty do.
 */
class FrameDecoderLandingTest {

    private static final int MAX = 4 * 1024 * 1024;
    private static final int PAYLOAD = 300_000;
    private static final Header BIG = Header.newBuilder()
            .setKind(Kind.RENDEZVOUS_DATA)
            .setSource(1)
            .setSequence(7)
            .setDataOffset(1 << 20)
            .build();
    private static final Header SMALL = BIG.toBuilder().setSequence(8).build();

    /** A landing over a direct buffer that counts what was written and can be closed. */
    static final class TestLanding implements PayloadLanding {
        final ByteBuffer target = ByteBuffer.allocateDirect(PAYLOAD);
        /** Whether the transport may read the socket straight into {@link #target}. */
        final boolean direct;
        /** Offsets and sizes of the writes, in order. */
        final List<int[]> writes = new ArrayList<>();

        boolean closed;
        boolean writing;
        int copied;
        int straight;

        TestLanding() {
            this(true);
        }

        TestLanding(boolean direct) {
            this.direct = direct;
        }

        @Override
        public int bytes() {
            return PAYLOAD;
        }

        @Override
        public @Nullable ByteBuffer directTarget() {
            return direct ? target : null;
        }

        @Override
        public void write(ByteBuf src, int at, int n) {
            ByteBuffer dst = target.duplicate();
            dst.limit(at + n).position(at);
            src.getBytes(src.readerIndex(), dst);
            writes.add(new int[] {at, n});
        }

        @Override
        public boolean acquire() {
            assertFalse(writing, "one write at a time");
            writing = !closed;
            return writing;
        }

        @Override
        public void release(int bytes, boolean wasCopied) {
            assertTrue(writing, "release without acquire");
            writing = false;
            if (wasCopied) {
                copied += bytes;
            } else {
                straight += bytes;
            }
        }

        byte[] contents() {
            byte[] b = new byte[PAYLOAD];
            target.duplicate().clear().get(b);
            return b;
        }
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 13 + i / 251);
        }
        return b;
    }

    private static ByteBuf wire(Header h, byte[] payload) {
        EmbeddedChannel ch = new EmbeddedChannel(new FrameEncoder(MAX));
        ch.writeOutbound(OutboundFrame.data(h, Unpooled.wrappedBuffer(payload)));
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = ch.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        ch.finishAndReleaseAll();
        return all;
    }

    /** Feeds {@code n} bytes of {@code wire} as the socket would read them into the landing. */
    private static int readIntoLanding(EmbeddedChannel ch, LandingReads reads, ByteBuf wire, int n) {
        ByteBuf into = reads.readBuffer();
        assertNotNull(into, "a buffer over the landing while its payload comes");
        assertEquals(reads.remaining(), into.writableBytes(), "sized to the rest of the payload");
        int take = Math.min(n, into.writableBytes());
        into.writeBytes(wire, take);
        ch.writeInbound(into);
        return take;
    }

    @Test
    void payloadAfterTheHeaderIsReadStraightIntoTheLandingAndTheFrameGoesOnEmpty() {
        byte[] payload = pattern(PAYLOAD);
        byte[] small = pattern(100);
        ByteBuf wire = Unpooled.wrappedBuffer(wire(BIG, payload), wire(SMALL, small));
        LandingReads reads = new LandingReads();
        TestLanding landing = new TestLanding();
        List<Header> asked = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, reads, (h, n) -> {
            asked.add(h);
            assertEquals(PAYLOAD, n);
            return landing;
        }));

        ch.writeInbound(wire.readRetainedSlice(20)); // not yet the whole header
        assertTrue(asked.isEmpty());
        ch.writeInbound(wire.readRetainedSlice(2000)); // the header and the first payload bytes
        assertEquals(List.of(BIG), asked);
        assertTrue(reads.active());
        assertTrue(landing.copied > 0 && landing.copied < 2020, "copied " + landing.copied);
        assertNull(ch.readInbound());
        while (reads.active()) {
            readIntoLanding(ch, reads, wire, 70_000);
        }
        assertTrue(reads.headRead(), "the read after a landing takes the next header only");
        ch.writeInbound(wire.readRetainedSlice(wire.readableBytes()));
        assertFalse(reads.headRead(), "and only that read");

        InboundFrame big = ch.readInbound();
        assertEquals(BIG, big.header());
        assertEquals(0, big.payload().readableBytes(), "the payload is in the landing, not in the frame");
        assertArrayEquals(payload, landing.contents());
        assertEquals(PAYLOAD, landing.copied + landing.straight);
        assertTrue(landing.straight > PAYLOAD - 2020, "direct " + landing.straight);
        InboundFrame next = ch.readInbound();
        assertEquals(SMALL, next.header());
        assertArrayEquals(small, ByteBufUtil.getBytes(next.payload()));
        next.release();
        assertEquals(1, asked.size(), "small frames are not offered a landing");
        assertFalse(ch.finish());
        wire.release();
    }

    @Test
    void aClosedLandingGetsNoMoreBytesAndTheStreamStaysInStep() {
        byte[] payload = pattern(PAYLOAD);
        byte[] small = pattern(100);
        ByteBuf wire = Unpooled.wrappedBuffer(wire(BIG, payload), wire(SMALL, small));
        LandingReads reads = new LandingReads();
        TestLanding landing = new TestLanding();
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, reads, (h, n) -> landing));

        ch.writeInbound(wire.readRetainedSlice(1000));
        readIntoLanding(ch, reads, wire, 50_000);
        landing.closed = true; // its receive failed: what comes now must not reach the buffer
        byte[] atClose = landing.contents();
        int written = landing.copied + landing.straight;
        assertNull(reads.readBuffer(), "no read into a closed landing");
        // The rest comes in ordinary buffers, the last straddling the next frame.
        ch.writeInbound(wire.readRetainedSlice(100_000));
        ch.writeInbound(wire.readRetainedSlice(wire.readableBytes()));

        assertArrayEquals(atClose, landing.contents(), "nothing written after close");
        assertEquals(written, landing.copied + landing.straight);
        InboundFrame big = ch.readInbound();
        assertEquals(BIG, big.header());
        assertEquals(0, big.payload().readableBytes());
        InboundFrame next = ch.readInbound();
        assertEquals(SMALL, next.header());
        assertArrayEquals(small, ByteBufUtil.getBytes(next.payload()));
        next.release();
        assertFalse(ch.finish());
        wire.release();
    }

    @Test
    void withoutALandingALargeFrameComesInTransportBuffersAsBefore() {
        byte[] payload = pattern(PAYLOAD);
        ByteBuf wire = wire(BIG, payload);
        LandingReads reads = new LandingReads();
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, reads, (h, n) -> null));
        ch.writeInbound(wire.readRetainedSlice(5000));
        assertFalse(reads.active());
        assertNull(reads.readBuffer());
        ch.writeInbound(wire.readRetainedSlice(wire.readableBytes()));
        InboundFrame f = ch.readInbound();
        assertArrayEquals(payload, ByteBufUtil.getBytes(f.payload()));
        f.release();
        assertFalse(ch.finish());
        wire.release();
    }

    @Test
    void connectionClosedWhileAPayloadLandsIsReportedAsTruncated() {
        ByteBuf wire = wire(BIG, pattern(PAYLOAD));
        LandingReads reads = new LandingReads();
        TestLanding landing = new TestLanding();
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, reads, (h, n) -> landing));
        ch.writeInbound(wire.readRetainedSlice(1000));
        int missing = reads.remaining();
        CorruptedFrameException e = assertThrows(CorruptedFrameException.class, ch::finish);
        assertEquals("connection closed mid-frame: " + missing + " bytes of a landing payload missing", e.getMessage());
        assertFalse(reads.active());
        assertNull(ch.readInbound());
        wire.release();
    }

    @Test
    void aLandingBufferReleasedUnreadStillEndsItsWrite() {
        LandingReads reads = new LandingReads();
        TestLanding landing = new TestLanding();
        reads.begin(landing, PAYLOAD);
        ByteBuf b = reads.readBuffer();
        assertNotNull(b);
        assertTrue(landing.writing);
        b.writeBytes(new byte[10]);
        b.release(); // as Netty does with a buffer a failed read leaves
        assertFalse(landing.writing);
        assertEquals(10, landing.straight);
        assertEquals(PAYLOAD, landing.target.limit());
    }

    @Test
    void aLandingWithoutDirectMemoryIsWrittenEachReceiveBufferAsItComes() {
        byte[] payload = pattern(PAYLOAD);
        byte[] small = pattern(100);
        ByteBuf wire = Unpooled.wrappedBuffer(wire(BIG, payload), wire(SMALL, small));
        LandingReads reads = new LandingReads();
        TestLanding landing = new TestLanding(false);
        EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(MAX, reads, (h, n) -> landing));

        ch.writeInbound(wire.readRetainedSlice(2000)); // the header and the first payload bytes
        assertTrue(reads.active());
        int afterHeader = landing.copied;
        assertTrue(afterHeader > 0 && afterHeader < 2000, "copied " + afterHeader);
        while (reads.active()) {
            assertNull(reads.readBuffer(), "no socket read straight into a landing without direct memory");
            ch.writeInbound(wire.readRetainedSlice(Math.min(30_000, reads.remaining())));
            if (reads.active()) {
                assertNull(ch.readInbound(), "the frame goes on only once its payload has all landed");
            }
        }
        ch.writeInbound(wire.readRetainedSlice(wire.readableBytes()));

        InboundFrame big = ch.readInbound();
        assertEquals(BIG, big.header());
        assertSame(PayloadLanding.LANDED, big.payload(), "the payload is in the landing, not in the frame");
        assertArrayEquals(payload, landing.contents());
        assertEquals(PAYLOAD, landing.copied);
        assertEquals(0, landing.straight);
        int expectedAt = 0;
        for (int[] w : landing.writes) {
            assertEquals(expectedAt, w[0], "writes in payload order, each as its buffer came");
            assertTrue(w[1] <= 30_000, "no write gathers more than one receive buffer: " + w[1]);
            expectedAt += w[1];
        }
        assertEquals(PAYLOAD, expectedAt);
        InboundFrame next = ch.readInbound();
        assertEquals(SMALL, next.header());
        assertArrayEquals(small, ByteBufUtil.getBytes(next.payload()));
        next.release();
        assertFalse(ch.finish());
        wire.release();
    }
}
