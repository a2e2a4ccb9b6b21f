package mpi;

import dev.jmpi.Communicator;
import mpi.PointToPoint.Mode;

/**
 * A communicator: point-to-point communication, probes, packing and the calls every
 * communicator shares. {@link Intracomm} adds collectives and topologies; {@link Intercomm}
 * connects two groups.
 *
 * <p>Buffers are one-dimensional Java arrays; {@code offset} is the index of the first
 * element and {@code count} the number of items of {@code datatype}. Sends in standard,
 * buffered and ready mode complete as soon as the data has been copied out; a synchronous
 * send completes only once the receiver has matched it.
 */
public abstract class Comm {

    /** Where this communicator came from; identifies it when intercommunicators are built. */
    final String lineage;

    final Comm parent;
    private int derivations;
    private volatile Errhandler errhandler = MPI.ERRORS_RETURN;
    private volatile boolean freed;

    Comm(String lineage, Comm parent) {
        this.lineage = lineage;
        this.parent = parent;
    }

    // ------------------------------------------------------------------ for subclasses

    /** The core communicator point-to-point traffic runs on. */
    abstract Communicator p2pCore();

    /** A rank of this communicator as a rank of {@link #p2pCore()} (wildcards as the core's). */
    int toP2p(int rank, boolean wildcardAllowed) {
        return Wildcards.rankToCore(rank);
    }

    /** A rank of {@link #p2pCore()} as a rank of this communicator. */
    int fromP2p(int rank) {
        return rank;
    }

    /** A lineage for a communicator derived from this one; every member derives in the same order. */
    synchronized String childLineage() {
        return lineage + "." + derivations++;
    }

    Errhandler errhandler() {
        return errhandler;
    }

    void setErrhandler(Errhandler h) {
        errhandler = h;
    }

    /** Converts a failure, applying the error handler: fatal ones abort the job. */
    MPIException fail(RuntimeException e) {
        MPIException m = Errors.convert(e);
        if (errhandler().isFatal()) {
            System.err.println("mpi: rank " + MPI.rankForMessages() + ": MPI.ERRORS_ARE_FATAL: aborting the job");
            abortJob(1);
        }
        return m;
    }

    Status status(dev.jmpi.Status s) {
        int src = s.source() < 0 ? Wildcards.rankFromCore(s.source()) : fromP2p(s.source());
        return new Status(src, Wildcards.tagFromCore(s.tag()), s.count(), s.isCancelled(), false);
    }

    Status probeStatus(dev.jmpi.Status s) {
        int src = s.source() < 0 ? Wildcards.rankFromCore(s.source()) : fromP2p(s.source());
        return new Status(src, Wildcards.tagFromCore(s.tag()), s.count(), false, s.datatype() == dev.jmpi.Datatype.INT);
    }

    void checkLive() {
        if (freed) {
            throw new IllegalStateException("the communicator was freed (expected: a live communicator)");
        }
    }

    // ------------------------------------------------------------------ identity

    /** Number of processes in this communicator (the local group, for an intercommunicator). */
    public abstract int Size() throws MPIException;

    /** This process's rank in this communicator. */
    public abstract int Rank() throws MPIException;

    /** This communicator's group (the local group, for an intercommunicator). */
    public abstract Group Group() throws MPIException;

    /** A new communicator with the same group and topology and a fresh context. Collective. */
    @Override
    public abstract Object clone();

    /**
     * {@link MPI#IDENT} if both are the same communicator, {@link MPI#CONGRUENT} if their
     * groups are identical, {@link MPI#SIMILAR} if they hold the same members in another
     * order, else {@link MPI#UNEQUAL}.
     */
    public static int Compare(Comm comm1, Comm comm2) throws MPIException {
        try {
            if (comm1 == comm2 || (comm1.p2pCore() == comm2.p2pCore() && comm1.Test_inter() == comm2.Test_inter())) {
                return MPI.IDENT;
            }
            int g = Group.Compare(comm1.Group(), comm2.Group());
            if (comm1.Test_inter() || comm2.Test_inter()) {
                if (!(comm1 instanceof Intercomm a) || !(comm2 instanceof Intercomm b)) {
                    return MPI.UNEQUAL;
                }
                int r = Group.Compare(a.Remote_group(), b.Remote_group());
                g = Math.max(g, r);
            }
            return g == MPI.IDENT ? MPI.CONGRUENT : g;
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Frees this communicator; it must not be used afterwards. */
    public void Free() throws MPIException {
        freed = true;
    }

    /** True if this communicator has been freed. */
    public boolean Is_null() {
        return freed;
    }

    /** True for an intercommunicator. */
    public boolean Test_inter() throws MPIException {
        return false;
    }

    /** {@link MPI#CART}, {@link MPI#GRAPH}, or {@link MPI#UNDEFINED} for no topology. */
    public int Topo_test() throws MPIException {
        return MPI.UNDEFINED;
    }

    /**
     * The value of a predefined attribute: {@link MPI#TAG_UB}, {@link MPI#HOST},
     * {@link MPI#IO}, {@link MPI#WTIME_IS_GLOBAL}; an {@link Integer}.
     */
    public Object Attr_get(int keyval) throws MPIException {
        switch (keyval) {
            case MPI.TAG_UB:
                return Communicator.TAG_UB;
            case MPI.HOST:
                return MPI.PROC_NULL;
            case MPI.IO:
                return MPI.ANY_SOURCE;
            case MPI.WTIME_IS_GLOBAL:
                return 0;
            default:
                throw Errors.error("Attr_get: keyval=" + keyval
                        + " (expected: MPI.TAG_UB, MPI.HOST, MPI.IO or MPI.WTIME_IS_GLOBAL)");
        }
    }

    /** Sets what happens when a call on this communicator fails. */
    public void Errhandler_set(Errhandler errhandler) throws MPIException {
        setErrhandler(errhandler);
    }

    /** The error handler of this communicator. */
    public Errhandler Errhandler_get() throws MPIException {
        return errhandler();
    }

    /**
     * Ends every process of the job; the job (and {@code jmpirun}) exits with
     * {@code errorcode}. Does not return.
     */
    public void Abort(int errorcode) throws MPIException {
        System.err.println("mpi: rank " + MPI.rankForMessages() + ": Abort(" + errorcode + ") called");
        System.err.flush();
        abortJob(errorcode);
    }

    private void abortJob(int code) {
        MPIState s = MPI.state();
        s.world.abort(code);
        if (!s.inProcess) {
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(code);
        }
        throw new MPIException("rank " + s.worldRank + " aborted the job with exit code " + code);
    }

    // ------------------------------------------------------------------ blocking point-to-point

    /** Sends {@code count} items of {@code buf} from {@code offset} to {@code dest} (standard mode). */
    public void Send(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        blockingSend(buf, offset, count, datatype, dest, tag, Mode.STANDARD);
    }

    /** Synchronous send: returns only once the receiver has started receiving the message. */
    public void Ssend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        blockingSend(buf, offset, count, datatype, dest, tag, Mode.SYNCHRONOUS);
    }

    /** Buffered send: needs room in the buffer given to {@link MPI#Buffer_attach}. */
    public void Bsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        blockingSend(buf, offset, count, datatype, dest, tag, Mode.BUFFERED);
    }

    /** Ready send: the matching receive must already be posted. */
    public void Rsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        blockingSend(buf, offset, count, datatype, dest, tag, Mode.READY);
    }

    private void blockingSend(Object buf, int offset, int count, Datatype datatype, int dest, int tag, Mode mode) {
        try {
            checkLive();
            PointToPoint.send(this, buf, offset, count, datatype, dest, tag, mode)
                    .await();
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Receives at most {@code count} items into {@code buf} from {@code offset}. */
    public Status Recv(Object buf, int offset, int count, Datatype datatype, int source, int tag) throws MPIException {
        try {
            checkLive();
            return PointToPoint.recv(this, buf, offset, count, datatype, source, tag)
                    .await();
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Sends and receives in one call, free of deadlock whatever the peers' order. */
    public Status Sendrecv(
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
            int recvtag)
            throws MPIException {
        try {
            checkLive();
            return PointToPoint.sendrecv(
                    this,
                    sendbuf,
                    sendoffset,
                    sendcount,
                    sendtype,
                    dest,
                    sendtag,
                    recvbuf,
                    recvoffset,
                    recvcount,
                    recvtype,
                    source,
                    recvtag);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** {@link #Sendrecv} with one buffer: what is sent is replaced by what is received. */
    public Status Sendrecv_replace(
            Object buf, int offset, int count, Datatype datatype, int dest, int sendtag, int source, int recvtag)
            throws MPIException {
        try {
            checkLive();
            return PointToPoint.sendrecvReplace(this, buf, offset, count, datatype, dest, sendtag, source, recvtag);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    // ------------------------------------------------------------------ non-blocking point-to-point

    /** Starts a standard-mode send. */
    public Request Isend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return start(buf, offset, count, datatype, dest, tag, Mode.STANDARD);
    }

    /** Starts a synchronous send: completes once the receiver has matched it. */
    public Request Issend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return start(buf, offset, count, datatype, dest, tag, Mode.SYNCHRONOUS);
    }

    /** Starts a buffered send. */
    public Request Ibsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return start(buf, offset, count, datatype, dest, tag, Mode.BUFFERED);
    }

    /** Starts a ready send. */
    public Request Irsend(Object buf, int offset, int count, Datatype datatype, int dest, int tag) throws MPIException {
        return start(buf, offset, count, datatype, dest, tag, Mode.READY);
    }

    /** Starts a receive; read the buffer only after the request completes. */
    public Request Irecv(Object buf, int offset, int count, Datatype datatype, int source, int tag)
            throws MPIException {
        try {
            checkLive();
            return new Request(PointToPoint.recv(this, buf, offset, count, datatype, source, tag));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    private Request start(Object buf, int offset, int count, Datatype datatype, int dest, int tag, Mode mode) {
        try {
            checkLive();
            return new Request(PointToPoint.send(this, buf, offset, count, datatype, dest, tag, mode));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    // ------------------------------------------------------------------ persistent requests

    /** A persistent standard-mode send; each {@link Prequest#Start()} sends the buffer's current contents. */
    public Prequest Send_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag)
            throws MPIException {
        return persistentSend(buf, offset, count, datatype, dest, tag, Mode.STANDARD);
    }

    /** A persistent synchronous send. */
    public Prequest Ssend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag)
            throws MPIException {
        return persistentSend(buf, offset, count, datatype, dest, tag, Mode.SYNCHRONOUS);
    }

    /** A persistent buffered send. */
    public Prequest Bsend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag)
            throws MPIException {
        return persistentSend(buf, offset, count, datatype, dest, tag, Mode.BUFFERED);
    }

    /** A persistent ready send. */
    public Prequest Rsend_init(Object buf, int offset, int count, Datatype datatype, int dest, int tag)
            throws MPIException {
        return persistentSend(buf, offset, count, datatype, dest, tag, Mode.READY);
    }

    /** A persistent receive. */
    public Prequest Recv_init(Object buf, int offset, int count, Datatype datatype, int source, int tag)
            throws MPIException {
        try {
            checkLive();
            datatype.checkBuffer("buf", buf, offset, count);
            return new Prequest(() -> PointToPoint.recv(this, buf, offset, count, datatype, source, tag));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    private Prequest persistentSend(
            Object buf, int offset, int count, Datatype datatype, int dest, int tag, Mode mode) {
        try {
            checkLive();
            datatype.checkBuffer("buf", buf, offset, count);
            return new Prequest(() -> PointToPoint.send(this, buf, offset, count, datatype, dest, tag, mode));
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    // ------------------------------------------------------------------ probes

    /** Waits for a matching message and describes it without receiving it. */
    public Status Probe(int source, int tag) throws MPIException {
        try {
            checkLive();
            return PointToPoint.probe(this, source, tag);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Describes a matching message if one has arrived, else returns null. */
    public Status Iprobe(int source, int tag) throws MPIException {
        try {
            checkLive();
            return PointToPoint.iprobe(this, source, tag);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    // ------------------------------------------------------------------ packing

    /** Packs {@code incount} items into {@code outbuf} at {@code position}; returns the new position. */
    public int Pack(Object inbuf, int offset, int incount, Datatype datatype, byte[] outbuf, int position)
            throws MPIException {
        try {
            return Packing.pack(inbuf, offset, incount, datatype, outbuf, position);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Unpacks {@code outcount} items from {@code inbuf} at {@code position}; returns the new position. */
    public int Unpack(byte[] inbuf, int position, Object outbuf, int offset, int outcount, Datatype datatype)
            throws MPIException {
        try {
            return Packing.unpack(inbuf, position, outbuf, offset, outcount, datatype);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Bytes that {@link #Pack} needs for {@code incount} items of a primitive datatype. */
    public int Pack_size(int incount, Datatype datatype) throws MPIException {
        try {
            return Packing.packSize(incount, datatype);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    // ------------------------------------------------------------------ intercommunicators

    /**
     * Builds an intercommunicator between {@code local_comm}'s group and a remote group. Call
     * it on the peer communicator (which holds both leaders), on every process of both
     * groups; {@code remote_leader} is the remote leader's rank in this communicator and
     * {@code tag} a tag free for the leaders' exchange.
     */
    public Intercomm Create_intercomm(Comm local_comm, int local_leader, int remote_leader, int tag)
            throws MPIException {
        try {
            return IntercommFactory.create(this, (Intracomm) local_comm, local_leader, remote_leader, tag);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }
}
