package dev.jmpi.core.internal;

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
    private volatile RuntimeException failure;
    private CompletableFuture<Status> future;
    private Runnable callback;

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
    final void failWith(RuntimeException e) {
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
        Runnable then;
        synchronized (this) {
            f = future;
            then = callback;
            callback = null;
        }
        if (f != null) {
            settle(f);
        }
        if (then != null) {
            then.run();
        }
    }

    /**
     * Runs {@code then} once this completes, on the completing thread (usually the one driving
     * the I/O), or at once on this thread if already done. One callback per completion: the
     * schedule that posted the operation.
     */
    final void whenDone(Runnable then) {
        synchronized (this) {
            if (!done) {
                if (callback != null) {
                    throw new IllegalStateException("a completion callback is already registered");
                }
                callback = then;
                return;
            }
        }
        then.run();
    }

    /** The failure, or null if it succeeded or is not done. */
    final RuntimeException failure() {
        return failure;
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
        RuntimeException f = failure;
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
        RuntimeException e = failure;
        if (e != null) {
            f.completeExceptionally(e);
        } else {
            f.complete(status);
        }
    }
}
