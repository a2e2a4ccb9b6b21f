package dev.jmpi.core.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A matched probe ({@code mprobe}) waiting in a context's queue: unlike a {@link ProbeRequest}
 * it takes the message it matches out of the queue, as a receive would, and holds it as a
 * {@link MatchedMessage} for a later {@code mrecv}.
 */
final class MatchedProbe extends PostedReceive {

    private volatile @Nullable MatchedMessage message;

    MatchedProbe(CommunicatorImpl comm, int sourceWorld, int tag, OpText operation) {
        super(comm, sourceWorld, tag, operation);
    }

    /** The matched message; only once done without failure. */
    MatchedMessage message() {
        result();
        return Objects.requireNonNull(message, "the message of a matched probe that succeeded");
    }

    @Override
    String describe() {
        return operation.toString();
    }

    @Override
    void deliver(InboundMessage m) {
        MatchedMessage held = new MatchedMessage(comm, m, comm.statusOf(m));
        message = held;
        succeed(held.status());
    }
}
