package dev.jmpi.core.internal;

import dev.jmpi.JmpiException;
import dev.jmpi.Status;

/** A blocking probe waiting for a matching message; it looks and leaves the message queued. */
final class ProbeRequest extends Matchable {

    private final CommunicatorImpl comm;
    private final int sourceWorld;
    private final int tag;
    private final String operation;
    private volatile Status status;
    private volatile JmpiException failure;

    ProbeRequest(CommunicatorImpl comm, int sourceWorld, int tag, String operation) {
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
        status = comm.statusOf(m);
        complete();
    }

    @Override
    void fail(Breakage b) {
        failure = b.toException(operation);
        complete();
    }

    Status await() {
        long timeout = comm.timeoutNanos();
        if (!awaitUntil(Waits.deadline(timeout))) {
            comm.world().timedOut(operation, timeout, sourceWorld);
            awaitUntil(Long.MAX_VALUE);
        }
        if (failure != null) {
            throw failure;
        }
        return status;
    }
}
