package mpi;

import java.nio.Buffer;

/**
 * A matched message (MPI_Mprobe / MPI_Mrecv). jmpi's core has no matched probe, so the
 * message is remembered by its communicator, source and tag, and {@code mRecv} receives the
 * next message from that source with that tag: the same message unless another thread of
 * this process receives from that source and tag in between.
 */
public final class Message {

    private Comm comm;
    private int source = MPI.PROC_NULL;
    private int tag;
    private boolean matched;

    /** An empty message handle (MPI_MESSAGE_NULL) for {@link #mProbe} or {@link #imProbe} to fill. */
    public Message() {
    }

    /** True if the handle holds no message. */
    public boolean isNull() {
        return !matched;
    }

    /** True if the matched message came from {@code MPI.PROC_NULL}. */
    public boolean isNoProc() {
        return matched && source == MPI.PROC_NULL;
    }

    /** Waits for a matching message and keeps it for {@link #mRecv}. */
    public Status mProbe(int source, int tag, Comm comm) throws MPIException {
        Status s = comm.probe(source, tag);
        remember(comm, s);
        return s;
    }

    /** Keeps a matching message if there is one now. */
    public boolean imProbe(int source, int tag, Comm comm) throws MPIException {
        Status s = comm.iProbe(source, tag);
        if (s == null) {
            return false;
        }
        remember(comm, s);
        return true;
    }

    private void remember(Comm c, Status s) throws MPIException {
        this.comm = c;
        this.source = s.getSource();
        this.tag = s.getTag();
        this.matched = true;
    }

    /** Receives the matched message. */
    public Status mRecv(Object buf, int count, Datatype type) throws MPIException {
        Comm c = taken();
        return c.recv(buf, count, type, source, tag);
    }

    /** Starts receiving the matched message. */
    public Request imRecv(Buffer buf, int count, Datatype type) throws MPIException {
        Comm c = taken();
        return c.iRecv(buf, count, type, source, tag);
    }

    private Comm taken() throws MPIException {
        if (!matched) {
            throw new MPIException(ErrorCodes.ERR_REQUEST, "mRecv on a message handle no probe has matched"
                + " (expected: mProbe or a successful imProbe first)", null);
        }
        matched = false;
        return comm;
    }
}
