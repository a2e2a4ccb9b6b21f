package dev.jmpi.core.internal;

import dev.jmpi.JmpiException;
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
    private volatile JmpiException failure;
    private CompletableFuture<Status> future;

    SyncSendRequest(World world, long timeoutNanos, int destWorld, String operation, Status status) {
        this.world = world;
        this.timeoutNanos = timeoutNanos;
        this.destWorld = destWorld;
        this.operation = operation;
        this.status = status;
    }

    String describe() {
        return operation + " (waiting for the receiver to match)";
    }

    int destWorld() {
        return destWorld;
    }

    void fail(Breakage b) {
        failure = b.toException(operation);
        complete();
    }

    void fail(JmpiException e) {
        failure = e;
        complete();
    }

    @Override
    synchronized void onComplete() {
        if (future != null) {
            complete(future);
        }
    }

    @Override
    public Status await() {
        return await(timeoutNanos);
    }

    @Override
    public Status await(Duration timeout) {
        return await(timeout.toNanos());
    }

    private Status await(long nanos) {
        if (!awaitUntil(Waits.deadline(nanos))) {
            world.timedOut(operation, nanos, destWorld);
            awaitUntil(Long.MAX_VALUE);
        }
        if (failure != null) {
            throw failure;
        }
        return status;
    }

    @Override
    public boolean test() {
        return isDone();
    }

    @Override
    public Status status() {
        return isDone() ? await() : null;
    }

    @Override
    public boolean cancel() {
        return false;
    }

    @Override
    public synchronized CompletableFuture<Status> toCompletableFuture() {
        if (future == null) {
            future = new CompletableFuture<>();
            if (isDone()) {
                complete(future);
            }
        }
        return future;
    }

    private void complete(CompletableFuture<Status> f) {
        if (failure != null) {
            f.completeExceptionally(failure);
        } else {
            f.complete(status);
        }
    }
}
