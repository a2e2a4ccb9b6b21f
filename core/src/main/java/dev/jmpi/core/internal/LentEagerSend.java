package dev.jmpi.core.internal;

import dev.jmpi.Status;
import dev.jmpi.proto.Header;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * An eager send of a large direct {@link ByteBuffer} ({@link FlowControl#LEND_EAGER_MIN_BYTES}
 * and up) whose bytes the transport writes from the user's memory ({@link LentBuffer}) instead of
 * from a copy. The send completes once the transport has written them to the socket and let go of
 * the buffer, not when it was handed over, because the user may reuse the buffer as soon as the
 * send has completed. A blocking send waits for that while driving the progress engine, so a rank
 * whose peer sends to it at the same time still reads, and both writes drain.
 *
 * <p>Threads: any; the two holds (handed over, returned) are an atomic, the result a
 * {@link Completion}.
 */
final class LentEagerSend extends OutgoingSend {

    private final Status status;
    /** The hand-over to the transport and the buffer's return, both due. */
    private final AtomicInteger holds = new AtomicInteger(2);

    private volatile @Nullable RuntimeException failure;

    private LentEagerSend(World world, FlowControl flow, Outgoing message) {
        super(world.progress(), flow, message);
        this.status = message.status();
    }

    /** Sends {@code m} (eager, its credit taken) with header {@code h} from the user's memory. */
    static LentEagerSend start(World world, FlowControl flow, Outgoing m, Header.Builder h) {
        LentEagerSend s = new LentEagerSend(world, flow, m);
        LentBuffer lent = new LentBuffer((ByteBuffer) m.buf(), m.offset(), (int) m.bytes(), s::holdDone);
        try {
            // Consumes the buffer whatever happens: the transport's release returns it.
            flow.transmit(m.destWorld(), h, lent, m.operation());
        } catch (RuntimeException e) {
            s.failure = e;
        }
        s.holdDone();
        return s;
    }

    private void holdDone() {
        if (holds.decrementAndGet() != 0 || isDone()) {
            return;
        }
        RuntimeException f = failure;
        if (f != null) {
            failWith(f);
        } else {
            succeed(status);
        }
    }
}
