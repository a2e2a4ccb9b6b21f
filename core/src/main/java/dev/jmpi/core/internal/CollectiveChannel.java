package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One collective call's traffic: the communicator's collective context, tags made of the
 * call's sequence number and the algorithm's step, and the call's signature on every frame.
 * Sends go through the world's {@link FlowControl} like point-to-point ones: eager within the
 * destination's credit and the eager limit, else by rendezvous (the send's request then
 * completes once the receiver's matching receive is posted and the data went out), so a rank
 * that enters a collective late holds a bounded amount of its peers' data.
 */
final class CollectiveChannel implements CollectiveCall {

    /** What a collective send's request reports (nobody reads it: schedules only count completions). */
    private static final Status SENT = new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, 0, null, false);

    /**
     * First of the steps reserved for the strict confirmation round (one per dissemination
     * round, at most 31); algorithms use steps below it.
     */
    static final int CONFIRM_STEP = MAX_STEPS - 32;

    private static final byte[] NOTHING = new byte[0];

    private final CommunicatorImpl comm;
    private final CollectiveSignature signature;
    private final int tagBase;
    private final OpText operation;

    CollectiveChannel(CommunicatorImpl comm, CollectiveSignature signature, int sequence) {
        this.comm = comm;
        this.signature = signature;
        this.tagBase = sequence << ContextQueues.STEP_BITS;
        this.operation = OpText.collective(comm, signature);
    }

    @Override
    public int rank() {
        return comm.rank();
    }

    @Override
    public int size() {
        return comm.size();
    }

    @Override
    public Request isend(Object buf, int offset, int count, int dest, int step) {
        Datatype type = Buffers.datatypeOf(buf, "buf");
        long bytes = FlowControl.checkedBytes(buf, count);
        Header.Builder header =
                comm.header(Kind.COLLECTIVE, comm.context() + 1, tagBase | checkStep(step), type, count);
        if (comm.world().checks().enabled()) {
            header.setSignature(signature);
        }
        return comm.world()
                .flow()
                .send(new Outgoing(
                        comm.worldRankOf(dest),
                        header,
                        buf,
                        offset,
                        count,
                        bytes,
                        false,
                        SENT,
                        OpText.step(operation, " sending to ", comm, dest),
                        comm.timeoutNanos()));
    }

    @Override
    public Request irecv(Object buf, int offset, int count, int source, int step, @Nullable IntConsumer landed) {
        OpText op = OpText.step(operation, " receiving from ", comm, source);
        RecvRequest r = new RecvRequest(
                comm,
                comm.collectiveQueues(),
                buf,
                offset,
                count,
                comm.worldRankOf(source),
                tagBase | checkStep(step),
                op);
        if (comm.world().checks().enabled()) {
            r.forCall(signature);
        }
        if (landed != null) {
            r.reportLanded(landed);
        }
        comm.collectiveQueues().post(r);
        return r;
    }

    @Override
    public Request start(Schedule schedule, int count, @Nullable Datatype type) {
        if (comm.world().checks().strict()) {
            confirm(schedule);
        }
        Status status = new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, count, type, false);
        World world = comm.world();
        dev.jmpi.core.observe.Recorder rec = world.recorder();
        // Read once: Jmpi.pcontrol may pause the recorder between here and the attach.
        boolean observed = rec.on();
        long start = observed ? rec.start() : 0;
        Object jfr = observed && rec.jfr() ? rec.beginJfr(true) : null;
        Request r = ScheduleRequest.start(
                this,
                schedule,
                status,
                world.progress(),
                comm.timeoutNanos(),
                (what, timeoutNanos) -> world.timedOut(what, timeoutNanos, -1),
                operation);
        return observed ? Observation.attachCollective(comm, start, jfr, signature, schedule.algorithm(), r) : r;
    }

    /**
     * Strict checks: after the call's own rounds, a dissemination round of empty messages on
     * the reserved steps, each carrying the call's signature. Round k receives from
     * {@code rank - 2^k} what it sent after its own round k - 1, so a rank finishes only once
     * a chain of checked messages reached it from every rank: if any rank's call differs,
     * some receiver along every chain found it, and no rank returns from the mismatched call.
     */
    private void confirm(Schedule s) {
        int p = size();
        int r = rank();
        s.round();
        for (int k = 1, i = 0; k < p; k <<= 1, i++) {
            s.recv(NOTHING, 0, 0, (r - k + p) % p, CONFIRM_STEP + i)
                    .send(NOTHING, 0, 0, (r + k) % p, CONFIRM_STEP + i)
                    .round();
        }
    }

    private static int checkStep(int step) {
        if (step < 0 || step >= MAX_STEPS) {
            throw new IllegalArgumentException("step=" + step + " (expected: 0 <= step < " + MAX_STEPS + ")");
        }
        return step;
    }
}
