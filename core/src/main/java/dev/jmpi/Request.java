package dev.jmpi;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A non-blocking operation in flight ({@code isend}, {@code irecv}, non-blocking collectives).
 *
 * <pre>{@code
 * Request r = comm.irecv(buf, 0, buf.length, Communicator.ANY_SOURCE, 7);
 * ... compute ...
 * Status s = r.await();
 * }</pre>
 *
 * <p>Safe to use from any thread. {@link #await()} rethrows the operation's failure as the
 * {@link JmpiException} the blocking call would have thrown.
 */
public interface Request {

    /**
     * Blocks until the operation completes; returns its status.
     *
     * @return the status of the completed operation
     */
    Status await();

    /**
     * Blocks at most {@code timeout}.
     *
     * @param timeout how long to wait at most
     * @return the status of the completed operation
     * @throws JmpiTimeoutException if it has not completed by then (the operation goes on)
     */
    Status await(Duration timeout);

    /**
     * True if the operation has completed (successfully, with failure, or cancelled).
     *
     * @return whether the operation has completed
     */
    boolean test();

    /**
     * The status if completed ({@code MPI_Test}); rethrows the failure if it failed. Does not
     * block.
     *
     * @return the status if completed; empty while the operation is in flight
     */
    Optional<Status> status();

    /**
     * Tries to cancel: a receive not yet matched is cancelled (its status says so); a send or
     * a matched receive completes normally. Returns true if this call cancelled it.
     *
     * @return whether this call cancelled the operation
     */
    boolean cancel();

    /**
     * A future completed with the status, or exceptionally with the failure, by the thread
     * that completes the operation (usually one driving the I/O): dependent stages run there
     * and should not block.
     *
     * @return a future completed with the status, or exceptionally with the failure
     */
    CompletableFuture<Status> toCompletableFuture();

    /**
     * Waits for every request; {@code null} entries are skipped (their status is null).
     *
     * @param requests the requests; {@code null} entries are skipped
     * @return the status of each request, {@code null} for {@code null} entries
     */
    static @Nullable Status[] awaitAll(@Nullable Request... requests) {
        @Nullable Status[] statuses = new Status[requests.length];
        for (int i = 0; i < requests.length; i++) {
            Request r = requests[i];
            if (r != null) {
                statuses[i] = r.await();
            }
        }
        return statuses;
    }

    /**
     * True if every non-null request has completed.
     *
     * @param requests the requests; {@code null} entries are skipped
     * @return whether every non-null request has completed
     */
    static boolean testAll(@Nullable Request... requests) {
        for (Request r : requests) {
            if (r != null && !r.test()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until one request completes and returns its index, or {@code -1} if all entries
     * are {@code null}.
     *
     * @param requests the requests; {@code null} entries are skipped
     * @return the index of a completed request, or {@code -1} if all entries are {@code null}
     */
    static int awaitAny(@Nullable Request... requests) {
        return Requests.awaitAny(requests);
    }

    /**
     * Index of some completed request, or {@code -1} if none has completed.
     *
     * @param requests the requests; {@code null} entries are skipped
     * @return the index of a completed request, or {@code -1} if none has completed
     */
    static int testAny(@Nullable Request... requests) {
        for (int i = 0; i < requests.length; i++) {
            Request r = requests[i];
            if (r != null && r.test()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Waits until at least one request completes; returns the indices of all completed ones
     * (empty if all entries are {@code null}).
     *
     * @param requests the requests; {@code null} entries are skipped
     * @return the indices of the requests that have completed
     */
    static int[] awaitSome(@Nullable Request... requests) {
        return Requests.awaitSome(requests);
    }
}
