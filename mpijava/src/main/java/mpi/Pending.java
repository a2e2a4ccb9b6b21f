package mpi;

import java.util.concurrent.CompletableFuture;

/**
 * One operation in flight behind a {@link Request}: a core request plus what must happen
 * when it completes (unpacking a derived datatype, decoding objects). Safe to poll from any
 * thread; the finishing step runs exactly once.
 */
interface Pending {

    /** Makes progress without blocking; true once the operation is complete. */
    boolean poll();

    /** Blocks until complete; returns the status or throws the operation's failure. */
    Status await();

    /** Tries to cancel; true if this call cancelled it. */
    boolean cancel();

    /** Completes (possibly exceptionally) when {@link #poll()} would make progress. */
    CompletableFuture<?> whenDone();

    /** An operation that is already complete with {@code status}. */
    static Pending done(Status status) {
        return new Pending() {
            @Override
            public boolean poll() {
                return true;
            }

            @Override
            public Status await() {
                return status;
            }

            @Override
            public boolean cancel() {
                return false;
            }

            @Override
            public CompletableFuture<?> whenDone() {
                return CompletableFuture.completedFuture(status);
            }
        };
    }
}
