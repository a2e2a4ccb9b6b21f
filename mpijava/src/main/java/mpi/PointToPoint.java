package mpi;

import dev.jmpi.Communicator;

/**
 * Starts the facade's point-to-point operations on a communicator's core: checks the buffer
 * against the datatype, packs derived types into a contiguous array (or sends the caller's
 * array directly when the type is dense), and translates ranks for intercommunicators.
 */
final class PointToPoint {

    /** Send modes of MPI. */
    enum Mode {
        STANDARD,
        SYNCHRONOUS,
        BUFFERED,
        READY
    }

    private PointToPoint() {}

    static Pending send(Comm c, Object buf, int offset, int count, Datatype type, int dest, int tag, Mode mode) {
        type.checkBuffer("buf", buf, offset, count);
        Communicator core = c.p2pCore();
        int d = c.toP2p(dest, false);
        if (type.isObject()) {
            Object[] objects = (Object[]) (type.contiguous() ? buf : type.pack(buf, offset, count));
            int from = type.contiguous() ? offset : 0;
            return ObjectTransfer.send(
                    c,
                    core,
                    objects,
                    from,
                    count * type.size(),
                    d,
                    tag,
                    mode == Mode.SYNCHRONOUS,
                    mode == Mode.BUFFERED);
        }
        int elements = count * type.size();
        if (mode == Mode.BUFFERED) {
            MPI.state().checkBufferedSend((long) elements * type.base.bytes());
        }
        Object data = type.dense() ? buf : type.pack(buf, offset, count);
        int from = type.dense() ? offset : 0;
        dev.jmpi.Request r = mode == Mode.SYNCHRONOUS
                ? core.issend(data, from, elements, d, tag)
                : core.isend(data, from, elements, d, tag);
        int me = c.Rank();
        return new CorePending(r, s -> new Status(me, tag, elements, false, false));
    }

    static Pending recv(Comm c, Object buf, int offset, int count, Datatype type, int source, int anyTag) {
        type.checkBuffer("buf", buf, offset, count);
        Communicator core = c.p2pCore();
        int s = c.toP2p(source, true);
        int tag = Wildcards.tagToCore(anyTag);
        if (type.isObject()) {
            if (type.contiguous()) {
                return ObjectTransfer.recv(c, core, (Object[]) buf, offset, count * type.size(), s, tag);
            }
            Object[] packed = new Object[count * type.size()];
            Pending inner = ObjectTransfer.recv(c, core, packed, 0, packed.length, s, tag);
            return new Unpacking(inner, packed, type, buf, offset);
        }
        int elements = count * type.size();
        if (type.dense()) {
            return new CorePending(core.irecv(buf, offset, elements, s, tag), c::status);
        }
        Object tmp = type.base.newArray(elements);
        return new CorePending(core.irecv(tmp, 0, elements, s, tag), st -> {
            type.unpack(tmp, 0, st.count(), buf, offset);
            return c.status(st);
        });
    }

    static Status sendrecv(
            Comm c,
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            int dest,
            int sendtag,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype,
            int source,
            int recvtag) {
        if (sendtype.dense() && recvtype.dense()) {
            sendtype.checkBuffer("sendbuf", sendbuf, sendoffset, sendcount);
            recvtype.checkBuffer("recvbuf", recvbuf, recvoffset, recvcount);
            dev.jmpi.Status s = c.p2pCore()
                    .sendrecv(
                            sendbuf,
                            sendoffset,
                            sendcount * sendtype.size(),
                            c.toP2p(dest, false),
                            sendtag,
                            recvbuf,
                            recvoffset,
                            recvcount * recvtype.size(),
                            c.toP2p(source, true),
                            Wildcards.tagToCore(recvtag));
            return c.status(s);
        }
        Pending r = recv(c, recvbuf, recvoffset, recvcount, recvtype, source, recvtag);
        Pending s = send(c, sendbuf, sendoffset, sendcount, sendtype, dest, sendtag, Mode.STANDARD);
        s.await();
        return r.await();
    }

    static Status sendrecvReplace(
            Comm c, Object buf, int offset, int count, Datatype type, int dest, int sendtag, int source, int recvtag) {
        type.checkBuffer("buf", buf, offset, count);
        if (type.dense()) {
            return c.status(c.p2pCore()
                    .sendrecvReplace(
                            buf,
                            offset,
                            count * type.size(),
                            c.toP2p(dest, false),
                            sendtag,
                            c.toP2p(source, true),
                            Wildcards.tagToCore(recvtag)));
        }
        Object copy = type.pack(buf, offset, count);
        Pending s = send(c, copy, 0, count * type.size(), Datatype.basicOf(type.base), dest, sendtag, Mode.STANDARD);
        Pending r = recv(c, buf, offset, count, type, source, recvtag);
        s.await();
        return r.await();
    }

    static Status probe(Comm c, int source, int tag) {
        dev.jmpi.Status s = c.p2pCore().probe(c.toP2p(source, true), Wildcards.tagToCore(tag));
        return c.probeStatus(s);
    }

    static Status iprobe(Comm c, int source, int tag) {
        return c.p2pCore()
                .iprobe(c.toP2p(source, true), Wildcards.tagToCore(tag))
                .map(c::probeStatus)
                .orElse(null);
    }

    /** Unpacks a derived {@code OBJECT} type after the packed receive completes. */
    private static final class Unpacking implements Pending {
        private final Pending inner;
        private final Object[] packed;
        private final Datatype type;
        private final Object buf;
        private final int offset;
        private boolean unpacked;

        Unpacking(Pending inner, Object[] packed, Datatype type, Object buf, int offset) {
            this.inner = inner;
            this.packed = packed;
            this.type = type;
            this.buf = buf;
            this.offset = offset;
        }

        private synchronized Status finish(Status s) {
            if (!unpacked) {
                type.unpack(packed, 0, s.count, buf, offset);
                unpacked = true;
            }
            return s;
        }

        @Override
        public boolean poll() {
            if (!inner.poll()) {
                return false;
            }
            finish(inner.await());
            return true;
        }

        @Override
        public Status await() {
            return finish(inner.await());
        }

        @Override
        public boolean cancel() {
            return inner.cancel();
        }

        @Override
        public java.util.concurrent.CompletableFuture<?> whenDone() {
            return inner.whenDone();
        }
    }
}
