package dev.jmpi.core.internal;

import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.ObjectRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A posted receive of one object ({@code irecvObject}), or the receive of a matched message
 * ({@code mrecvObject}, {@code recvObjectWithStatus}): takes a message of any length, eager
 * or by rendezvous, into a byte array of its size (through a {@link RecvRequest}, which also
 * answers a synchronous send or a request-to-send), decodes it with {@link ObjectCodec} and
 * completes {@link #valueFuture()}. No thread waits for it: the thread that completes the
 * byte receive (the one driving the I/O, or the poster if the message was already queued)
 * decodes it; a thread that calls {@code get} (here or on the future) drives the I/O until it
 * completes.
 *
 * @param <T> the object's type, as the caller expects it
 */
final class ObjectReceive<T> extends PostedReceive implements ObjectRequest<T> {

    private final ProgressFuture<T> value = new ProgressFuture<>(this);
    private volatile @Nullable T decoded;

    ObjectReceive(CommunicatorImpl comm, int sourceWorld, int tag, OpText operation) {
        super(comm, sourceWorld, tag, operation);
        whenDone(this::settle);
    }

    /** The decoded object, or the failure; {@code get} and {@code join} drive the I/O. */
    @Override
    public CompletableFuture<T> valueFuture() {
        return value;
    }

    /**
     * Receives {@code m}'s bytes; decodes them once they are all here (at once if eager, when
     * the data lands if {@code m} is a request-to-send). A message that is not an object
     * (another element type) is still taken, so that its sender completes, and fails this.
     */
    @Override
    void deliver(InboundMessage m) {
        boolean isObject = WireTypes.fromWire(m.header().getDataType()) == Datatype.BYTE;
        byte[] bytes = new byte[isObject ? (int) m.messageBytes() : 0];
        RecvRequest bytesReceive = new RecvRequest(
                comm, comm.p2pQueues(), bytes, 0, bytes.length, m.sourceWorldRank(), m.tag(), operation);
        bytesReceive.whenDone(() -> decode(bytesReceive, isObject ? null : m, bytes));
        bytesReceive.deliver(m);
    }

    /** Runs when the bytes are in; {@code notObject} is the message if it was not an object. */
    @SuppressWarnings("unchecked")
    private void decode(RecvRequest bytesReceive, @Nullable InboundMessage notObject, byte[] bytes) {
        @Nullable RuntimeException error;
        if (notObject != null) {
            error = new InvalidArgumentException(operation + ": rank " + comm.commRankOf(notObject.sourceWorldRank())
                    + " sent " + notObject.header().getDataType().name()
                    + " (expected: an object sent with sendObject or isendObject)");
        } else {
            error = bytesReceive.failure();
        }
        if (error == null) {
            try {
                decoded = (T) ObjectCodec.decode(bytes);
            } catch (RuntimeException e) {
                error = asJmpiException(e);
            }
        }
        if (error != null) {
            failWith(error);
        } else {
            succeed(bytesReceive.status().orElseThrow()); // runs once the bytes are in
        }
    }

    @Override
    public T get() {
        await();
        return decoded();
    }

    @Override
    public T get(Duration timeout) {
        await(timeout);
        return decoded();
    }

    // T extends @Nullable Object (ObjectRequest): null when null was sent or the source was PROC_NULL.
    @SuppressWarnings("NullAway")
    private T decoded() {
        return decoded;
    }

    private void settle() {
        RuntimeException e = failure();
        if (e != null) {
            value.completeExceptionally(e);
        } else {
            value.complete(decoded);
        }
    }

    /** A future whose blocking reads first drive the I/O until the receive completes. */
    private static final class ProgressFuture<T> extends CompletableFuture<T> {
        private final Completion completion;

        ProgressFuture(Completion completion) {
            this.completion = completion;
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            completion.awaitUntil(Long.MAX_VALUE);
            return super.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            completion.awaitUntil(Waits.deadline(Math.max(1, unit.toNanos(timeout))));
            return super.get(timeout, unit);
        }

        @Override
        public T join() {
            completion.awaitUntil(Long.MAX_VALUE);
            return super.join();
        }
    }
}
