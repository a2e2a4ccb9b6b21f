package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.JmpiException;
import dev.jmpi.Status;
import dev.jmpi.TruncationException;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A posted receive into a typed buffer. Completed by whichever thread matches it: the
 * transport thread on arrival (it copies the payload straight into the user's array), or
 * the posting thread if the message was already queued.
 */
final class RecvRequest extends Matchable {

    private final CommunicatorImpl comm;
    private final ContextQueues queues;
    private final Object buf;
    private final int offset;
    private final int count;
    private final Datatype type;
    private final int sourceWorld;
    private final int tag;
    private final String operation;
    private final long postedAtNanos = System.nanoTime();

    RecvRequest(CommunicatorImpl comm, ContextQueues queues, Object buf, int offset, int count,
                int sourceWorld, int tag, String operation) {
        super(comm.world().progress());
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
        Status outcome = null;
        JmpiException error = null;
        try {
            int sourceRank = comm.commRankOf(m.sourceWorldRank());
            int tagOut = m.header().getKind() == dev.jmpi.proto.Kind.COLLECTIVE
                ? m.tag() & ((1 << ContextQueues.STEP_BITS) - 1) : m.tag();
            long sentBytes = m.payload().readableBytes();
            Datatype sentType = WireTypes.fromWire(m.header().getDataType());
            if (!(buf instanceof ByteBuffer) && sentType != type) {
                error = new InvalidArgumentException(operation + ": rank " + sourceRank + " sent "
                    + m.header().getDataType() + " but the receive buffer is "
                    + type.arrayClass().getSimpleName() + " (expected: matching element types)");
            } else {
                int elements = (int) (sentBytes / type.sizeBytes());
                if (elements > count) {
                    error = new TruncationException(operation + ": message from rank " + sourceRank
                        + " holds " + elements + " elements but the receive buffer has room for " + count
                        + " (expected: count >= message size)", elements, count);
                } else {
                    Buffers.read(m.payload(), buf, offset, elements);
                    outcome = new Status(sourceRank, tagOut, elements, sentType, false);
                }
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
            succeed(outcome);
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

    /** Completes a receive from PROC_NULL: no data, source PROC_NULL. */
    void completeProcNull() {
        succeed(Status.procNull());
    }

    @Override
    void fail(Breakage b) {
        failWith(b.toException(operation));
    }





    @Override
    public boolean cancel() {
        if (queues.cancel(this)) {
            succeed(new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, 0, type, true));
            return true;
        }
        return false;
    }

}
