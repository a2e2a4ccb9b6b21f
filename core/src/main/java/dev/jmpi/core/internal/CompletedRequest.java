package dev.jmpi.core.internal;

import dev.jmpi.Request;
import dev.jmpi.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A request that completed when it was created (eager sends, PROC_NULL). */
final class CompletedRequest implements Request {

    private final Status status;

    CompletedRequest(Status status) {
        this.status = status;
    }

    @Override
    public Status await() {
        return status;
    }

    @Override
    public Status await(Duration timeout) {
        return status;
    }

    @Override
    public boolean test() {
        return true;
    }

    @Override
    public Optional<Status> status() {
        return Optional.of(status);
    }

    @Override
    public boolean cancel() {
        return false;
    }

    @Override
    public CompletableFuture<Status> toCompletableFuture() {
        return CompletableFuture.completedFuture(status);
    }
}
