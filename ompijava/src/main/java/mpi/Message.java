package mpi;

import java.nio.Buffer;

/**
 * A matched message (MPI_Mprobe / MPI_Mrecv), over jmpi's matched probe: the probe takes the
 * message out of matching, so no other receive or probe, on any thread, can take it before
 * {@code mRecv}.
 */
public final class Message {

    private Comm comm;
    private dev.jmpi.Message core;

    /** An empty message handle (MPI_MESSAGE_NULL) for {@link #mProbe} or {@link #imProbe} to fill. */
    public Message() {}

    /** True if the handle holds no message. */
    public boolean isNull() {
        return core == null;
    }

    /** True if the matched message came from {@code MPI.PROC_NULL}. */
    public boolean isNoProc() {
        return core != null && core.status().source() == dev.jmpi.Communicator.PROC_NULL;
    }

    /** Waits for a matching message and keeps it for {@link #mRecv}. */
    public Status mProbe(int source, int tag, Comm comm) throws MPIException {
        remember(comm, comm.matchedProbe(source, tag, true));
        return comm.status(core.status());
    }

    /** Keeps a matching message if there is one now. */
    public boolean imProbe(int source, int tag, Comm comm) throws MPIException {
        dev.jmpi.Message m = comm.matchedProbe(source, tag, false);
        if (m == null) {
            return false;
        }
        remember(comm, m);
        return true;
    }

    private void remember(Comm c, dev.jmpi.Message m) {
        this.comm = c;
        this.core = m;
    }

    /** Receives the matched message. */
    public Status mRecv(Object buf, int count, Datatype type) throws MPIException {
        dev.jmpi.Message m = taken();
        return comm.matchedRecv(buf, count, type, m);
    }

    /** Starts receiving the matched message. */
    public Request imRecv(Buffer buf, int count, Datatype type) throws MPIException {
        dev.jmpi.Message m = taken();
        return comm.matchedIrecv(buf, count, type, m);
    }

    private dev.jmpi.Message taken() throws MPIException {
        if (core == null) {
            throw new MPIException(
                    ErrorCodes.ERR_REQUEST,
                    "mRecv on a message handle no probe has matched"
                            + " (expected: mProbe or a successful imProbe first)",
                    null);
        }
        dev.jmpi.Message m = core;
        core = null;
        return m;
    }
}
