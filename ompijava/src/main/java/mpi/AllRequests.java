package mpi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Several core requests as one: complete when all are (a neighbourhood collective's sends and receives). */
final class AllRequests implements dev.jmpi.Request {

    private static final dev.jmpi.Status EMPTY = new dev.jmpi.Status(MPI.ANY_SOURCE, MPI.ANY_TAG, 0, null, false);

    private final List<dev.jmpi.Request> parts;

    AllRequests(List<dev.jmpi.Request> parts) {
        this.parts = parts;
    }

    @Override
    public dev.jmpi.Status await() {
        for (dev.jmpi.Request r : parts) {
            r.await();
        }
        return EMPTY;
    }

    @Override
    public dev.jmpi.Status await(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (dev.jmpi.Request r : parts) {
            r.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return EMPTY;
    }

    @Override
    public boolean test() {
        boolean all = true;
        for (dev.jmpi.Request r : parts) {
            all &= r.test();
        }
        return all;
    }

    @Override
    public Optional<dev.jmpi.Status> status() {
        for (dev.jmpi.Request r : parts) {
            if (r.status().isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(EMPTY);
    }

    @Override
    public boolean cancel() {
        return false;
    }

    @Override
    public CompletableFuture<dev.jmpi.Status> toCompletableFuture() {
        CompletableFuture<?>[] all =
                parts.stream().map(dev.jmpi.Request::toCompletableFuture).toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(all).thenApply(v -> EMPTY);
    }
}
