package dev.jmpi.core.internal;

import dev.jmpi.Request;
import dev.jmpi.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A synchronous send: complete once the receiver's acknowledgement of the match arrives. */
final class SyncSendRequest extends Completion implements Request {

    private final World world;
    private final long timeoutNanos;
    private final int destWorld;
    private final String operation;
    private final Status status;

    SyncSendRequest(World world, long timeoutNanos, int destWorld, String operation, Status status) {
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

    void fail(Breakage b) {
        failWith(b.toException(operation));
    }

    @Override
    public Status await() {
        return awaitResult(world, timeoutNanos, operation, destWorld);
    }

    @Override
    public Status await(Duration timeout) {
        return awaitResult(world, timeout.toNanos(), operation, destWorld);
    }

    @Override
    public boolean test() {
        return testDone();
    }

    @Override
    public Status status() {
        return resultIfDone();
    }

    @Override
    public boolean cancel() {
        return false;
    }

    @Override
    public CompletableFuture<Status> toCompletableFuture() {
        return future();
    }
}
