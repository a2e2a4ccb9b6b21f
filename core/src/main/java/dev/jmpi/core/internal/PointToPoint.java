package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Message;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.core.observe.Recorder;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import java.util.Optional;

/**
 * Validates and performs a communicator's point-to-point operations. Sends go through the
 * world's {@link FlowControl}: small messages with credit eagerly (the elements are copied
 * into a pooled wire buffer and handed to the transport before the call returns; a
 * synchronous send then waits for the receiver's acknowledgement), the rest by rendezvous
 * (the request completes once the data went out after a receive matched).
 */
final class PointToPoint {

    private final CommunicatorImpl comm;

    PointToPoint(CommunicatorImpl comm) {
        this.comm = comm;
    }

    Request send(Object buf, int offset, int count, int dest, int tag, boolean sync) {
        OpText op = OpText.peer(comm, sync ? "ssend" : "send", false, dest, tag);
        Datatype type = Buffers.datatypeOf(buf, "buf");
        Buffers.checkRange(buf, offset, count, "buf");
        checkPeer("dest", dest, false);
        checkTag(tag, false);
        comm.checkUsable(op);
        Status status = new Status(comm.rank(), tag, count, type, false);
        if (dest == Communicator.PROC_NULL) {
            return new CompletedRequest(status);
        }
        long bytes = FlowControl.checkedBytes(buf, count);
        Header.Builder header = comm.header(Kind.P2P, comm.context(), tag, type, count);
        Recorder rec = comm.world().recorder();
        // Read once: Jmpi.pcontrol may pause the recorder between here and the attach.
        boolean observed = rec.on();
        long start = observed ? rec.start() : 0;
        Object jfr = observed && rec.jfr() ? rec.beginJfr(false) : null;
        Request r = comm.world()
                .flow()
                .send(new Outgoing(
                        comm.worldRankOf(dest),
                        header,
                        buf,
                        offset,
                        count,
                        bytes,
                        sync,
                        status,
                        op,
                        comm.timeoutNanos()));
        return observed
                ? Observation.attach(
                        comm,
                        start,
                        jfr,
                        sync ? Observation.SSEND : Observation.SEND,
                        comm.worldRankOf(dest),
                        tag,
                        bytes,
                        r,
                        false)
                : r;
    }

    RecvRequest irecv(Object buf, int offset, int count, int source, int tag, String name) {
        OpText op = OpText.peer(comm, name, true, source, tag);
        Buffers.checkRange(buf, offset, count, "buf");
        checkPeer("source", source, true);
        checkTag(tag, true);
        comm.checkUsable(op);
        int sourceWorld = source < 0 ? source : comm.worldRankOf(source);
        RecvRequest r = new RecvRequest(comm, comm.p2pQueues(), buf, offset, count, sourceWorld, tag, op);
        if (source == Communicator.PROC_NULL) {
            r.completeProcNull();
            return r;
        }
        Recorder rec = comm.world().recorder();
        if (rec.on()) {
            Observation.attach(
                    comm,
                    rec.start(),
                    rec.jfr() ? rec.beginJfr(false) : null,
                    Observation.receiveKey(name),
                    sourceWorld,
                    tag,
                    0,
                    r,
                    true);
        }
        comm.p2pQueues().post(r);
        return r;
    }

    /** A receive of one object of any length, decoded on arrival (see {@link ObjectReceive}). */
    <T> ObjectReceive<T> irecvObject(int source, int tag) {
        OpText op = OpText.peer(comm, "irecvObject", true, source, tag);
        checkPeer("source", source, true);
        checkTag(tag, true);
        comm.checkUsable(op);
        int sourceWorld = source < 0 ? source : comm.worldRankOf(source);
        ObjectReceive<T> r = new ObjectReceive<>(comm, sourceWorld, tag, op);
        if (source == Communicator.PROC_NULL) {
            r.completeProcNull();
            return r;
        }
        comm.p2pQueues().post(r);
        return r;
    }

    Status probe(int source, int tag) {
        OpText op = OpText.peer(comm, "probe", true, source, tag);
        checkPeer("source", source, true);
        checkTag(tag, true);
        comm.checkUsable(op);
        if (source == Communicator.PROC_NULL) {
            return Status.procNull();
        }
        ProbeRequest p = new ProbeRequest(comm, source < 0 ? source : comm.worldRankOf(source), tag, op);
        comm.p2pQueues().post(p);
        return p.await();
    }

    Optional<Status> iprobe(int source, int tag) {
        OpText op = OpText.peer(comm, "iprobe", true, source, tag);
        checkPeer("source", source, true);
        checkTag(tag, true);
        comm.checkUsable(op);
        if (source == Communicator.PROC_NULL) {
            return Optional.of(Status.procNull());
        }
        comm.world().progress().poll();
        ProbeRequest p = new ProbeRequest(comm, source < 0 ? source : comm.worldRankOf(source), tag, op);
        if (comm.p2pQueues().matchQueued(p)) {
            return Optional.of(p.await());
        }
        p.withdraw();
        return Optional.empty();
    }

    /** A blocking or non-blocking matched probe ({@code mprobe}, {@code improbe}). */
    Optional<Message> mprobe(int source, int tag, boolean block) {
        OpText op = OpText.peer(comm, block ? "mprobe" : "improbe", true, source, tag);
        checkPeer("source", source, true);
        checkTag(tag, true);
        comm.checkUsable(op);
        if (source == Communicator.PROC_NULL) {
            return Optional.of(new MatchedMessage(comm, null, Status.procNull()));
        }
        if (!block) {
            comm.world().progress().poll();
        }
        MatchedProbe p = new MatchedProbe(comm, source < 0 ? source : comm.worldRankOf(source), tag, op);
        if (block) {
            comm.p2pQueues().post(p);
        } else if (!comm.p2pQueues().matchQueued(p)) {
            p.withdraw();
            return Optional.empty();
        }
        p.await();
        return Optional.of(p.message());
    }

    /** Receives a matched message into {@code buf} ({@code mrecv}, {@code imrecv}). */
    RecvRequest mrecv(Object buf, int offset, int count, Message message, String name) {
        // Formatted now: the message describes itself differently once taken.
        OpText op = OpText.of(comm.who() + name + "(" + message + ")");
        Buffers.checkRange(buf, offset, count, "buf");
        comm.checkUsable(op);
        MatchedMessage m = MatchedMessage.take(comm, message, op);
        InboundMessage in = m.inbound();
        RecvRequest r = new RecvRequest(
                comm,
                comm.p2pQueues(),
                buf,
                offset,
                count,
                in == null ? Communicator.PROC_NULL : in.sourceWorldRank(),
                in == null ? Communicator.ANY_TAG : in.tag(),
                op);
        if (in == null) {
            r.completeProcNull();
        } else {
            r.deliver(in);
        }
        return r;
    }

    /** Receives a matched message as an object ({@code mrecvObject}). */
    <T> ObjectReceive<T> mrecvObject(Message message, String name) {
        // Formatted now: the message describes itself differently once taken.
        OpText op = OpText.of(comm.who() + name + "(" + message + ")");
        comm.checkUsable(op);
        MatchedMessage m = MatchedMessage.take(comm, message, op);
        InboundMessage in = m.inbound();
        ObjectReceive<T> r = new ObjectReceive<>(
                comm,
                in == null ? Communicator.PROC_NULL : in.sourceWorldRank(),
                in == null ? Communicator.ANY_TAG : in.tag(),
                op);
        if (in == null) {
            r.completeProcNull();
        } else {
            r.deliver(in);
        }
        return r;
    }

    /**
     * Checks a send's or a receive's arguments without starting it: once for a persistent
     * request (as its every start would), and a send's before {@code isendrecv} posts its receive.
     */
    void checkPersistent(Object buf, int offset, int count, int peer, int tag, boolean receive) {
        Buffers.datatypeOf(buf, "buf");
        Buffers.checkRange(buf, offset, count, "buf");
        checkPeer(receive ? "source" : "dest", peer, receive);
        checkTag(tag, receive);
    }

    private void checkPeer(String name, int r, boolean wildcardAllowed) {
        if (r == Communicator.PROC_NULL || (wildcardAllowed && r == Communicator.ANY_SOURCE)) {
            return;
        }
        if (r < 0 || r >= comm.size()) {
            throw new InvalidArgumentException(name + "=" + r + " (expected: 0 <= " + name + " < size=" + comm.size()
                    + (wildcardAllowed ? ", ANY_SOURCE" : "") + " or PROC_NULL)");
        }
    }

    private static void checkTag(int tag, boolean wildcardAllowed) {
        if (wildcardAllowed && tag == Communicator.ANY_TAG) {
            return;
        }
        if (tag < 0 || tag > Communicator.TAG_UB) {
            throw new InvalidArgumentException("tag=" + tag + " (expected: 0 <= tag <= TAG_UB=" + Communicator.TAG_UB
                    + (wildcardAllowed ? " or ANY_TAG" : "") + ")");
        }
    }

    static String sourceName(int source) {
        return source == Communicator.ANY_SOURCE
                ? "ANY_SOURCE"
                : source == Communicator.PROC_NULL ? "PROC_NULL" : Integer.toString(source);
    }

    static String tagName(int tag) {
        return tag == Communicator.ANY_TAG ? "ANY_TAG" : Integer.toString(tag);
    }
}
