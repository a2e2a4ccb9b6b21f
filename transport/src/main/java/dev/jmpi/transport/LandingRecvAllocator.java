package dev.jmpi.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;

/**
 * The receive-buffer allocator of a connection that can read payloads straight into a
 * {@link PayloadLanding}: while {@link LandingReads} has a payload landing, each read buffer is
 * the landing's own memory; otherwise it is the channel's usual allocator's. Set on the
 * channel before its first read (Netty keeps the first handle it makes); not on TLS
 * connections, whose reads are ciphertext.
 */
final class LandingRecvAllocator implements RecvByteBufAllocator {

    private final RecvByteBufAllocator base;
    private final LandingReads reads = new LandingReads();

    LandingRecvAllocator(RecvByteBufAllocator base) {
        this.base = base;
    }

    /** The landing state this allocator reads from. */
    LandingReads reads() {
        return reads;
    }

    /**
     * Netty's interface still returns the deprecated {@code Handle}; every channel asks for
     * an {@code ExtendedHandle} (epoll checks it), which this is.
     */
    @Override
    @SuppressWarnings("deprecation")
    public Handle newHandle() {
        return new LandingHandle((ExtendedHandle) base.newHandle(), reads);
    }

    private static final class LandingHandle extends DelegatingHandle implements ExtendedHandle {
        private final ExtendedHandle base;
        private final LandingReads reads;

        LandingHandle(ExtendedHandle base, LandingReads reads) {
            super(base);
            this.base = base;
            this.reads = reads;
        }

        @Override
        public ByteBuf allocate(ByteBufAllocator alloc) {
            ByteBuf landing = reads.readBuffer();
            if (landing != null) {
                return landing;
            }
            if (reads.headRead()) {
                return alloc.ioBuffer(LandingReads.HEAD_READ_BYTES);
            }
            return base.allocate(alloc);
        }

        @Override
        public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
            return base.continueReading(maybeMoreDataSupplier);
        }
    }
}
