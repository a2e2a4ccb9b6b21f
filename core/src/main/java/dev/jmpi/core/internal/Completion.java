package dev.jmpi.core.internal;

import dev.jmpi.JmpiTimeoutException;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.transport.Progress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A one-shot result (a status or a failure) that wakes its waiting thread: the base of
 * every request (receives, probes, synchronous sends, collective schedules). The completing
 * thread (whichever thread runs the transport's I/O, or a user thread matching an
 * unexpected message) calls {@link #succeed} or {@link #failWith}; the waiter waits through
 * the transport's {@link Progress}, usually driving the I/O that completes it. Subclasses say
 * what they are ({@link #operation()}) and what a wait past the communicator's timeout does
 * ({@link #limitPassed}); the {@link Request} methods are here, once.
 */
abstract class Completion implements Request {

    private final Progress progress;

    private volatile boolean done;
    private volatile @Nullable Thread waiter;
    private volatile @Nullable Status status;
    private volatile @Nullable RuntimeException failure;
    private @Nullable CompletableFuture<Status> future;
    private @Nullable Runnable callback;
    /** Guarded by this: whether {@link Progress#outstandingRemoved} was called for this. */
    private boolean uncounted;

    private final java.util.function.BooleanSupplier doneOrWork = () -> done || hasWorkForWaiter();

    Completion(Progress progress) {
        this.progress = progress;
        progress.outstandingAdded();
    }

    /** What this is, for messages: {@code rank 0: recv(source=3, tag=42)}. */
    abstract String operation();

    /** How long {@link #await()} waits before {@link #limitPassed} (0 = no limit). */
    abstract long awaitLimitNanos();

    /**
     * {@link #await()} waited {@code limitNanos}: break the job as a timeout (the wait then
     * fails with the breakage), or throw.
     */
    abstract void limitPassed(long limitNanos);

    final boolean isDone() {
        return done;
    }

    /** Completes with {@code s} and wakes the waiter. */
    final void succeed(@Nullable Status s) {
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
        boolean first;
        synchronized (this) {
            f = future;
            then = callback;
            callback = null;
            first = !uncounted;
            uncounted = true;
        }
        if (first) {
            progress.outstandingRemoved();
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
     * schedule that posted the operation, or the future of an object receive.
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
    final @Nullable RuntimeException failure() {
        return failure;
    }

    /**
     * Whether the thread waiting for this has work to do itself before it can complete (a
     * cleared rendezvous send writes its own data, with no hand-off). None by default.
     */
    boolean hasWorkForWaiter() {
        return false;
    }

    /** Does the waiter's work ({@link #hasWorkForWaiter}); runs on the waiting thread. */
    void doWorkForWaiter() {}

    /** The thread waiting for this, or null. */
    final @Nullable Thread waitingThread() {
        return waiter;
    }

    /** The progress this waits through. */
    final Progress progress() {
        return progress;
    }

    /** Makes {@code t} the thread woken on completion (a wait for any of several requests). */
    final void waitingThread(@Nullable Thread t) {
        waiter = t;
        if (t == null) {
            waiterLeft();
        }
    }

    /** A thread starts waiting for this in {@link #await()} (not a wait for any of several requests). */
    void waiterArrived() {}

    /**
     * The waiting thread stopped waiting (done, deadline, or a wait for any of several
     * requests ended): work handed to it ({@link #hasWorkForWaiter}) must go elsewhere now.
     */
    void waiterLeft() {}

    /** Waits until done or the deadline; returns false on deadline. */
    final boolean awaitUntil(long deadlineNanos) {
        if (done) {
            return true;
        }
        waiter = Thread.currentThread();
        waiterArrived();
        try {
            while (!done) {
                if (hasWorkForWaiter()) {
                    doWorkForWaiter();
                } else if (!progress.await(doneOrWork, deadlineNanos)) {
                    return done;
                }
            }
            return true;
        } finally {
            waiter = null;
            waiterLeft();
        }
    }

    /**
     * The status, or the failure thrown; only once done. The failure was made on whichever
     * thread found it (usually the I/O thread); its stack is redone here, so that the user
     * sees where their program waited rather than the transport's internals.
     */
    // Null only for a probe withdrawn unposted (PostedReceive.withdraw), whose result nobody reads.
    @SuppressWarnings("NullAway")
    final Status result() {
        RuntimeException f = failure;
        if (f != null) {
            f.fillInStackTrace();
            throw f;
        }
        return status;
    }

    @Override
    public final Status await() {
        long limit = awaitLimitNanos();
        if (!awaitUntil(Waits.deadline(limit))) {
            limitPassed(limit);
            awaitUntil(Long.MAX_VALUE);
        }
        return result();
    }

    @Override
    public final Status await(Duration timeout) {
        if (!awaitUntil(Waits.deadline(Math.max(1, timeout.toNanos())))) {
            throw new JmpiTimeoutException(operation() + " did not complete within " + timeout);
        }
        return result();
    }

    /** Whether done, after one round of progress if none is under way. */
    @Override
    public final boolean test() {
        if (!done) {
            progress.poll();
        }
        return done;
    }

    @Override
    public final Optional<Status> status() {
        return done ? Optional.of(result()) : Optional.empty();
    }

    /** Nothing to cancel by default (sends, probes, collectives); receives override. */
    @Override
    public boolean cancel() {
        return false;
    }

    /** A future settled with the result by the completing thread. */
    @Override
    public final synchronized CompletableFuture<Status> toCompletableFuture() {
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
