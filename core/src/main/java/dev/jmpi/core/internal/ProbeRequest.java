package dev.jmpi.core.internal;

import dev.jmpi.Status;
import org.jspecify.annotations.Nullable;

/**
 * A probe for a matching message: it looks and leaves the message queued. The status is read
 * under the queue's lock ({@link #inspect}), since once the lock is released another thread
 * may receive the message and free its payload.
 */
final class ProbeRequest extends PostedReceive {

    /** What {@link #inspect} saw; written and read by the thread that matched this. */
    private @Nullable Status seen;

    ProbeRequest(CommunicatorImpl comm, int sourceWorld, int tag, OpText operation) {
        super(comm, sourceWorld, tag, operation);
    }

    @Override
    boolean isProbe() {
        return true;
    }

    @Override
    String describe() {
        return operation.toString();
    }

    @Override
    void inspect(InboundMessage m) {
        seen = comm.statusOf(m);
    }

    @Override
    void deliver(InboundMessage m) {
        succeed(seen);
    }
}
