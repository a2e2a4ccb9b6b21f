package dev.jmpi.core.internal;

import dev.jmpi.JmpiException;
import dev.jmpi.Status;
import java.util.concurrent.CompletableFuture;
import dev.jmpi.transport.Progress;

/**
 * A one-shot result (a status or a failure) that wakes its waiting thread: the base of
 * every request the matching engine completes. The completing thread (whichever thread runs
 * the transport's I/O, or a user thread matching an unexpected message) calls
 * {@link #succeed} or {@link #failWith}; the waiter waits through the transport's
 * {@link Progress}, usually driving the I/O that completes it.
 */
abstract class Completion {

    private final Progress progress;

    private volatile boolean done;
    private volatile Thread waiter;
    private volatile Status status;
    private volatile JmpiException failure;
    private CompletableFuture<Status> future;

    Completion(Progress progress) {
        this.progress = progress;
    }

    final boolean isDone() {
        return done;
    }

    /** Completes with {@code s} and wakes the waiter. */
    final void succeed(Status s) {
        status = s;
        complete();
    }

    /** Completes with {@code e} (thrown to whoever waits) and wakes the waiter. */
    final void failWith(JmpiException e) {
        failure = e;
        complete();
    }

    private void complete() {
        done = true;
        Thread t = waiter;
        if (t != null) {
            progress.wake(t);
        }
        CompletableFuture<Status> f;
        synchronized (this) {
            f = future;
        }
        if (f != null) {
            settle(f);
        }
    }

    /** Waits until done or the deadline; returns false on deadline. */
    final boolean awaitUntil(long deadlineNanos) {
        if (done) {
            return true;
        }
        waiter = Thread.currentThread();
        try {
            return progress.await(this::isDone, deadlineNanos);
        } finally {
            waiter = null;
        }
    }

    /**
     * Waits up to {@code timeoutNanos} (0 = no limit). On timeout the job is broken with a
     * message naming {@code operation} and the awaited rank, which fails this wait too.
     */
    final Status awaitResult(World world, long timeoutNanos, String operation, int awaitedWorldRank) {
        if (!awaitUntil(Waits.deadline(timeoutNanos))) {
            world.timedOut(operation, timeoutNanos, awaitedWorldRank);
            awaitUntil(Long.MAX_VALUE);
        }
        return result();
    }

    /** The status, or the failure thrown; only once done. */
    final Status result() {
        JmpiException f = failure;
        if (f != null) {
            throw f;
        }
        return status;
    }

    /** Whether done, after one round of progress if none is under way; for {@code test()}. */
    final boolean testDone() {
        if (!done) {
            progress.poll();
        }
        return done;
    }

    /** The result if done, else null. */
    final Status resultIfDone() {
        return done ? result() : null;
    }

    /** A future settled with the result. */
    final synchronized CompletableFuture<Status> future() {
        if (future == null) {
            future = new CompletableFuture<>();
            if (done) {
                settle(future);
            }
        }
        return future;
    }

    private void settle(CompletableFuture<Status> f) {
        JmpiException e = failure;
        if (e != null) {
            f.completeExceptionally(e);
        } else {
            f.complete(status);
        }
    }
}
