package dev.jmpi.transport;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * An allocator that remembers every buffer it hands out, so a test can assert that all of
 * them were released: a deterministic leak check, independent of the sampling leak
 * detector. Single-threaded use (embedded channels).
 */
final class TrackingAllocator extends AbstractByteBufAllocator {

    private final UnpooledByteBufAllocator delegate = new UnpooledByteBufAllocator(false, true);
    private final List<ByteBuf> allocated = new ArrayList<>();

    TrackingAllocator() {
        super(false);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return track(delegate.heapBuffer(initialCapacity, maxCapacity));
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        return track(delegate.directBuffer(initialCapacity, maxCapacity));
    }

    private ByteBuf track(ByteBuf buf) {
        allocated.add(buf);
        return buf;
    }

    @Override
    public boolean isDirectBufferPooled() {
        return false;
    }

    /** Buffers not yet fully released, described; empty when nothing leaked. Resets the list. */
    List<String> leaksAndReset() {
        List<String> leaks = new ArrayList<>();
        for (ByteBuf b : allocated) {
            if (b.refCnt() != 0) {
                leaks.add(b + " refCnt=" + b.refCnt());
            }
        }
        allocated.clear();
        return leaks;
    }

    int count() {
        return allocated.size();
    }
}
