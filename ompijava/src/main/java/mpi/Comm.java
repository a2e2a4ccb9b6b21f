package mpi;

import dev.jmpi.Communicator;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * A communicator: point-to-point messages and the collectives both intra- and
 * intercommunicators share in Open MPI's Java bindings. Every call maps onto a core
 * {@link Communicator}; buffers are staged through {@link Staged} when the datatype or the
 * buffer kind needs it.
 */
public class Comm implements Freeable, Cloneable {

    /** Split type for {@code Intracomm.splitType}: processes that share memory (a host). */
    public static final int TYPE_SHARED = 0;

    Communicator core;
    private final Attributes attributes = new Attributes();
    private String name = "";
    private Errhandler errhandler = Errhandler.FATAL;
    private Info info = new Info();
    private Request request;
    private Communicator neighborhood;

    Comm(Communicator core) {
        this.core = core;
    }

    // ------------------------------------------------------------------ plumbing

    /** The core communicator; fails on MPI_COMM_NULL. */
    Communicator core() throws MPIException {
        Communicator c = core;
        if (c == null) {
            throw new MPIException(
                    ErrorCodes.ERR_COMM,
                    "operation on a null communicator (MPI_COMM_NULL, freed,"
                            + " or MPI.COMM_WORLD before MPI.Init) (expected: a valid communicator)",
                    null);
        }
        return c;
    }

    /** The core communicator point-to-point traffic travels on (an intercommunicator's bridge). */
    Communicator p2p() throws MPIException {
        return core();
    }

    /** The core communicator collectives run on; intercommunicators have none. */
    Communicator collective(String operation) throws MPIException {
        return core();
    }

    /** A rank of this communicator (dest, source) as a rank of {@link #p2p()}. */
    int toCore(int rank) throws MPIException {
        return rank;
    }

    /** A rank of {@link #p2p()} (a status's source) as a rank of this communicator. */
    int fromCore(int coreRank) {
        return coreRank;
    }

    Status status(dev.jmpi.Status s) {
        if (s == null) {
            return Status.empty();
        }
        if (s.source() == Communicator.PROC_NULL) {
            return new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, s.isCancelled());
        }
        return Status.of(s, fromCore(s.source()));
    }

    Completion completion(Staged... toWriteBack) {
        return s -> {
            for (Staged w : toWriteBack) {
                if (w != null) {
                    w.writeBack();
                }
            }
            return status(s);
        };
    }

    void copyStateTo(Comm other) {
        attributes.copyTo(other.attributes);
        other.errhandler = errhandler;
    }

    // ------------------------------------------------------------------ identity

    @Override
    public Comm clone() {
        try {
            return dup();
        } catch (MPIException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A communicator of the same processes with a fresh context. Collective. */
    public Comm dup() throws MPIException {
        Comm c = new Comm(Errors.call(() -> core().dup()));
        copyStateTo(c);
        return c;
    }

    /** As {@link #dup()}; the duplicate is made at once and {@link #getRequest()} is complete. */
    public Comm iDup() throws MPIException {
        Comm c = dup();
        c.request = CompletedRequest.request();
        return c;
    }

    /** As {@link #dup()}; the info is kept with the new communicator. */
    public Comm dupWithInfo(Info info) throws MPIException {
        Comm c = dup();
        c.setInfo(info);
        return c;
    }

    /** The request of the {@link #iDup()} that made this communicator. */
    public final Request getRequest() {
        return request;
    }

    void setRequest(Request r) {
        this.request = r;
    }

    /** Number of processes (of the local group, for an intercommunicator). */
    public final int getSize() throws MPIException {
        return localSize();
    }

    /** This process's rank (in the local group, for an intercommunicator). */
    public final int getRank() throws MPIException {
        return localRank();
    }

    int localSize() throws MPIException {
        return core().size();
    }

    int localRank() throws MPIException {
        return core().rank();
    }

    /** {@code MPI.IDENT}, {@code CONGRUENT}, {@code SIMILAR} or {@code UNEQUAL}. */
    public static int compare(Comm comm1, Comm comm2) throws MPIException {
        if (comm1 == comm2 || (comm1.core != null && comm1.core == comm2.core)) {
            return MPI.IDENT;
        }
        int g = Group.compare(comm1.getGroup(), comm2.getGroup());
        if (g == MPI.IDENT) {
            return MPI.CONGRUENT;
        }
        return g;
    }

    /** Frees the communicator: it becomes MPI_COMM_NULL. */
    @Override
    public final void free() throws MPIException {
        core();
        core = null;
    }

    /** True for MPI_COMM_NULL (a {@code split} with {@code MPI.UNDEFINED}, a freed communicator, ...). */
    public final boolean isNull() {
        return core == null;
    }

    /** Keeps the hints (jmpi uses none). */
    public final void setInfo(Info info) throws MPIException {
        this.info = info.dup();
    }

    /** The hints set with {@link #setInfo}. */
    public final Info getInfo() throws MPIException {
        return info.dup();
    }

    /** As {@link #free()} (MPI_COMM_DISCONNECT; there are no dynamic processes to disconnect). */
    public final void disconnect() throws MPIException {
        free();
    }

    /** The processes of the communicator (the local group, for an intercommunicator). */
    public final Group getGroup() throws MPIException {
        return new Group(localGroup());
    }

    dev.jmpi.Group localGroup() throws MPIException {
        return core().group();
    }

    /** True for an intercommunicator. */
    public boolean isInter() throws MPIException {
        return false;
    }

    /**
     * Creates an intercommunicator; {@code this} is the peer communicator over which the two
     * leaders talk. jmpi needs the peer to hold exactly the processes of both groups.
     */
    public final Intercomm createIntercomm(Comm localComm, int localLeader, int remoteLeader, int tag)
            throws MPIException {
        return Intercomm.create(this, localComm, localLeader, remoteLeader, tag);
    }

    // ------------------------------------------------------------------ point-to-point

    /** Blocking standard send. */
    public final void send(Object buf, int count, Datatype type, int dest, int tag) throws MPIException {
        Staged s = Staged.of(buf, count, type);
        int to = toCore(dest);
        Errors.run(() -> p2p().send(s.array, s.offset, s.length, to, tag));
    }

    /** Blocking receive. */
    public final Status recv(Object buf, int count, Datatype type, int source, int tag) throws MPIException {
        Staged s = Staged.forReceive(buf, count, type);
        int from = toCore(source);
        dev.jmpi.Status st = Errors.call(() -> p2p().recv(s.array, s.offset, s.length, from, tag));
        s.writeBack(st.count());
        return status(st);
    }

    /** Sends and receives at once. */
    public final Status sendRecv(
            Object sendbuf,
            int sendcount,
            Datatype sendtype,
            int dest,
            int sendtag,
            Object recvbuf,
            int recvcount,
            Datatype recvtype,
            int source,
            int recvtag)
            throws MPIException {
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = Staged.forReceive(recvbuf, recvcount, recvtype);
        int to = toCore(dest);
        int from = toCore(source);
        dev.jmpi.Status st = Errors.call(() ->
                p2p().sendrecv(s.array, s.offset, s.length, to, sendtag, r.array, r.offset, r.length, from, recvtag));
        r.writeBack(st.count());
        return status(st);
    }

    /** Sends the buffer and replaces it with the message received. */
    public final Status sendRecvReplace(
            Object buf, int count, Datatype type, int dest, int sendtag, int source, int recvtag) throws MPIException {
        Staged s = Staged.of(buf, count, type);
        int to = toCore(dest);
        int from = toCore(source);
        dev.jmpi.Status st =
                Errors.call(() -> p2p().sendrecvReplace(s.array, s.offset, s.length, to, sendtag, from, recvtag));
        s.writeBack();
        return status(st);
    }

    /** Buffered send: needs a buffer attached with {@link MPI#attachBuffer}; the data leaves at once. */
    public final void bSend(Object buf, int count, Datatype type, int dest, int tag) throws MPIException {
        MPI.checkBsend(count, type);
        send(buf, count, type, dest, tag);
    }

    /** Synchronous send: returns once the receiver has matched the message. */
    public final void sSend(Object buf, int count, Datatype type, int dest, int tag) throws MPIException {
        Staged s = Staged.of(buf, count, type);
        int to = toCore(dest);
        Errors.run(() -> p2p().ssend(s.array, s.offset, s.length, to, tag));
    }

    /** Ready send (a standard send, always valid for one). */
    public final void rSend(Object buf, int count, Datatype type, int dest, int tag) throws MPIException {
        send(buf, count, type, dest, tag);
    }

    /** Starts a standard send. */
    public final Request iSend(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
        Staged s = Staged.of(buf, count, type);
        int to = toCore(dest);
        return new Request(Errors.call(() -> p2p().isend(s.array, s.offset, s.length, to, tag)), completion());
    }

    /** Starts a buffered send. */
    public final Request ibSend(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
        MPI.checkBsend(count, type);
        return iSend(buf, count, type, dest, tag);
    }

    /** Starts a synchronous send. */
    public final Request isSend(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
        Staged s = Staged.of(buf, count, type);
        int to = toCore(dest);
        return new Request(Errors.call(() -> p2p().issend(s.array, s.offset, s.length, to, tag)), completion());
    }

    /** Starts a ready send. */
    public final Request irSend(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
        return iSend(buf, count, type, dest, tag);
    }

    /** Starts a receive. */
    public final Request iRecv(Buffer buf, int count, Datatype type, int source, int tag) throws MPIException {
        Staged s = Staged.forReceive(buf, count, type);
        int from = toCore(source);
        return new Request(Errors.call(() -> p2p().irecv(s.array, s.offset, s.length, from, tag)), st -> {
            if (st != null && !st.isCancelled()) {
                s.writeBack(st.count());
            }
            return status(st);
        });
    }

    /** A persistent standard send. */
    public final Prequest sendInit(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
        Staged.of(buf, count, type);
        return new Prequest(() -> iSend(buf, count, type, dest, tag));
    }

    /** A persistent buffered send. */
    public final Prequest bSendInit(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
        Staged.of(buf, count, type);
        return new Prequest(() -> ibSend(buf, count, type, dest, tag));
    }

    /** A persistent synchronous send. */
    public final Prequest sSendInit(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
        Staged.of(buf, count, type);
        return new Prequest(() -> isSend(buf, count, type, dest, tag));
    }

    /** A persistent ready send. */
    public final Prequest rSendInit(Buffer buf, int count, Datatype type, int dest, int tag) throws MPIException {
        Staged.of(buf, count, type);
        return new Prequest(() -> irSend(buf, count, type, dest, tag));
    }

    /** A persistent receive. */
    public final Prequest recvInit(Buffer buf, int count, Datatype type, int source, int tag) throws MPIException {
        Staged.of(buf, count, type);
        return new Prequest(() -> iRecv(buf, count, type, source, tag));
    }

    /** Packs {@code incount} items into {@code outbuf} at {@code position}; returns the new position. */
    public final int pack(Object inbuf, int incount, Datatype type, byte[] outbuf, int position) throws MPIException {
        Staged s = Staged.of(inbuf, incount, type);
        int bytes = s.length * type.baseSize;
        if (position < 0 || position + bytes > outbuf.length) {
            throw new MPIException(
                    ErrorCodes.ERR_TRUNCATE,
                    "pack of " + bytes + " bytes at position=" + position + " into outbuf of " + outbuf.length
                            + " bytes (expected: room for them)",
                    null);
        }
        Bytes.fromArray(
                s.array,
                s.offset,
                s.length,
                ByteBuffer.wrap(outbuf, position, bytes).slice().order(ByteOrder.nativeOrder()));
        return position + bytes;
    }

    /** Unpacks {@code outcount} items from {@code inbuf} at {@code position}; returns the new position. */
    public final int unpack(byte[] inbuf, int position, Object outbuf, int outcount, Datatype type)
            throws MPIException {
        Staged s = Staged.of(outbuf, outcount, type);
        int bytes = s.length * type.baseSize;
        if (position < 0 || position + bytes > inbuf.length) {
            throw new MPIException(
                    ErrorCodes.ERR_TRUNCATE,
                    "unpack of " + bytes + " bytes at position=" + position + " from inbuf of " + inbuf.length
                            + " bytes (expected: that many bytes to read)",
                    null);
        }
        Bytes.toArray(
                ByteBuffer.wrap(inbuf, position, bytes).slice().order(ByteOrder.nativeOrder()),
                s.array,
                s.offset,
                s.length);
        s.writeBack();
        return position + bytes;
    }

    /** Bytes {@link #pack} needs for {@code incount} items. */
    public final int packSize(int incount, Datatype type) throws MPIException {
        return incount * type.map.size() * type.baseSize;
    }

    /** The status of a matching message if one is there now, else {@code null}. */
    public final Status iProbe(int source, int tag) throws MPIException {
        int from = toCore(source);
        Optional<dev.jmpi.Status> s = Errors.call(() -> p2p().iprobe(from, tag));
        return s.map(this::status).orElse(null);
    }

    /** Waits for a matching message and returns its status without receiving it. */
    public final Status probe(int source, int tag) throws MPIException {
        int from = toCore(source);
        return status(Errors.call(() -> p2p().probe(from, tag)));
    }

    /** Core's matched probe ({@link Message#mProbe}); null from a non-blocking one that found nothing. */
    final dev.jmpi.Message matchedProbe(int source, int tag, boolean block) throws MPIException {
        int from = toCore(source);
        if (block) {
            return Errors.call(() -> p2p().mprobe(from, tag));
        }
        return Errors.call(() -> p2p().improbe(from, tag)).orElse(null);
    }

    /** Receives a message matched by {@link #matchedProbe} ({@link Message#mRecv}). */
    final Status matchedRecv(Object buf, int count, Datatype type, dev.jmpi.Message m) throws MPIException {
        Staged s = Staged.forReceive(buf, count, type);
        dev.jmpi.Status st = Errors.call(() -> p2p().mrecv(s.array, s.offset, s.length, m));
        s.writeBack(st.count());
        return status(st);
    }

    /** Starts receiving a message matched by {@link #matchedProbe} ({@link Message#imRecv}). */
    final Request matchedIrecv(Buffer buf, int count, Datatype type, dev.jmpi.Message m) throws MPIException {
        Staged s = Staged.forReceive(buf, count, type);
        return new Request(Errors.call(() -> p2p().imrecv(s.array, s.offset, s.length, m)), st -> {
            if (st != null && !st.isCancelled()) {
                s.writeBack(st.count());
            }
            return status(st);
        });
    }

    // ------------------------------------------------------------------ attributes, errors

    /** A new attribute key. */
    public static int createKeyval() throws MPIException {
        return Attributes.createKeyval();
    }

    /** Frees an attribute key. */
    public static void freeKeyval(int keyval) throws MPIException {
        Attributes.freeKeyval(keyval);
    }

    /** Stores an attribute. */
    public final void setAttr(int keyval, Object value) throws MPIException {
        attributes.set(keyval, value);
    }

    /** The attribute under {@code keyval}, the predefined ones included; {@code null} if none. */
    public final Object getAttr(int keyval) throws MPIException {
        if (keyval == MPI.TAG_UB) {
            return Communicator.TAG_UB;
        } else if (keyval == MPI.HOST) {
            return MPI.PROC_NULL;
        } else if (keyval == MPI.IO) {
            return getRank();
        } else if (keyval == MPI.WTIME_IS_GLOBAL) {
            return false;
        } else if (keyval == MPI.APPNUM) {
            return 0;
        } else if (keyval == MPI.LASTUSEDCODE) {
            return MPI.ERR_LASTCODE;
        } else if (keyval == MPI.UNIVERSE_SIZE) {
            return MPI.COMM_WORLD.getSize();
        }
        return attributes.get(keyval);
    }

    /** Deletes an attribute. */
    public final void deleteAttr(int keyval) throws MPIException {
        attributes.delete(keyval);
    }

    /** {@code MPI.CART}, {@code MPI.GRAPH}, {@code MPI.DIST_GRAPH} or {@code MPI.UNDEFINED}. */
    public int getTopology() throws MPIException {
        core();
        return MPI.UNDEFINED;
    }

    /** Ends every process of the job with {@code errorcode} as exit status. */
    public final void abort(int errorcode) throws MPIException {
        Communicator c = core != null ? core : MPI.COMM_WORLD.core();
        c.abort(errorcode);
    }

    /** Sets the error handler (see the README: errors are thrown either way). */
    public final void setErrhandler(Errhandler errhandler) throws MPIException {
        this.errhandler = errhandler;
    }

    /** The error handler. */
    public final Errhandler getErrhandler() throws MPIException {
        return errhandler;
    }

    /** Raises an error of {@code errorCode} on this communicator. */
    public final void callErrhandler(int errorCode) throws MPIException {
        throw new MPIException(errorCode, "error " + errorCode + " raised by callErrhandler", null);
    }

    /** Sets the print name. */
    public final void setName(String name) throws MPIException {
        this.name = name;
    }

    /** The print name. */
    public final String getName() throws MPIException {
        return name;
    }

    // ------------------------------------------------------------------ collectives

    /** Waits until every process has called it. */
    public final void barrier() throws MPIException {
        Communicator c = collective("barrier");
        Errors.run(c::barrier);
    }

    /** Non-blocking barrier. */
    public final Request iBarrier() throws MPIException {
        Communicator c = collective("iBarrier");
        return new Request(Errors.call(c::ibarrier), completion());
    }

    /** The root's items to every process. */
    public final void bcast(Object buf, int count, Datatype type, int root) throws MPIException {
        Communicator c = collective("bcast");
        Staged s = Staged.of(buf, count, type);
        Errors.run(() -> c.bcast(s.array, s.offset, s.length, root));
        s.writeBack();
    }

    /** Non-blocking broadcast. */
    public final Request iBcast(Buffer buf, int count, Datatype type, int root) throws MPIException {
        Communicator c = collective("iBcast");
        Staged s = Staged.of(buf, count, type);
        return new Request(Errors.call(() -> c.ibcast(s.array, s.offset, s.length, root)), completion(s));
    }

    /** Every process's items, in rank order, at the root. */
    public final void gather(
            Object sendbuf,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvcount,
            Datatype recvtype,
            int root)
            throws MPIException {
        Communicator c = collective("gather");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = c.rank() == root ? Staged.of(recvbuf, recvcount * c.size(), recvtype) : null;
        Errors.run(() -> c.gather(
                s.array,
                s.offset,
                s.length,
                r == null ? null : r.array,
                r == null ? 0 : r.offset,
                r == null ? s.length : recvcount * r.itemSize(),
                root));
        writeBack(r);
    }

    /** In-place gather: the root's own block is already in {@code buf}; elsewhere {@code buf} is sent. */
    public final void gather(Object buf, int count, Datatype type, int root) throws MPIException {
        Communicator c = collective("gather");
        if (c.rank() == root) {
            Staged r = Staged.of(buf, count * c.size(), type);
            Errors.run(() -> c.gather(Communicator.IN_PLACE, 0, 0, r.array, r.offset, count * r.itemSize(), root));
            r.writeBack();
        } else {
            Staged s = Staged.of(buf, count, type);
            Errors.run(() -> c.gather(s.array, s.offset, s.length, null, 0, s.length, root));
        }
    }

    /** Non-blocking gather. */
    public final Request iGather(
            Buffer sendbuf,
            int sendcount,
            Datatype sendtype,
            Buffer recvbuf,
            int recvcount,
            Datatype recvtype,
            int root)
            throws MPIException {
        Communicator c = collective("iGather");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = c.rank() == root ? Staged.of(recvbuf, recvcount * c.size(), recvtype) : null;
        return new Request(
                Errors.call(() -> c.igather(
                        s.array,
                        s.offset,
                        s.length,
                        r == null ? null : r.array,
                        r == null ? 0 : r.offset,
                        r == null ? s.length : recvcount * r.itemSize(),
                        root)),
                completion(r));
    }

    /** Non-blocking in-place gather. */
    public final Request iGather(Buffer buf, int count, Datatype type, int root) throws MPIException {
        Communicator c = collective("iGather");
        if (c.rank() == root) {
            Staged r = Staged.of(buf, count * c.size(), type);
            return new Request(
                    Errors.call(() ->
                            c.igather(Communicator.IN_PLACE, 0, 0, r.array, r.offset, count * r.itemSize(), root)),
                    completion(r));
        }
        Staged s = Staged.of(buf, count, type);
        return new Request(
                Errors.call(() -> c.igather(s.array, s.offset, s.length, null, 0, s.length, root)), completion());
    }

    /** Gather with per-process counts and displacements (in items) at the root. */
    public final void gatherv(
            Object sendbuf,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int[] recvcount,
            int[] displs,
            Datatype recvtype,
            int root)
            throws MPIException {
        Communicator c = collective("gatherv");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = c.rank() == root ? Staged.of(recvbuf, Staged.span(recvcount, displs), recvtype) : null;
        Errors.run(() -> c.gatherv(
                s.array,
                s.offset,
                s.length,
                r == null ? null : r.array,
                r == null ? 0 : r.offset,
                r == null ? null : r.scale(recvcount),
                r == null ? null : r.scale(displs),
                root));
        writeBack(r);
    }

    /** In-place gatherv, called by the root. */
    public final void gatherv(Object recvbuf, int[] recvcount, int[] displs, Datatype recvtype, int root)
            throws MPIException {
        Communicator c = collective("gatherv");
        Staged r = Staged.of(recvbuf, Staged.span(recvcount, displs), recvtype);
        Errors.run(() ->
                c.gatherv(Communicator.IN_PLACE, 0, 0, r.array, r.offset, r.scale(recvcount), r.scale(displs), root));
        r.writeBack();
    }

    /** Gatherv called by a process other than the root of an in-place gatherv. */
    public final void gatherv(Object sendbuf, int sendcount, Datatype sendtype, int root) throws MPIException {
        Communicator c = collective("gatherv");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Errors.run(() -> c.gatherv(s.array, s.offset, s.length, null, 0, null, null, root));
    }

    /** Non-blocking gatherv. */
    public final Request iGatherv(
            Buffer sendbuf,
            int sendcount,
            Datatype sendtype,
            Buffer recvbuf,
            int[] recvcount,
            int[] displs,
            Datatype recvtype,
            int root)
            throws MPIException {
        Communicator c = collective("iGatherv");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = c.rank() == root ? Staged.of(recvbuf, Staged.span(recvcount, displs), recvtype) : null;
        return new Request(
                Errors.call(() -> c.igatherv(
                        s.array,
                        s.offset,
                        s.length,
                        r == null ? null : r.array,
                        r == null ? 0 : r.offset,
                        r == null ? null : r.scale(recvcount),
                        r == null ? null : r.scale(displs),
                        root)),
                completion(r));
    }

    /** Non-blocking in-place gatherv, called by the root. */
    public final Request iGatherv(Buffer recvbuf, int[] recvcount, int[] displs, Datatype recvtype, int root)
            throws MPIException {
        Communicator c = collective("iGatherv");
        Staged r = Staged.of(recvbuf, Staged.span(recvcount, displs), recvtype);
        return new Request(
                Errors.call(() -> c.igatherv(
                        Communicator.IN_PLACE, 0, 0, r.array, r.offset, r.scale(recvcount), r.scale(displs), root)),
                completion(r));
    }

    /** Non-blocking gatherv of a process other than the root of an in-place gatherv. */
    public final Request iGatherv(Buffer sendbuf, int sendcount, Datatype sendtype, int root) throws MPIException {
        Communicator c = collective("iGatherv");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        return new Request(
                Errors.call(() -> c.igatherv(s.array, s.offset, s.length, null, 0, null, null, root)), completion());
    }

    /** Block i of the root's buffer to process i. */
    public final void scatter(
            Object sendbuf,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvcount,
            Datatype recvtype,
            int root)
            throws MPIException {
        Communicator c = collective("scatter");
        Staged s = c.rank() == root ? Staged.of(sendbuf, sendcount * c.size(), sendtype) : null;
        Staged r = Staged.of(recvbuf, recvcount, recvtype);
        Errors.run(() -> c.scatter(
                s == null ? null : s.array,
                s == null ? 0 : s.offset,
                s == null ? 0 : sendcount * s.itemSize(),
                r.array,
                r.offset,
                r.length,
                root));
        r.writeBack();
    }

    /** In-place scatter: the root keeps its block in {@code buf}; elsewhere {@code buf} receives. */
    public final void scatter(Object buf, int count, Datatype type, int root) throws MPIException {
        Communicator c = collective("scatter");
        if (c.rank() == root) {
            Staged s = Staged.of(buf, count * c.size(), type);
            Errors.run(() -> c.scatter(s.array, s.offset, count * s.itemSize(), Communicator.IN_PLACE, 0, 0, root));
        } else {
            Staged r = Staged.of(buf, count, type);
            Errors.run(() -> c.scatter(null, 0, 0, r.array, r.offset, r.length, root));
            r.writeBack();
        }
    }

    /** Non-blocking scatter. */
    public final Request iScatter(
            Buffer sendbuf,
            int sendcount,
            Datatype sendtype,
            Buffer recvbuf,
            int recvcount,
            Datatype recvtype,
            int root)
            throws MPIException {
        Communicator c = collective("iScatter");
        Staged s = c.rank() == root ? Staged.of(sendbuf, sendcount * c.size(), sendtype) : null;
        Staged r = Staged.of(recvbuf, recvcount, recvtype);
        return new Request(
                Errors.call(() -> c.iscatter(
                        s == null ? null : s.array,
                        s == null ? 0 : s.offset,
                        s == null ? 0 : sendcount * s.itemSize(),
                        r.array,
                        r.offset,
                        r.length,
                        root)),
                completion(r));
    }

    /** Non-blocking in-place scatter. */
    public final Request iScatter(Buffer buf, int count, Datatype type, int root) throws MPIException {
        Communicator c = collective("iScatter");
        if (c.rank() == root) {
            Staged s = Staged.of(buf, count * c.size(), type);
            return new Request(
                    Errors.call(() ->
                            c.iscatter(s.array, s.offset, count * s.itemSize(), Communicator.IN_PLACE, 0, 0, root)),
                    completion());
        }
        Staged r = Staged.of(buf, count, type);
        return new Request(Errors.call(() -> c.iscatter(null, 0, 0, r.array, r.offset, r.length, root)), completion(r));
    }

    /** Scatter with per-process counts and displacements (in items) at the root. */
    public final void scatterv(
            Object sendbuf,
            int[] sendcount,
            int[] displs,
            Datatype sendtype,
            Object recvbuf,
            int recvcount,
            Datatype recvtype,
            int root)
            throws MPIException {
        Communicator c = collective("scatterv");
        Staged s = c.rank() == root ? Staged.of(sendbuf, Staged.span(sendcount, displs), sendtype) : null;
        Staged r = Staged.of(recvbuf, recvcount, recvtype);
        Errors.run(() -> c.scatterv(
                s == null ? null : s.array,
                s == null ? 0 : s.offset,
                s == null ? null : s.scale(sendcount),
                s == null ? null : s.scale(displs),
                r.array,
                r.offset,
                r.length,
                root));
        r.writeBack();
    }

    /** In-place scatterv, called by the root. */
    public final void scatterv(Object sendbuf, int[] sendcount, int[] displs, Datatype sendtype, int root)
            throws MPIException {
        Communicator c = collective("scatterv");
        Staged s = Staged.of(sendbuf, Staged.span(sendcount, displs), sendtype);
        Errors.run(() ->
                c.scatterv(s.array, s.offset, s.scale(sendcount), s.scale(displs), Communicator.IN_PLACE, 0, 0, root));
    }

    /** Scatterv called by a process other than the root of an in-place scatterv. */
    public final void scatterv(Object recvbuf, int recvcount, Datatype recvtype, int root) throws MPIException {
        Communicator c = collective("scatterv");
        Staged r = Staged.of(recvbuf, recvcount, recvtype);
        Errors.run(() -> c.scatterv(null, 0, null, null, r.array, r.offset, r.length, root));
        r.writeBack();
    }

    /** Non-blocking scatterv. */
    public final Request iScatterv(
            Buffer sendbuf,
            int[] sendcount,
            int[] displs,
            Datatype sendtype,
            Buffer recvbuf,
            int recvcount,
            Datatype recvtype,
            int root)
            throws MPIException {
        Communicator c = collective("iScatterv");
        Staged s = c.rank() == root ? Staged.of(sendbuf, Staged.span(sendcount, displs), sendtype) : null;
        Staged r = Staged.of(recvbuf, recvcount, recvtype);
        return new Request(
                Errors.call(() -> c.iscatterv(
                        s == null ? null : s.array,
                        s == null ? 0 : s.offset,
                        s == null ? null : s.scale(sendcount),
                        s == null ? null : s.scale(displs),
                        r.array,
                        r.offset,
                        r.length,
                        root)),
                completion(r));
    }

    /** Non-blocking in-place scatterv, called by the root. */
    public final Request iScatterv(Buffer sendbuf, int[] sendcount, int[] displs, Datatype sendtype, int root)
            throws MPIException {
        Communicator c = collective("iScatterv");
        Staged s = Staged.of(sendbuf, Staged.span(sendcount, displs), sendtype);
        return new Request(
                Errors.call(() -> c.iscatterv(
                        s.array, s.offset, s.scale(sendcount), s.scale(displs), Communicator.IN_PLACE, 0, 0, root)),
                completion());
    }

    /** Non-blocking scatterv of a process other than the root of an in-place scatterv. */
    public final Request iScatterv(Buffer recvbuf, int recvcount, Datatype recvtype, int root) throws MPIException {
        Communicator c = collective("iScatterv");
        Staged r = Staged.of(recvbuf, recvcount, recvtype);
        return new Request(
                Errors.call(() -> c.iscatterv(null, 0, null, null, r.array, r.offset, r.length, root)), completion(r));
    }

    /** Gather to every process. */
    public final void allGather(
            Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        Communicator c = collective("allGather");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = Staged.of(recvbuf, recvcount * c.size(), recvtype);
        Errors.run(() -> c.allgather(s.array, s.offset, s.length, r.array, r.offset, recvcount * r.itemSize()));
        r.writeBack();
    }

    /** In-place allGather: each process's block is already in place in {@code buf}. */
    public final void allGather(Object buf, int count, Datatype type) throws MPIException {
        Communicator c = collective("allGather");
        Staged r = Staged.of(buf, count * c.size(), type);
        Errors.run(() -> c.allgather(Communicator.IN_PLACE, 0, 0, r.array, r.offset, count * r.itemSize()));
        r.writeBack();
    }

    /** Non-blocking allGather. */
    public final Request iAllGather(
            Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        Communicator c = collective("iAllGather");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = Staged.of(recvbuf, recvcount * c.size(), recvtype);
        return new Request(
                Errors.call(
                        () -> c.iallgather(s.array, s.offset, s.length, r.array, r.offset, recvcount * r.itemSize())),
                completion(r));
    }

    /** Non-blocking in-place allGather. */
    public final Request iAllGather(Buffer buf, int count, Datatype type) throws MPIException {
        Communicator c = collective("iAllGather");
        Staged r = Staged.of(buf, count * c.size(), type);
        return new Request(
                Errors.call(() -> c.iallgather(Communicator.IN_PLACE, 0, 0, r.array, r.offset, count * r.itemSize())),
                completion(r));
    }

    /** AllGather with per-process counts and displacements (in items). */
    public final void allGatherv(
            Object sendbuf,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int[] recvcount,
            int[] displs,
            Datatype recvtype)
            throws MPIException {
        Communicator c = collective("allGatherv");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = Staged.of(recvbuf, Staged.span(recvcount, displs), recvtype);
        Errors.run(() ->
                c.allgatherv(s.array, s.offset, s.length, r.array, r.offset, r.scale(recvcount), r.scale(displs)));
        r.writeBack();
    }

    /** In-place allGatherv. */
    public final void allGatherv(Object recvbuf, int[] recvcount, int[] displs, Datatype recvtype) throws MPIException {
        Communicator c = collective("allGatherv");
        Staged r = Staged.of(recvbuf, Staged.span(recvcount, displs), recvtype);
        Errors.run(() ->
                c.allgatherv(Communicator.IN_PLACE, 0, 0, r.array, r.offset, r.scale(recvcount), r.scale(displs)));
        r.writeBack();
    }

    /** Non-blocking allGatherv. */
    public final Request iAllGatherv(
            Buffer sendbuf,
            int sendcount,
            Datatype sendtype,
            Buffer recvbuf,
            int[] recvcount,
            int[] displs,
            Datatype recvtype)
            throws MPIException {
        Communicator c = collective("iAllGatherv");
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = Staged.of(recvbuf, Staged.span(recvcount, displs), recvtype);
        return new Request(
                Errors.call(() -> c.iallgatherv(
                        s.array, s.offset, s.length, r.array, r.offset, r.scale(recvcount), r.scale(displs))),
                completion(r));
    }

    /** Non-blocking in-place allGatherv. */
    public final Request iAllGatherv(Buffer buf, int[] count, int[] displs, Datatype type) throws MPIException {
        Communicator c = collective("iAllGatherv");
        Staged r = Staged.of(buf, Staged.span(count, displs), type);
        return new Request(
                Errors.call(() ->
                        c.iallgatherv(Communicator.IN_PLACE, 0, 0, r.array, r.offset, r.scale(count), r.scale(displs))),
                completion(r));
    }

    /** Block j of process i's send buffer goes to block i of process j's receive buffer. */
    public final void allToAll(
            Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        Communicator c = collective("allToAll");
        Staged s = Staged.of(sendbuf, sendcount * c.size(), sendtype);
        Staged r = Staged.of(recvbuf, recvcount * c.size(), recvtype);
        Errors.run(() ->
                c.alltoall(s.array, s.offset, sendcount * s.itemSize(), r.array, r.offset, recvcount * r.itemSize()));
        r.writeBack();
    }

    /** Non-blocking allToAll. */
    public final Request iAllToAll(
            Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        Communicator c = collective("iAllToAll");
        Staged s = Staged.of(sendbuf, sendcount * c.size(), sendtype);
        Staged r = Staged.of(recvbuf, recvcount * c.size(), recvtype);
        return new Request(
                Errors.call(() -> c.ialltoall(
                        s.array, s.offset, sendcount * s.itemSize(), r.array, r.offset, recvcount * r.itemSize())),
                completion(r));
    }

    /** AllToAll with per-process counts and displacements (in items). */
    public final void allToAllv(
            Object sendbuf,
            int[] sendcount,
            int[] sdispls,
            Datatype sendtype,
            Object recvbuf,
            int[] recvcount,
            int[] rdispls,
            Datatype recvtype)
            throws MPIException {
        Communicator c = collective("allToAllv");
        Staged s = Staged.of(sendbuf, Staged.span(sendcount, sdispls), sendtype);
        Staged r = Staged.of(recvbuf, Staged.span(recvcount, rdispls), recvtype);
        Errors.run(() -> c.alltoallv(
                s.array,
                s.offset,
                s.scale(sendcount),
                s.scale(sdispls),
                r.array,
                r.offset,
                r.scale(recvcount),
                r.scale(rdispls)));
        r.writeBack();
    }

    /** Non-blocking allToAllv. */
    public final Request iAllToAllv(
            Buffer sendbuf,
            int[] sendcount,
            int[] sdispls,
            Datatype sendtype,
            Buffer recvbuf,
            int[] recvcount,
            int[] rdispls,
            Datatype recvtype)
            throws MPIException {
        Communicator c = collective("iAllToAllv");
        Staged s = Staged.of(sendbuf, Staged.span(sendcount, sdispls), sendtype);
        Staged r = Staged.of(recvbuf, Staged.span(recvcount, rdispls), recvtype);
        return new Request(
                Errors.call(() -> c.ialltoallv(
                        s.array,
                        s.offset,
                        s.scale(sendcount),
                        s.scale(sdispls),
                        r.array,
                        r.offset,
                        r.scale(recvcount),
                        r.scale(rdispls))),
                completion(r));
    }

    /**
     * AllToAll with a datatype per process and displacements in bytes: block j goes from byte
     * {@code sDispls[j]} of the send buffer, as {@code sendCount[j]} items of {@code sendTypes[j]}.
     */
    public final void allToAllw(
            Buffer sendBuf,
            int[] sendCount,
            int[] sDispls,
            Datatype[] sendTypes,
            Buffer recvBuf,
            int[] recvCount,
            int[] rDispls,
            Datatype[] recvTypes)
            throws MPIException {
        iAllToAllw(sendBuf, sendCount, sDispls, sendTypes, recvBuf, recvCount, rDispls, recvTypes)
                .waitFor();
    }

    /** Non-blocking allToAllw. */
    public final Request iAllToAllw(
            Buffer sendBuf,
            int[] sendCount,
            int[] sDispls,
            Datatype[] sendTypes,
            Buffer recvBuf,
            int[] recvCount,
            int[] rDispls,
            Datatype[] recvTypes)
            throws MPIException {
        Communicator c = collective("iAllToAllw");
        AllToAllw w = AllToAllw.pack(
                c.size(), sendBuf, sendCount, sDispls, sendTypes, recvBuf, recvCount, rDispls, recvTypes);
        dev.jmpi.Request r = Errors.call(() -> c.ialltoallv(
                w.sendBytes,
                0,
                w.sendByteCounts,
                w.sendByteDispls,
                w.recvBytes,
                0,
                w.recvByteCounts,
                w.recvByteDispls));
        return new Request(r, s -> {
            w.unpack();
            return status(s);
        });
    }

    /** Combines every process's items with {@code op}; the result lands at the root. */
    public final void reduce(Object sendbuf, Object recvbuf, int count, Datatype type, Op op, int root)
            throws MPIException {
        Communicator c = collective("reduce");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, count, type, op);
        ReduceBuffer r = c.rank() == root ? ReduceBuffer.of(recvbuf, count, type, op) : null;
        Errors.run(() ->
                c.reduce(s.array, s.offset, r == null ? null : r.array, r == null ? 0 : r.offset, s.length, o, root));
        if (r != null) {
            r.writeBack();
        }
    }

    /** In-place reduce: the root's operand and result are {@code buf}; elsewhere {@code buf} is the operand. */
    public final void reduce(Object buf, int count, Datatype type, Op op, int root) throws MPIException {
        Communicator c = collective("reduce");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(buf, count, type, op);
        boolean isRoot = c.rank() == root;
        Errors.run(() -> c.reduce(
                isRoot ? Communicator.IN_PLACE : b.array,
                isRoot ? 0 : b.offset,
                isRoot ? b.array : null,
                isRoot ? b.offset : 0,
                b.length,
                o,
                root));
        if (isRoot) {
            b.writeBack();
        }
    }

    /** Non-blocking reduce. */
    public final Request iReduce(Buffer sendbuf, Buffer recvbuf, int count, Datatype type, Op op, int root)
            throws MPIException {
        Communicator c = collective("iReduce");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, count, type, op);
        ReduceBuffer r = c.rank() == root ? ReduceBuffer.of(recvbuf, count, type, op) : null;
        return new Request(
                Errors.call(() -> c.ireduce(
                        s.array, s.offset, r == null ? null : r.array, r == null ? 0 : r.offset, s.length, o, root)),
                reduced(r));
    }

    /** Non-blocking in-place reduce. */
    public final Request iReduce(Buffer buf, int count, Datatype type, Op op, int root) throws MPIException {
        Communicator c = collective("iReduce");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(buf, count, type, op);
        boolean isRoot = c.rank() == root;
        return new Request(
                Errors.call(() -> c.ireduce(
                        isRoot ? Communicator.IN_PLACE : b.array,
                        isRoot ? 0 : b.offset,
                        isRoot ? b.array : null,
                        isRoot ? b.offset : 0,
                        b.length,
                        o,
                        root)),
                reduced(isRoot ? b : null));
    }

    /** Reduce with the result on every process. */
    public final void allReduce(Object sendbuf, Object recvbuf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("allReduce");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, count, type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, count, type, op);
        Errors.run(() -> c.allreduce(s.array, s.offset, r.array, r.offset, s.length, o));
        r.writeBack();
    }

    /** In-place allReduce. */
    public final void allReduce(Object buf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("allReduce");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(buf, count, type, op);
        Errors.run(() -> c.allreduce(Communicator.IN_PLACE, 0, b.array, b.offset, b.length, o));
        b.writeBack();
    }

    /** Non-blocking allReduce. */
    public final Request iAllReduce(Buffer sendbuf, Buffer recvbuf, int count, Datatype type, Op op)
            throws MPIException {
        Communicator c = collective("iAllReduce");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, count, type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, count, type, op);
        return new Request(
                Errors.call(() -> c.iallreduce(s.array, s.offset, r.array, r.offset, s.length, o)), reduced(r));
    }

    /** Non-blocking in-place allReduce. */
    public final Request iAllReduce(Buffer buf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("iAllReduce");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(buf, count, type, op);
        return new Request(
                Errors.call(() -> c.iallreduce(Communicator.IN_PLACE, 0, b.array, b.offset, b.length, o)), reduced(b));
    }

    /** Reduces {@code sum(recvcounts)} items and scatters: process i gets {@code recvcounts[i]} items. */
    public final void reduceScatter(Object sendbuf, Object recvbuf, int[] recvcounts, Datatype type, Op op)
            throws MPIException {
        Communicator c = collective("reduceScatter");
        dev.jmpi.Op o = op.coreFor(type);
        int total = sum(recvcounts);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, total, type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, recvcounts[c.rank()], type, op);
        Errors.run(() -> c.reduceScatter(s.array, s.offset, r.array, r.offset, scale(recvcounts, s, total), o));
        r.writeBack();
    }

    /** In-place reduceScatter: {@code buf} holds the operand; the result lands at its start. */
    public final void reduceScatter(Object buf, int[] counts, Datatype type, Op op) throws MPIException {
        Communicator c = collective("reduceScatter");
        dev.jmpi.Op o = op.coreFor(type);
        int total = sum(counts);
        ReduceBuffer b = ReduceBuffer.of(buf, total, type, op);
        Errors.run(() -> c.reduceScatter(Communicator.IN_PLACE, 0, b.array, b.offset, scale(counts, b, total), o));
        b.writeBack();
    }

    /** Non-blocking reduceScatter. */
    public final Request iReduceScatter(Buffer sendbuf, Buffer recvbuf, int[] recvcounts, Datatype type, Op op)
            throws MPIException {
        Communicator c = collective("iReduceScatter");
        dev.jmpi.Op o = op.coreFor(type);
        int total = sum(recvcounts);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, total, type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, recvcounts[c.rank()], type, op);
        return new Request(
                Errors.call(
                        () -> c.ireduceScatter(s.array, s.offset, r.array, r.offset, scale(recvcounts, s, total), o)),
                reduced(r));
    }

    /** Non-blocking in-place reduceScatter. */
    public final Request iReduceScatter(Buffer buf, int[] counts, Datatype type, Op op) throws MPIException {
        Communicator c = collective("iReduceScatter");
        dev.jmpi.Op o = op.coreFor(type);
        int total = sum(counts);
        ReduceBuffer b = ReduceBuffer.of(buf, total, type, op);
        return new Request(
                Errors.call(() ->
                        c.ireduceScatter(Communicator.IN_PLACE, 0, b.array, b.offset, scale(counts, b, total), o)),
                reduced(b));
    }

    /** ReduceScatter where every process gets {@code recvcount} items. */
    public final void reduceScatterBlock(Object sendbuf, Object recvbuf, int recvcount, Datatype type, Op op)
            throws MPIException {
        Communicator c = collective("reduceScatterBlock");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, recvcount * c.size(), type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, recvcount, type, op);
        Errors.run(() -> c.reduceScatterBlock(s.array, s.offset, r.array, r.offset, r.length, o));
        r.writeBack();
    }

    /** In-place reduceScatterBlock. */
    public final void reduceScatterBlock(Object buf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("reduceScatterBlock");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(buf, count * c.size(), type, op);
        Errors.run(() -> c.reduceScatterBlock(Communicator.IN_PLACE, 0, b.array, b.offset, b.length / c.size(), o));
        b.writeBack();
    }

    /** Non-blocking reduceScatterBlock. */
    public final Request iReduceScatterBlock(Buffer sendbuf, Buffer recvbuf, int recvcount, Datatype type, Op op)
            throws MPIException {
        Communicator c = collective("iReduceScatterBlock");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, recvcount * c.size(), type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, recvcount, type, op);
        return new Request(
                Errors.call(() -> c.ireduceScatterBlock(s.array, s.offset, r.array, r.offset, r.length, o)),
                reduced(r));
    }

    /** Non-blocking in-place reduceScatterBlock. */
    public final Request iReduceScatterBlock(Buffer buf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("iReduceScatterBlock");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(buf, count * c.size(), type, op);
        return new Request(
                Errors.call(() ->
                        c.ireduceScatterBlock(Communicator.IN_PLACE, 0, b.array, b.offset, b.length / c.size(), o)),
                reduced(b));
    }

    /** Combines {@code inBuf} into {@code inOutBuf} locally. */
    public static void reduceLocal(Object inBuf, Object inOutBuf, int count, Datatype type, Op op) throws MPIException {
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer in = ReduceBuffer.of(inBuf, count, type, op);
        ReduceBuffer io = ReduceBuffer.of(inOutBuf, count, type, op);
        Errors.run(() -> o.reduceLocal(in.array, in.offset, io.array, io.offset, in.length));
        io.writeBack();
    }

    // ------------------------------------------------------------------ neighbourhood collectives

    /** The neighbours of this process in the communicator's topology. */
    Neighbors topology() throws MPIException {
        core();
        throw new MPIException(
                ErrorCodes.ERR_TOPOLOGY,
                "neighbourhood collective on a communicator without a"
                        + " topology (expected: a CartComm or GraphComm)",
                null);
    }

    private synchronized Communicator neighborhood() throws MPIException {
        if (neighborhood == null) {
            neighborhood = Errors.call(() -> core().dup());
        }
        return neighborhood;
    }

    private Request neighbors(Staged s, int[] sendOff, int[] sendLen, Staged r, int[] recvOff, int[] recvLen)
            throws MPIException {
        Neighbors n = topology();
        Communicator c = neighborhood();
        return new Request(
                Errors.call(() -> NeighborCollectives.start(c, n, s, sendOff, sendLen, r, recvOff, recvLen)),
                completion(r));
    }

    private Request neighborAllGather0(
            Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        int in = topology().sources.length;
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = Staged.of(recvbuf, recvcount * in, recvtype);
        int len = recvcount * r.itemSize();
        return neighbors(s, null, null, r, NeighborCollectives.blocks(in, len), NeighborCollectives.repeat(in, len));
    }

    private Request neighborAllGatherv0(
            Object sendbuf,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int[] recvcount,
            int[] displs,
            Datatype recvtype)
            throws MPIException {
        Staged s = Staged.of(sendbuf, sendcount, sendtype);
        Staged r = Staged.of(recvbuf, Staged.span(recvcount, displs), recvtype);
        return neighbors(s, null, null, r, r.scale(displs), r.scale(recvcount));
    }

    private Request neighborAllToAll0(
            Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        Neighbors n = topology();
        int in = n.sources.length;
        int out = n.destinations.length;
        Staged s = Staged.of(sendbuf, sendcount * out, sendtype);
        Staged r = Staged.of(recvbuf, recvcount * in, recvtype);
        int sl = sendcount * s.itemSize();
        int rl = recvcount * r.itemSize();
        return neighbors(
                s,
                NeighborCollectives.blocks(out, sl),
                NeighborCollectives.repeat(out, sl),
                r,
                NeighborCollectives.blocks(in, rl),
                NeighborCollectives.repeat(in, rl));
    }

    private Request neighborAllToAllv0(
            Object sendbuf,
            int[] sendcount,
            int[] sdispls,
            Datatype sendtype,
            Object recvbuf,
            int[] recvcount,
            int[] rdispls,
            Datatype recvtype)
            throws MPIException {
        Staged s = Staged.of(sendbuf, Staged.span(sendcount, sdispls), sendtype);
        Staged r = Staged.of(recvbuf, Staged.span(recvcount, rdispls), recvtype);
        return neighbors(s, s.scale(sdispls), s.scale(sendcount), r, r.scale(rdispls), r.scale(recvcount));
    }

    /** Every in-neighbour's items, block i from in-neighbour i. */
    public final void neighborAllGather(
            Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        neighborAllGather0(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype)
                .waitFor();
    }

    /** Non-blocking neighborAllGather. */
    public final Request iNeighborAllGather(
            Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        return neighborAllGather0(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    }

    /** neighborAllGather with per-neighbour counts and displacements (in items). */
    public final void neighborAllGatherv(
            Object sendbuf,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int[] recvcount,
            int[] displs,
            Datatype recvtype)
            throws MPIException {
        neighborAllGatherv0(sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype)
                .waitFor();
    }

    /** Non-blocking neighborAllGatherv. */
    public final Request iNeighborAllGatherv(
            Buffer sendbuf,
            int sendcount,
            Datatype sendtype,
            Buffer recvbuf,
            int[] recvcount,
            int[] displs,
            Datatype recvtype)
            throws MPIException {
        return neighborAllGatherv0(sendbuf, sendcount, sendtype, recvbuf, recvcount, displs, recvtype);
    }

    /** Block j to out-neighbour j; block i from in-neighbour i. */
    public final void neighborAllToAll(
            Object sendbuf, int sendcount, Datatype sendtype, Object recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        neighborAllToAll0(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype)
                .waitFor();
    }

    /** Non-blocking neighborAllToAll. */
    public final Request iNeighborAllToAll(
            Buffer sendbuf, int sendcount, Datatype sendtype, Buffer recvbuf, int recvcount, Datatype recvtype)
            throws MPIException {
        return neighborAllToAll0(sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype);
    }

    /** neighborAllToAll with per-neighbour counts and displacements (in items). */
    public final void neighborAllToAllv(
            Object sendbuf,
            int[] sendcount,
            int[] sdispls,
            Datatype sendtype,
            Object recvbuf,
            int[] recvcount,
            int[] rdispls,
            Datatype recvtype)
            throws MPIException {
        neighborAllToAllv0(sendbuf, sendcount, sdispls, sendtype, recvbuf, recvcount, rdispls, recvtype)
                .waitFor();
    }

    /** Non-blocking neighborAllToAllv. */
    public final Request iNeighborAllToAllv(
            Buffer sendbuf,
            int[] sendcount,
            int[] sdispls,
            Datatype sendtype,
            Buffer recvbuf,
            int[] recvcount,
            int[] rdispls,
            Datatype recvtype)
            throws MPIException {
        return neighborAllToAllv0(sendbuf, sendcount, sdispls, sendtype, recvbuf, recvcount, rdispls, recvtype);
    }

    Completion reduced(ReduceBuffer r) {
        return s -> {
            if (r != null) {
                r.writeBack();
            }
            return status(s);
        };
    }

    private static void writeBack(Staged s) {
        if (s != null) {
            s.writeBack();
        }
    }

    static int sum(int[] counts) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    /** Per-process item counts as core element counts (the reduce buffer's elements per item). */
    private static int[] scale(int[] counts, ReduceBuffer b, int totalItems) {
        int per = totalItems == 0 ? 1 : b.length / totalItems;
        int[] out = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            out[i] = counts[i] * per;
        }
        return out;
    }
}
