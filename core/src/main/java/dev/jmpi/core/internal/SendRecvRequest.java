package dev.jmpi.core.internal;

import dev.jmpi.JmpiTimeoutException;
import dev.jmpi.Request;
import dev.jmpi.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The request of an {@code isendrecv}: done when both its send and its receive are; its
 * status is the receive's. A failure of either is thrown by {@link #await()}, the send's
 * first.
 */
final class SendRecvRequest implements Request {

    private final Request send;
    private final Request recv;
    private final OpText operation;

    SendRecvRequest(Request send, Request recv, OpText operation) {
        this.send = send;
        this.recv = recv;
        this.operation = operation;
    }

    @Override
    public Status await() {
        send.await();
        return recv.await();
    }

    @Override
    public Status await(Duration timeout) {
        long deadline = Waits.deadline(Math.max(1, timeout.toNanos()));
        send.await(timeout);
        long left = deadline - System.nanoTime();
        if (left <= 0 && !recv.test()) {
            throw new JmpiTimeoutException(operation + " did not complete within " + timeout);
        }
        try {
            return recv.await(Duration.ofNanos(Math.max(1, left)));
        } catch (JmpiTimeoutException e) {
            throw new JmpiTimeoutException(operation + " did not complete within " + timeout);
        }
    }

    @Override
    public boolean test() {
        boolean sent = send.test();
        return recv.test() && sent;
    }

    @Override
    public Optional<Status> status() {
        if (!test()) {
            return Optional.empty();
        }
        send.status(); // rethrows the send's failure
        return recv.status();
    }

    /** Cancels the receive if it has not matched; the send completes as sends do. */
    @Override
    public boolean cancel() {
        return recv.cancel();
    }

    @Override
    public CompletableFuture<Status> toCompletableFuture() {
        return send.toCompletableFuture().thenCombine(recv.toCompletableFuture(), (s, r) -> r);
    }
}
