package dev.jmpi.core.internal;

import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Message;
import dev.jmpi.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A message a matched probe took out of its context's queue: held, with its payload (or its
 * request-to-send) and the credit it took, until a receive takes it once.
 */
final class MatchedMessage implements Message {

    private final CommunicatorImpl comm;
    /** The message, or null for PROC_NULL's. */
    private final @Nullable InboundMessage inbound;

    private final Status status;
    private final AtomicBoolean received = new AtomicBoolean();

    MatchedMessage(CommunicatorImpl comm, @Nullable InboundMessage inbound, Status status) {
        this.comm = comm;
        this.inbound = inbound;
        this.status = status;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public boolean isReceived() {
        return received.get();
    }

    /**
     * Checks that {@code message} is one of {@code comm}'s not yet received, and marks it
     * received.
     */
    static MatchedMessage take(CommunicatorImpl comm, Message message, OpText operation) {
        if (!(message instanceof MatchedMessage m) || m.comm != comm) {
            throw new InvalidArgumentException(operation + ": message=" + message
                    + " (expected: a Message from mprobe or improbe on this communicator)");
        }
        if (!m.received.compareAndSet(false, true)) {
            throw new InvalidArgumentException(operation + ": message=" + message
                    + " was received already (expected: each matched message received once)");
        }
        return m;
    }

    /** The message to deliver, or null if it is PROC_NULL's. */
    @Nullable
    InboundMessage inbound() {
        return inbound;
    }

    @Override
    public String toString() {
        return "Message[" + status + (received.get() ? ", received" : "") + "]";
    }
}
