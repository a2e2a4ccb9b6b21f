package dev.jmpi;

import dev.jmpi.core.internal.AnyWait;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The multi-request waits behind {@link Request}'s static methods. */
final class Requests {

    /** How long {@link #awaitAny} polls the requests before it blocks. */
    private static final long POLL_NANOS = 200_000;

    private Requests() {}

    static int awaitAny(Request... requests) {
        int first = Request.testAny(requests);
        if (first >= 0) {
            return first;
        }
        // Requests of this implementation: the waiting thread drives the I/O itself, as one
        // request's await() does.
        first = AnyWait.awaitAny(requests);
        if (first != AnyWait.UNSUPPORTED) {
            return first;
        }
        // Others (a user's own Request, or requests of several worlds): poll first: test() makes progress on this
        // thread, which is the fast path when the
        // requests complete within microseconds. Then block on the futures.
        long pollUntil = System.nanoTime() + POLL_NANOS;
        while (System.nanoTime() < pollUntil) {
            first = Request.testAny(requests);
            if (first >= 0) {
                return first;
            }
            Thread.onSpinWait();
        }
        List<CompletableFuture<Status>> futures = new ArrayList<>();
        for (Request r : requests) {
            if (r != null) {
                futures.add(r.toCompletableFuture());
            }
        }
        if (futures.isEmpty()) {
            return -1;
        }
        try {
            CompletableFuture.anyOf(futures.toArray(new CompletableFuture<?>[0]))
                    .join();
        } catch (RuntimeException completedExceptionally) {
            // One of them failed: that one has completed; find it below.
        }
        return Request.testAny(requests);
    }

    static int[] awaitSome(Request... requests) {
        if (awaitAny(requests) < 0) {
            return new int[0];
        }
        int[] done = new int[requests.length];
        int n = 0;
        for (int i = 0; i < requests.length; i++) {
            if (requests[i] != null && requests[i].test()) {
                done[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(done, n);
    }
}
