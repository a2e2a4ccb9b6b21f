package dev.jmpi.core.internal;


/** A probe waiting for a matching message; it looks and leaves the message queued. */
final class ProbeRequest extends Matchable {

    private final CommunicatorImpl comm;
    private final int sourceWorld;
    private final int tag;
    private final OpText operation;

    ProbeRequest(CommunicatorImpl comm, int sourceWorld, int tag, OpText operation) {
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
        return operation.toString();
    }

    @Override
    void deliver(InboundMessage m) {
        succeed(comm.statusOf(m));
    }

    @Override
    void fail(Breakage b) {
        failWith(b.toException(operation.toString()));
    }

    @Override
    String operation() {
        return operation.toString();
    }

    @Override
    long awaitLimitNanos() {
        return comm.timeoutNanos();
    }

    @Override
    void limitPassed(long limitNanos) {
        comm.world().timedOut(operation.toString(), limitNanos, sourceWorld);
    }
}
