package dev.jmpi.core.internal;

import dev.jmpi.JmpiException;
import dev.jmpi.JmpiTimeoutException;
import dev.jmpi.Request;
import dev.jmpi.Status;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Request} backed by a {@link CompletableFuture}; used for operations that run on
 * another thread (non-blocking collectives). Internal.
 */
public final class FutureRequest implements Request {

    private final CompletableFuture<Status> future;
    private final String description;

    /** Wraps {@code future}; {@code description} names the operation for timeouts. */
    public FutureRequest(CompletableFuture<Status> future, String description) {
        this.future = future;
        this.description = description;
    }

    @Override
    public Status await() {
        try {
            return future.join();
        } catch (CompletionException | CancellationException e) {
            throw unwrap(e);
        }
    }

    @Override
    public Status await(Duration timeout) {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new JmpiTimeoutException(description + " did not complete within " + timeout);
        } catch (ExecutionException | CancellationException e) {
            throw unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JmpiException(description + " interrupted while waiting", e, true);
        }
    }

    @Override
    public boolean test() {
        return future.isDone();
    }

    @Override
    public Status status() {
        return future.isDone() ? await() : null;
    }

    @Override
    public boolean cancel() {
        return false;
    }

    @Override
    public CompletableFuture<Status> toCompletableFuture() {
        return future;
    }

    private static RuntimeException unwrap(Exception e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        if (cause instanceof RuntimeException re) {
            return re;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new JmpiException(cause.toString(), cause, false);
    }
}
