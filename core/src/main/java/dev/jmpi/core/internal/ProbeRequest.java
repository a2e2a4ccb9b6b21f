package dev.jmpi.core.internal;

import dev.jmpi.Status;

/** A probe waiting for a matching message; it looks and leaves the message queued. */
final class ProbeRequest extends Matchable {

    private final CommunicatorImpl comm;
    private final int sourceWorld;
    private final int tag;
    private final String operation;

    ProbeRequest(CommunicatorImpl comm, int sourceWorld, int tag, String operation) {
        super(comm.world().progress());
        this.comm = comm;
        this.sourceWorld = sourceWorld;
        this.tag = tag;
        this.operation = operation;
    }

    @Override
    int sourceWorldRank() {
        return sourceWorld;
    }

    @Override
    int tag() {
        return tag;
    }

    @Override
    boolean isProbe() {
        return true;
    }

    @Override
    String describe() {
        return operation;
    }

    @Override
    void deliver(InboundMessage m) {
        succeed(comm.statusOf(m));
    }

    @Override
    void fail(Breakage b) {
        failWith(b.toException(operation));
    }

    Status await() {
        return awaitResult(comm.world(), comm.timeoutNanos(), operation, sourceWorld);
    }
}
