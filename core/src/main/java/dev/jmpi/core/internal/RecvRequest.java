package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.JmpiException;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.TruncationException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A posted receive into a typed buffer. Completed by whichever thread matches it: the
 * transport thread on arrival (it copies the payload straight into the user's array), or
 * the posting thread if the message was already queued.
 */
final class RecvRequest extends Matchable implements Request {

    private final CommunicatorImpl comm;
    private final ContextQueues queues;
    private final Object buf;
    private final int offset;
    private final int count;
    private final Datatype type;
    private final int sourceWorld;
    private final int tag;
    private final String operation;
    private volatile Status status;
    private volatile JmpiException failure;
    private volatile boolean cancelled;
    private final long postedAtNanos = System.nanoTime();
    private CompletableFuture<Status> future;

    RecvRequest(CommunicatorImpl comm, ContextQueues queues, Object buf, int offset, int count,
                int sourceWorld, int tag, String operation) {
        this.comm = comm;
        this.queues = queues;
        this.buf = buf;
        this.offset = offset;
        this.count = count;
        this.type = Buffers.datatypeOf(buf, "buf");
        this.sourceWorld = sourceWorld;
        this.tag = tag;
        this.operation = operation;
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
    void deliver(InboundMessage m) {
        try {
            int sourceRank = comm.commRankOf(m.sourceWorldRank());
            int tagOut = m.header().getKind() == dev.jmpi.proto.Kind.COLLECTIVE
                ? m.tag() & ((1 << ContextQueues.STEP_BITS) - 1) : m.tag();
            long sentBytes = m.payload().readableBytes();
            Datatype sentType = WireTypes.fromWire(m.header().getDataType());
            if (!(buf instanceof ByteBuffer) && sentType != type) {
                failure = new InvalidArgumentException(operation + ": rank " + sourceRank + " sent "
                    + m.header().getDataType() + " but the receive buffer is "
                    + type.arrayClass().getSimpleName() + " (expected: matching element types)");
            } else {
                int elements = (int) (sentBytes / type.sizeBytes());
                if (elements > count) {
                    failure = new TruncationException(operation + ": message from rank " + sourceRank
                        + " holds " + elements + " elements but the receive buffer has room for " + count
                        + " (expected: count >= message size)", elements, count);
                } else {
                    Buffers.read(m.payload(), buf, offset, elements);
                    status = new Status(sourceRank, tagOut, elements, sentType, false);
                }
            }
            if (m.header().getSync()) {
                comm.world().sendSyncAck(m.header());
            }
        } catch (RuntimeException e) {
            failure = e instanceof JmpiException je ? je : new JmpiException(operation + " failed: " + e, e, true);
        } finally {
            m.release();
        }
        complete();
    }

    /** Completes a receive from PROC_NULL: no data, source PROC_NULL. */
    void completeProcNull() {
        status = Status.procNull();
        complete();
    }

    @Override
    void fail(Breakage b) {
        failure = b.toException(operation);
        complete();
    }

    @Override
    synchronized void onComplete() {
        if (future != null) {
            completeFuture(future);
        }
    }

    @Override
    public Status await() {
        return awaitFor(comm.timeoutNanos());
    }

    @Override
    public Status await(Duration timeout) {
        return awaitFor(timeout.toNanos());
    }

    private Status awaitFor(long timeoutNanos) {
        if (!awaitUntil(Waits.deadline(timeoutNanos))) {
            comm.world().timedOut(operation, timeoutNanos, sourceWorld);
            awaitUntil(Long.MAX_VALUE);
        }
        return result();
    }

    private Status result() {
        JmpiException f = failure;
        if (f != null) {
            throw f;
        }
        return status;
    }

    @Override
    public boolean test() {
        return isDone();
    }

    @Override
    public Status status() {
        return isDone() ? result() : null;
    }

    @Override
    public boolean cancel() {
        if (queues.cancel(this)) {
            cancelled = true;
            status = new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, 0, type, true);
            complete();
            return true;
        }
        return false;
    }

    boolean isCancelled() {
        return cancelled;
    }

    @Override
    public synchronized CompletableFuture<Status> toCompletableFuture() {
        if (future == null) {
            future = new CompletableFuture<>();
            if (isDone()) {
                completeFuture(future);
            }
        }
        return future;
    }

    private void completeFuture(CompletableFuture<Status> f) {
        if (failure != null) {
            f.completeExceptionally(failure);
        } else {
            f.complete(status);
        }
    }

}
