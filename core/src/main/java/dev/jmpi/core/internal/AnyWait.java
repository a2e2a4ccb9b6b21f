package dev.jmpi.core.internal;

import dev.jmpi.Request;
import dev.jmpi.transport.Progress;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A wait for the first of several requests ({@code Request.awaitAny}, {@code awaitSome}) that
 * drives the I/O itself, as a single {@link Completion#await()} does: the waiting thread
 * registers as the waiter of every pending request, then runs the transport's progress until
 * one of them completes (or has work for its waiter, such as a cleared rendezvous send whose
 * data the waiter writes). A message is thus read and matched on the thread that waits for
 * it, not by the progress daemon after its hand-over delay.
 *
 * <p>Only for requests of this implementation sharing one {@link Progress}; for anything else
 * {@link #awaitAny} returns {@link #UNSUPPORTED} and the caller waits by other means.
 */
public final class AnyWait {

    /** Returned when the requests cannot be waited for here. */
    public static final int UNSUPPORTED = -2;

    private AnyWait() {}

    /**
     * Waits until one of {@code requests} completes; returns its index, {@code -1} if every
     * entry is null, or {@link #UNSUPPORTED}.
     *
     * @param requests the requests; {@code null} entries are skipped
     * @return the index of a completed request, {@code -1}, or {@link #UNSUPPORTED}
     */
    public static int awaitAny(Request... requests) {
        Progress progress = null;
        boolean any = false;
        for (Request r : requests) {
            if (r == null) {
                continue;
            }
            if (!(r instanceof Completion c) || (progress != null && c.progress() != progress)) {
                return UNSUPPORTED;
            }
            progress = c.progress();
            any = true;
        }
        if (!any) {
            return -1;
        }
        Completion[] pending = new Completion[requests.length];
        for (int i = 0; i < requests.length; i++) {
            pending[i] = (Completion) requests[i];
        }
        return await(pending, Objects.requireNonNull(progress, "progress of a pending request"));
    }

    private static int await(Completion[] requests, Progress progress) {
        Thread me = Thread.currentThread();
        BooleanSupplier doneOrWork = () -> firstDone(requests) >= 0 || withWork(requests) != null;
        long limit = Long.MAX_VALUE;
        for (Completion c : requests) {
            if (c != null) {
                c.waitingThread(me);
                long l = c.awaitLimitNanos();
                limit = l > 0 ? Math.min(limit, l) : limit;
            }
        }
        long deadline = Waits.deadline(limit == Long.MAX_VALUE ? 0 : limit);
        try {
            while (true) {
                int done = firstDone(requests);
                if (done >= 0) {
                    return done;
                }
                Completion work = withWork(requests);
                if (work != null) {
                    work.doWorkForWaiter();
                } else if (!progress.await(doneOrWork, deadline) && firstDone(requests) < 0) {
                    // The earliest limit passed: handled as that request's own wait would (a
                    // timeout breaks the job, which completes every request with the cause).
                    Completion first = withLimit(requests, limit);
                    first.limitPassed(limit);
                    deadline = Long.MAX_VALUE;
                }
            }
        } finally {
            for (Completion c : requests) {
                if (c != null && c.waitingThread() == me) {
                    c.waitingThread(null);
                }
            }
        }
    }

    private static int firstDone(Completion[] requests) {
        for (int i = 0; i < requests.length; i++) {
            if (requests[i] != null && requests[i].isDone()) {
                return i;
            }
        }
        return -1;
    }

    private static @Nullable Completion withWork(Completion[] requests) {
        for (Completion c : requests) {
            if (c != null && !c.isDone() && c.hasWorkForWaiter()) {
                return c;
            }
        }
        return null;
    }

    private static Completion withLimit(Completion[] requests, long limit) {
        for (Completion c : requests) {
            if (c != null && !c.isDone() && c.awaitLimitNanos() == limit) {
                return c;
            }
        }
        for (Completion c : requests) {
            if (c != null && !c.isDone()) {
                return c;
            }
        }
        throw new IllegalStateException("no pending request");
    }
}
