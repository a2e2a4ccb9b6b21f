package dev.jmpi.core.internal;

import dev.jmpi.PersistentRequest;
import dev.jmpi.Request;
import dev.jmpi.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A persistent request: its arguments were checked when it was made; each {@link #start()}
 * runs {@code starter} (an {@code isend}, {@code issend} or {@code irecv} with them) and the
 * {@link Request} methods refer to the operation started last. Inactive before the first start.
 */
final class PersistentRequestImpl implements PersistentRequest {

    private final Supplier<Request> starter;
    private final String operation;
    private volatile @Nullable Request current;

    PersistentRequestImpl(Supplier<Request> starter, String operation) {
        this.starter = starter;
        this.operation = operation;
    }

    @Override
    public synchronized void start() {
        Request r = current;
        if (r != null && !r.test()) {
            throw new IllegalStateException(operation + ": start() while the operation started last is still active"
                    + " (expected: start again only once it completed)");
        }
        current = starter.get();
    }

    @Override
    public boolean isActive() {
        Request r = current;
        return r != null && !r.test();
    }

    @Override
    public Status await() {
        Request r = current;
        return r == null ? Status.empty() : r.await();
    }

    @Override
    public Status await(Duration timeout) {
        Request r = current;
        return r == null ? Status.empty() : r.await(timeout);
    }

    @Override
    public boolean test() {
        Request r = current;
        return r == null || r.test();
    }

    @Override
    public Optional<Status> status() {
        Request r = current;
        return r == null ? Optional.of(Status.empty()) : r.status();
    }

    @Override
    public boolean cancel() {
        Request r = current;
        return r != null && r.cancel();
    }

    @Override
    public CompletableFuture<Status> toCompletableFuture() {
        Request r = current;
        return r == null ? CompletableFuture.completedFuture(Status.empty()) : r.toCompletableFuture();
    }

    @Override
    public String toString() {
        return "PersistentRequest[" + operation + (current == null ? ", inactive" : "") + "]";
    }
}
