package dev.jmpi.core.internal;

import dev.jmpi.transport.Progress;

/**
 * The request of a send of one {@link Outgoing} message that completes after the call returns
 * (by rendezvous, or from a lent buffer): named, limited in time and timed out as the message says.
 */
abstract class OutgoingSend extends Completion {

    final FlowControl flow;
    final Outgoing message;

    OutgoingSend(Progress progress, FlowControl flow, Outgoing message) {
        super(progress);
        this.flow = flow;
        this.message = message;
    }

    @Override
    final String operation() {
        return message.operation().toString();
    }

    @Override
    final long awaitLimitNanos() {
        return message.timeoutNanos();
    }

    /** Breaks the job as a timeout, which fails this send (or its data write) in turn. */
    @Override
    final void limitPassed(long limitNanos) {
        flow.timedOut(message.operation().toString(), limitNanos, message.destWorld());
    }
}
