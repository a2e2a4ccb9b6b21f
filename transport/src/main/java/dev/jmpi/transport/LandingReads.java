package dev.jmpi.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The payload of one inbound frame landing in its {@link PayloadLanding}: the state that
 * {@link FrameDecoder} (which starts and advances it) and the channel's
 * {@link LandingRecvAllocator} (which hands out the landing's memory as the next read
 * buffer) share. One instance per channel, owned by the channel's event loop.
 *
 * <p>While a payload lands in direct memory, each socket read gets a buffer over the
 * payload's remaining bytes in the landing ({@link #readBuffer}), so it can never read past
 * the payload; the decoder counts what it got ({@link #advance}). Bytes of the payload that
 * were read into a transport buffer (with the header, every read of a landing without direct
 * memory, or after the landing was closed) are written into it or dropped by the decoder
 * ({@link #copy}). After a payload has landed, the next read is
 * small ({@link #headRead}): it takes the next frame's header, so that little of a
 * following payload is read into a transport buffer before its landing is known.
 */
final class LandingReads {

    /** Payloads of at least this many bytes are offered a landing. */
    static final int MIN_PAYLOAD_BYTES = 64 * 1024;
    /** Size of the read after a payload has landed. */
    static final int HEAD_READ_BYTES = 512;

    private @Nullable PayloadLanding landing;
    private int payloadBytes;
    private int received;
    private boolean headReadNext;

    /** Whether a payload is landing. */
    boolean active() {
        return landing != null;
    }

    /** Bytes of the landing payload still to come. */
    int remaining() {
        return payloadBytes - received;
    }

    /** Starts landing a payload of {@code bytes} bytes in {@code l}. */
    void begin(PayloadLanding l, int bytes) {
        landing = l;
        payloadBytes = bytes;
        received = 0;
    }

    /**
     * A buffer over the landing's remaining bytes for the next socket read, or null: not
     * landing, a landing without direct memory (the read goes to a transport buffer and is
     * written into it), or the landing is closed (the read goes to a transport buffer and is
     * dropped).
     */
    @Nullable
    ByteBuf readBuffer() {
        PayloadLanding l = landing;
        if (l == null) {
            return null;
        }
        ByteBuffer target = l.directTarget();
        if (target == null || !l.acquire()) {
            return null;
        }
        ByteBuffer view = target.duplicate();
        view.limit(payloadBytes).position(received);
        return new LandingBuf(view, l);
    }

    /**
     * Whether the next read should be a small one: none has brought bytes since a payload
     * landed (a read that finds the socket empty does not count).
     */
    boolean headRead() {
        return headReadNext;
    }

    /** Bytes came in a transport buffer: later reads are the usual size again. */
    void readIntoTransportBuffer() {
        headReadNext = false;
    }

    /** {@code n} bytes of the payload arrived; true once it is complete (landing ends). */
    boolean advance(int n) {
        received += n;
        if (received < payloadBytes) {
            return false;
        }
        landing = null;
        headReadNext = true;
        return true;
    }

    /**
     * Copies the next {@code n} bytes of {@code in} (payload read into a transport buffer)
     * into the landing, or drops them if it is closed; advances {@code in} and this.
     */
    boolean copy(ByteBuf in, int n) {
        PayloadLanding l = landing;
        if (l != null && l.acquire()) {
            try {
                l.write(in, received, n);
            } finally {
                l.release(n, true);
            }
        }
        in.skipBytes(n);
        return advance(n);
    }

    /** Forgets a landing payload (the connection ended or failed). */
    void reset() {
        landing = null;
        headReadNext = false;
    }

    /**
     * The landing's memory as a read buffer, empty and sized to the payload's remaining
     * bytes. Releasing it (whoever does: the decoder, or Netty after a failed read) ends the
     * write that {@link PayloadLanding#acquire} began. Never frees the memory.
     */
    static final class LandingBuf extends UnpooledDirectByteBuf {
        private final PayloadLanding landing;

        LandingBuf(ByteBuffer view, PayloadLanding landing) {
            super(UnpooledByteBufAllocator.DEFAULT, view, view.remaining());
            this.landing = landing;
            clear();
        }

        @Override
        protected void deallocate() {
            int written = writerIndex();
            super.deallocate();
            landing.release(written, false);
        }
    }
}
