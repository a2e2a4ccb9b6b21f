package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;

/**
 * One collective call's traffic: the communicator's collective context, tags made of the
 * call's sequence number and the algorithm's step, and the call's signature on every frame.
 */
final class CollectiveChannel implements CollectiveCall {

    /** Sends are eager: once handed to the transport the buffer may be reused. */
    private static final Status SENT = new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, 0, null, false);

    private final CommunicatorImpl comm;
    private final CollectiveSignature signature;
    private final int tagBase;
    private final String operation;

    CollectiveChannel(CommunicatorImpl comm, CollectiveSignature signature, int sequence) {
        this.comm = comm;
        this.signature = signature;
        this.tagBase = sequence << ContextQueues.STEP_BITS;
        this.operation = comm.who() + Signatures.describe(signature);
    }

    @Override
    public int rank() {
        return comm.rank();
    }

    @Override
    public int size() {
        return comm.size();
    }

    private void send(Object buf, int offset, int count, int dest, int step) {
        Datatype type = Buffers.datatypeOf(buf, "buf");
        ByteBuf payload = comm.encode(buf, offset, count);
        Header.Builder header = comm.header(Kind.COLLECTIVE, comm.context() + 1, tagBase | checkStep(step), type,
                count)
            .setSequence(comm.world().nextSequence());
        if (CollectiveChecks.ENABLED) {
            header.setSignature(signature);
        }
        comm.world().send(comm.worldRankOf(dest), header.build(), payload,
            operation + " sending to " + comm.describeRank(dest));
    }

    @Override
    public Request isend(Object buf, int offset, int count, int dest, int step) {
        send(buf, offset, count, dest, step);
        return new CompletedRequest(SENT);
    }

    @Override
    public Request irecv(Object buf, int offset, int count, int source, int step) {
        String op = operation + " receiving from " + comm.describeRank(source);
        RecvRequest r = new RecvRequest(comm, comm.collectiveQueues(), buf, offset, count,
            comm.worldRankOf(source), tagBase | checkStep(step), op);
        comm.collectiveQueues().post(r);
        return r;
    }

    @Override
    public Request start(Schedule schedule, int count, Datatype type) {
        Status status = new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, count, type, false);
        World world = comm.world();
        dev.jmpi.core.observe.Span span = world.recorder().on() ? Observation.beginCollective(comm, signature) : null;
        Request r = ScheduleRequest.start(this, schedule, status, world.progress(), comm.timeoutNanos(),
            (what, timeoutNanos) -> world.timedOut(what, timeoutNanos, -1), operation);
        return span == null ? r : Observation.attachCollective(comm, span, r);
    }

    private static int checkStep(int step) {
        if (step < 0 || step >= MAX_STEPS) {
            throw new IllegalArgumentException("step=" + step + " (expected: 0 <= step < " + MAX_STEPS + ")");
        }
        return step;
    }
}
