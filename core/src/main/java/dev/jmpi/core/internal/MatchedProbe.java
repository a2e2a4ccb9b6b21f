package dev.jmpi.core.internal;

/**
 * A matched probe ({@code mprobe}) waiting in a context's queue: unlike a {@link ProbeRequest}
 * it takes the message it matches out of the queue, as a receive would, and holds it as a
 * {@link MatchedMessage} for a later {@code mrecv}.
 */
final class MatchedProbe extends Matchable {

    private final CommunicatorImpl comm;
    private final int sourceWorld;
    private final int tag;
    private final OpText operation;
    private volatile MatchedMessage message;

    MatchedProbe(CommunicatorImpl comm, int sourceWorld, int tag, OpText operation) {
        super(comm.world().progress());
        this.comm = comm;
        this.sourceWorld = sourceWorld;
        this.tag = tag;
        this.operation = operation;
    }

    /** The matched message; only once done without failure. */
    MatchedMessage message() {
        result();
        return message;
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
    String describe() {
        return operation.toString();
    }

    @Override
    void deliver(InboundMessage m) {
        MatchedMessage held = new MatchedMessage(comm, m, comm.statusOf(m));
        message = held;
        succeed(held.status());
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
