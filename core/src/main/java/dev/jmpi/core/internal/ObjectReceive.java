package dev.jmpi.core.internal;

import dev.jmpi.InvalidArgumentException;
import dev.jmpi.JmpiException;
import dev.jmpi.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A posted receive of one object ({@code irecvObject}): takes a message of any length,
 * decodes it with {@link ObjectCodec} and completes {@link #valueFuture()}. No thread waits for it:
 * the thread that matches the message (the one driving the I/O, or the poster if the message
 * was already queued) reads and decodes it; a thread that calls {@code get} or {@code join} on
 * the future drives the I/O until it completes.
 *
 * @param <T> the object's type, as the caller expects it
 */
final class ObjectReceive<T> extends Matchable {

    private final CommunicatorImpl comm;
    private final int sourceWorld;
    private final int tag;
    private final String operation;
    private final long postedAtNanos = System.nanoTime();
    private final ProgressFuture<T> value = new ProgressFuture<>(this);
    private volatile T decoded;

    ObjectReceive(CommunicatorImpl comm, int sourceWorld, int tag, String operation) {
        super(comm.world().progress());
        this.comm = comm;
        this.sourceWorld = sourceWorld;
        this.tag = tag;
        this.operation = operation;
        whenDone(this::settle);
    }

    /** The decoded object, or the failure; {@code get} and {@code join} drive the I/O. */
    CompletableFuture<T> valueFuture() {
        return value;
    }

    @Override
    int sourceWorldRank() {
        return sourceWorld;
    }

    @Override
    int tag() {
        return tag;
    }

    @Override
    String describe() {
        return operation + " for " + Duration.ofNanos(System.nanoTime() - postedAtNanos).toMillis() + " ms";
    }

    @Override
    @SuppressWarnings("unchecked")
    void deliver(InboundMessage m) {
        RuntimeException error = null;
        Status status = null;
        try {
            int sourceRank = comm.commRankOf(m.sourceWorldRank());
            if (WireTypes.fromWire(m.header().getDataType()) != dev.jmpi.Datatype.BYTE) {
                error = new InvalidArgumentException(operation + ": rank " + sourceRank + " sent "
                    + m.header().getDataType() + " (expected: an object sent with sendObject or isendObject)");
            } else {
                byte[] bytes = new byte[m.payload().readableBytes()];
                Buffers.read(m.payload(), bytes, 0, bytes.length);
                decoded = (T) ObjectCodec.decode(bytes);
                status = new Status(sourceRank, m.tag(), bytes.length, dev.jmpi.Datatype.BYTE, false);
            }
            if (m.header().getSync()) {
                comm.world().sendSyncAck(m.header());
            }
        } catch (RuntimeException e) {
            error = e instanceof JmpiException je ? je : new JmpiException(operation + " failed: " + e, e, true);
        } finally {
            m.release();
        }
        if (error != null) {
            failWith(error);
        } else {
            succeed(status);
        }
    }

    @Override
    String operation() {
        return operation;
    }

    @Override
    long awaitLimitNanos() {
        return comm.timeoutNanos();
    }

    @Override
    void limitPassed(long limitNanos) {
        comm.world().timedOut(operation, limitNanos, sourceWorld);
    }

    /** Completes a receive from PROC_NULL: the value is null. */
    void completeProcNull() {
        succeed(Status.procNull());
    }

    @Override
    void fail(Breakage b) {
        failWith(b.toException(operation));
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
