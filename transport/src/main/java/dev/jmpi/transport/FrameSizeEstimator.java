package dev.jmpi.transport;

import io.netty.channel.DefaultMessageSizeEstimator;
import io.netty.channel.MessageSizeEstimator;

/**
 * Tells Netty how many bytes an {@link OutboundFrame} will occupy, so frames written from
 * user threads count toward the write-buffer water marks as soon as they are submitted and
 * {@code Channel.isWritable()} reflects them: backpressure then bounds what a fast sender
 * can queue. Stateless; any thread.
 */
final class FrameSizeEstimator implements MessageSizeEstimator {

    static final FrameSizeEstimator INSTANCE = new FrameSizeEstimator();

    private static final Handle HANDLE = new Handle() {
        private final Handle fallback = DefaultMessageSizeEstimator.DEFAULT.newHandle();

        @Override
        public int size(Object msg) {
            if (msg instanceof OutboundFrame) {
                return ((OutboundFrame) msg).wireBytes();
            }
            return fallback.size(msg);
        }
    };

    private FrameSizeEstimator() {}

    @Override
    public Handle newHandle() {
        return HANDLE;
    }
}
