package dev.jmpi.core.internal;

import dev.jmpi.Status;

/** A synchronous send: complete once the receiver's acknowledgement of the match arrives. */
final class SyncSendRequest extends Completion {

    private final World world;
    private final long timeoutNanos;
    private final int destWorld;
    private final OpText operation;
    private final Status status;

    SyncSendRequest(World world, long timeoutNanos, int destWorld, OpText operation, Status status) {
        super(world.progress());
        this.world = world;
        this.timeoutNanos = timeoutNanos;
        this.destWorld = destWorld;
        this.operation = operation;
        this.status = status;
    }

    int destWorldRank() {
        return destWorld;
    }

    String describe() {
        return operation + " (waiting for the receiver to match)";
    }

    /** The receiver matched the message. */
    void acknowledged() {
        succeed(status);
    }

    @Override
    String operation() {
        return operation.toString();
    }

    @Override
    long awaitLimitNanos() {
        return timeoutNanos;
    }

    @Override
    void limitPassed(long limitNanos) {
        world.timedOut(operation.toString(), limitNanos, destWorld);
    }

    void fail(Breakage b) {
        failWith(b.toException(operation.toString()));
    }
}
