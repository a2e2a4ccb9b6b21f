package dev.jmpi.core.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * A one-shot completion flag that wakes its waiting thread: the base of every request the
 * matching engine completes. The completing thread (a transport thread, or a user thread
 * matching an unexpected message) calls {@link #complete}; waiters spin, then park.
 */
abstract class Completion {

    private volatile boolean done;
    private volatile Thread waiter;

    final boolean isDone() {
        return done;
    }

    /** Marks done and wakes the waiter. Subclasses set their results before calling it. */
    void complete() {
        done = true;
        Thread t = waiter;
        if (t != null) {
            LockSupport.unpark(t);
        }
        onComplete();
    }

    /** Hook run after completion (on the completing thread). */
    void onComplete() {
    }

    /** Waits until done or the deadline; returns false on deadline. */
    final boolean awaitUntil(long deadlineNanos) {
        if (done) {
            return true;
        }
        waiter = Thread.currentThread();
        try {
            return Waits.await(this::isDone, deadlineNanos);
        } finally {
            waiter = null;
        }
    }
}
