package dev.jmpi.core.internal;

import dev.jmpi.proto.Abort;
import dev.jmpi.proto.AbortReason;
import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import dev.jmpi.transport.InboundHandler;
import dev.jmpi.transport.PayloadLanding;
import dev.jmpi.transport.PeerFailedException;
import dev.jmpi.transport.PeerFailure;
import dev.jmpi.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process's membership in a job: the transport, the matching queues of every
 * communicator context, and the job's health. The first failure (dead peer, abort, timeout,
 * mismatch) breaks the whole world: every pending operation is woken with it and every
 * later one fails at once, so no rank waits forever.
 *
 * <p>Threads: transport threads call the {@link InboundHandler} methods; user threads call
 * the rest. Shared state is in concurrent maps, volatile fields or the queues' locks.
 */
public final class World implements InboundHandler {

    private static final Logger LOG = LoggerFactory.getLogger(World.class);

    /**
     * How long after a peer's Finalize its unmatched receives fail, by default
     * ({@link CoreSettings#FINALIZE_GRACE}). A program that throws inside try-with-resources
     * finalizes first and reports its exception a moment later on the same connection; the
     * grace lets that cause, not "finalized", reach the waiter.
     */
    static final long FINALIZE_GRACE_MS_DEFAULT = 1_000;

    private final Transport transport;
    private final boolean exitOnAbort;
    private final JmpiConfig config;
    private final dev.jmpi.core.algorithm.ArrayPool scratch;
    private final Map<Integer, ContextQueues> contexts = new ConcurrentHashMap<>();
    private final Map<Long, SyncSendRequest> syncSends = new ConcurrentHashMap<>();
    private final FlowControl flow;
    private final CollectiveChecks checks;
    /** Held while a breakage found here is told to the peers; see {@link #breakFromInside}. */
    private final Object relay = new Object();
    /** This rank told its peers the breakage it found (under {@link #relay}). */
    private boolean toldPeers;

    private final AtomicLong sequence = new AtomicLong();
    private final ContextIds contextIds = new ContextIds();
    private final ExecutorService acks;
    private volatile @Nullable Breakage breakage;
    private volatile boolean closed;
    private volatile JobReporter reporter = JobReporter.NONE;
    /** Per peer: {@link #RUNNING}, {@link #FINALIZING} (its Finalize came, grace running) or {@link #FINALIZED}. */
    private final AtomicIntegerArray peerStates;

    private static final int RUNNING = 0;
    private static final int FINALIZING = 1;
    private static final int FINALIZED = 2;
    private final long finalizeGraceNanos;
    private volatile boolean finalizedHere;
    private volatile boolean failureReported;
    private volatile boolean closesAtExit;
    /** Set once at init, before the program gets the communicator ({@link Observation#start}). */
    private dev.jmpi.core.observe.Recorder recorder = dev.jmpi.core.observe.Recorder.OFF;

    /**
     * Joins the world over {@code transport}.
     *
     * @param exitOnAbort true in launched processes: an abort ends the process with its code
     * @param config      this rank's configuration, resolved at init
     */
    public World(Transport transport, boolean exitOnAbort, JmpiConfig config) {
        this.transport = transport;
        this.exitOnAbort = exitOnAbort;
        this.config = config;
        this.scratch = new dev.jmpi.core.algorithm.ArrayPool(config.poolMaxBytes());
        this.acks = Executors.newSingleThreadExecutor(daemon("jmpi-acks-" + transport.rank()));
        this.peerStates = new AtomicIntegerArray(transport.size());
        this.finalizeGraceNanos = config.finalizeGraceNanos();
        this.flow = new FlowControl(this, config.flow());
        this.checks = config.checks();
        transport.start(this);
        if (transport.size() > 1) {
            scheduleStallScan();
        }
    }

    /** The configuration this rank was initialized with. */
    public JmpiConfig config() {
        return config;
    }

    /** Scratch arrays for the collectives of every communicator of this world. */
    dev.jmpi.core.algorithm.ArrayPool scratch() {
        return scratch;
    }

    /** Tells the launcher how this rank ends (see {@link JobReporter}); none by default. */
    public void reportTo(JobReporter reporter) {
        this.reporter = reporter;
    }

    JobReporter reporter() {
        return reporter;
    }

    /** What this rank records ({@link dev.jmpi.core.observe.Recorder#OFF} by default). */
    public dev.jmpi.core.observe.Recorder recorder() {
        return recorder;
    }

    void recorder(dev.jmpi.core.observe.Recorder r) {
        this.recorder = r;
    }

    /** This process's world rank. */
    public int rank() {
        return transport.rank();
    }

    /** Ranks in the job. */
    public int size() {
        return transport.size();
    }

    /** How this rank's threads wait for the network. */
    dev.jmpi.transport.Progress progress() {
        return transport.progress();
    }

    Transport transport() {
        return transport;
    }

    /** {@code host:port} of a world rank, for messages. */
    String addressOf(int worldRank) {
        try {
            return transport.addressOf(worldRank);
        } catch (RuntimeException e) {
            return "unknown address";
        }
    }

    ContextQueues queues(int context) {
        return contexts.computeIfAbsent(context, c -> new ContextQueues(this));
    }

    /** Drops a freed communicator's queues; what still waits there fails. */
    void releaseContext(int context) {
        ContextQueues q = contexts.remove(context);
        if (q != null) {
            q.failAll(Breakage.closed("its communicator was closed on world rank " + rank()));
            q.close();
        }
    }

    /** This process's context ids and how new ones are agreed on (see {@link ContextIds}). */
    ContextIds contextIds() {
        return contextIds;
    }

    /** Point-to-point flow control: credits and rendezvous. */
    FlowControl flow() {
        return flow;
    }

    /** How this world checks that collective calls agree. */
    CollectiveChecks checks() {
        return checks;
    }

    private void scheduleStallScan() {
        try {
            CompletableFuture.delayedExecutor(checks.stallNanos() / 2, TimeUnit.NANOSECONDS, acks)
                    .execute(this::announceStalledCollectives);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * Tells each rank that a collective receive of ours has waited for longer than the stall
     * limit which call we wait in: if that rank is in another call, it fails with both named
     * (and tells everyone) instead of both waiting for ever. Runs on the world's own thread.
     */
    private void announceStalledCollectives() {
        if (closed || breakage != null) {
            return;
        }
        long cutoff = System.nanoTime() - checks.stallNanos();
        java.util.BitSet stalled = new java.util.BitSet(size());
        boolean anySource = false;
        for (ContextQueues q : contexts.values()) {
            if (checks.enabled()) {
                for (Map.Entry<Integer, Header> a : q.stalledAnnouncements(cutoff)) {
                    sendHeaderOnly(a.getKey(), a.getValue());
                }
            }
            anySource |= q.addStalledSources(cutoff, stalled);
        }
        // With lazy connections a stalled receive opens the connection to whom it waits for,
        // so a peer that finalized or failed while unconnected is learnt of (Transport#open).
        for (int r = 0; r < size(); r++) {
            if (r != rank() && (anySource || stalled.get(r))) {
                transport.open(r);
            }
        }
        scheduleStallScan();
    }

    /** Finalize: tells every peer the last collective call on the world communicator (context 1). */
    private void announceLastCollective() {
        if (!checks.enabled()) {
            return;
        }
        ContextQueues q = contexts.get(1);
        dev.jmpi.proto.CollectiveSignature last = q == null ? null : q.lastCall();
        Header h = Header.newBuilder()
                .setKind(Kind.COLLECTIVE_CHECK)
                .setContext(1)
                .setSource(rank())
                .setFinalCall(true)
                .setSignature(last == null ? dev.jmpi.proto.CollectiveSignature.getDefaultInstance() : last)
                .build();
        for (int r = 0; r < size(); r++) {
            if (r != rank()) {
                try {
                    // Opens no connection: a peer that waits for us opens it and then gets this.
                    transport.sendWhenConnected(r, h);
                } catch (RuntimeException e) {
                    LOG.debug("rank {}: final call not delivered to rank {}: {}", rank(), r, e.toString());
                }
            }
        }
    }

    private void sendHeaderOnly(int dest, Header h) {
        try {
            transport.send(dest, h, Unpooled.EMPTY_BUFFER);
        } catch (RuntimeException e) {
            LOG.debug("rank {}: {} not delivered to rank {}: {}", rank(), h.getKind(), dest, e.toString());
        }
    }

    long nextSequence() {
        return sequence.incrementAndGet();
    }

    @Nullable
    Breakage breakage() {
        return breakage;
    }

    // ------------------------------------------------------------------ sending

    /**
     * Sends one message; {@code payload} is consumed. A dead destination breaks the world
     * and the caller gets the breakage as an exception naming {@code operation}.
     */
    void send(int destWorld, Header header, ByteBuf payload, OpText operation) {
        Breakage b = breakage;
        if (b == null && finalizedPast(destWorld)) {
            b = Breakage.peerFinalized(
                    destWorld,
                    "rank " + destWorld + " (" + addressOf(destWorld)
                            + ") has finalized (closed its world communicator); it receives nothing more");
        }
        if (b != null) {
            payload.release();
            throw b.toException(operation.toString());
        }
        try {
            transport.send(destWorld, header, payload);
        } catch (PeerFailedException e) {
            onPeerFailure(e.failure());
            throw Objects.requireNonNull(breakage, "the breakage onPeerFailure recorded")
                    .toException(operation.toString());
        }
    }

    void registerSyncSend(long seq, SyncSendRequest r) {
        syncSends.put(seq, r);
        Breakage b = breakage;
        if (b != null && syncSends.remove(seq) != null) {
            r.fail(b);
        }
    }

    void sendSyncAck(Header original) {
        Header ack = Header.newBuilder()
                .setKind(Kind.SYNC_ACK)
                .setContext(original.getContext())
                .setSource(rank())
                .setSequence(original.getSequence())
                .build();
        int dest = original.getSource();
        acks.execute(() -> {
            try {
                transport.send(dest, ack, Unpooled.EMPTY_BUFFER);
            } catch (RuntimeException e) {
                LOG.debug("rank {}: could not acknowledge synchronous send to rank {}: {}", rank(), dest, e.toString());
            }
        });
    }

    // ------------------------------------------------------------------ inbound

    @Override
    public void onMessage(Header header, ByteBuf payload) {
        if (flow.onMessage(header, payload)) {
            return;
        }
        if (header.getKind() == Kind.SYNC_ACK) {
            payload.release();
            SyncSendRequest r = syncSends.remove(header.getSequence());
            if (r != null) {
                r.acknowledged();
            }
            return;
        }
        if (PayloadLanding.isLanded(payload) && isEagerData(header)) {
            // Matched when its header came; its receive completes (or failed meanwhile).
            ContextQueues q = contexts.get(header.getContext());
            if (q != null) {
                q.landedEager(header);
            }
            return;
        }
        queues(header.getContext()).arrive(flow.inbound(header, payload));
    }

    /**
     * A large payload lands in its receive while it arrives: rendezvous data in the receive
     * that matched its request-to-send, an eager message in the first posted receive it matches.
     */
    @Override
    public @Nullable PayloadLanding landing(Header header, int payloadBytes) {
        ContextQueues q = contexts.get(header.getContext());
        if (q == null) {
            return null;
        }
        if (header.getKind() == Kind.RENDEZVOUS_DATA) {
            return q.pieceLanding(header, payloadBytes);
        }
        return isEagerData(header) ? q.earlyLanding(header, payloadBytes) : null;
    }

    /** A message whose data came with its header (not a request-to-send, not a control kind). */
    private static boolean isEagerData(Header header) {
        Kind kind = header.getKind();
        return (kind == Kind.P2P || kind == Kind.COLLECTIVE) && !header.getRequestToSend();
    }

    @Override
    public void onControl(int source, Control control) {
        if (control.hasFinalized()) {
            peerFinalized(source);
            return;
        }
        if (control.hasAbort()) {
            Abort a = control.getAbort();
            Breakage b = fromAbort(a);
            breakWith(b);
            if (exitOnAbort && a.getReason() == AbortReason.USER_ABORT) {
                exitProcess(a.getExitCode(), "jmpi: rank " + rank() + ": " + b.reason());
            }
        }
    }

    private static Breakage fromAbort(Abort a) {
        String description = a.getDescription();
        return switch (a.getReason()) {
            case RANK_FAILED -> Breakage.rankFailed(a.getOriginRank(), description);
            case PEER_LOST -> Breakage.peerFailed(a.getOriginRank(), description);
            case TIMEOUT -> Breakage.timeout(a.getOriginRank(), description);
            case COLLECTIVE_MISMATCH -> Breakage.mismatch(description);
            case USER_ABORT ->
                Breakage.aborted(
                        a.getOriginRank(),
                        a.getExitCode(),
                        "world rank "
                                + a.getOriginRank() + " aborted the job with exit code " + a.getExitCode()
                                + (description.isEmpty() ? "" : ": " + description));
            default ->
                Breakage.aborted(
                        a.getOriginRank(),
                        a.getExitCode(),
                        "world rank " + a.getOriginRank() + " aborted the job"
                                + (description.isEmpty() ? "" : ": " + description));
        };
    }

    @Override
    public void onPeerFailure(PeerFailure failure) {
        if (closed) {
            return;
        }
        // Told to the peers too: with lazy connections a peer may have no connection of its
        // own to the failed rank, through which it would learn of it.
        breakFromInside(Breakage.peerFailed(failure.rank(), failure.describe()), true);
    }

    // ------------------------------------------------------------------ failure

    /**
     * A local operation waited past its deadline: break the world and tell the peers, so
     * their pending operations fail too instead of waiting out their own timeouts.
     */
    void timedOut(String operation, long timeoutNanos, int awaitedWorld) {
        String awaited = awaitedWorld >= 0 ? "rank " + awaitedWorld + " (" + addressOf(awaitedWorld) + ")" : "any rank";
        String why = "world rank " + rank() + " timed out after " + timeoutNanos / 1_000_000 + " ms in " + operation
                + " waiting for " + awaited;
        breakFromInside(Breakage.timeout(rank(), why), true);
    }

    /**
     * Breaks the world because of something this process found; optionally tells peers. The
     * peers are told before the local waiters are woken, holding {@link #relay}, which
     * {@link #close} takes before saying goodbye: a woken waiter may close at once, and a
     * peer must learn the cause (say, a collective mismatch) before the goodbye, not a mere
     * "rank closed its transport". Only the claim and the telling hold {@code relay}, never
     * a queue's lock (callers may hold one: lock order is queue, then relay).
     */
    void breakFromInside(Breakage b, boolean notifyPeers) {
        boolean first;
        synchronized (relay) {
            first = claim(b);
            if (first && notifyPeers) {
                AbortReason reason = switch (b.kind()) {
                    case TIMEOUT -> AbortReason.TIMEOUT;
                    case MISMATCH -> AbortReason.COLLECTIVE_MISMATCH;
                    case ABORTED -> AbortReason.USER_ABORT;
                    case RANK_FAILED -> AbortReason.RANK_FAILED;
                    case PEER_FAILED -> AbortReason.PEER_LOST;
                    default -> AbortReason.PROTOCOL_ERROR;
                };
                broadcastAbort(reason, b.reason(), b.exitCode(), b.originRank(rank()));
                toldPeers = true;
            }
        }
        if (first) {
            wake(b);
        }
    }

    /** This rank failed outside jmpi (e.g. the program threw): break the job, tell the peers. */
    public void failLocally(String description) {
        breakFromInside(Breakage.rankFailed(rank(), description), true);
    }

    // ------------------------------------------------------------------ finalize and the end of a rank

    /**
     * This rank closed its world communicator (MPI_Finalize): tell every peer, so that a
     * receive only this rank could match fails on their side instead of waiting for ever,
     * and tell the launcher. Sent on the same connections as the data, after it, so a peer
     * has every message of ours before it learns we finalized. Idempotent.
     */
    public void finalizeLocally() {
        if (finalizedHere) {
            return;
        }
        finalizedHere = true;
        if (breakage != null) {
            return;
        }
        announceLastCollective();
        Control c = Control.newBuilder()
                .setFinalized(dev.jmpi.proto.Finalize.getDefaultInstance())
                .build();
        for (int r = 0; r < size(); r++) {
            if (r != rank()) {
                try {
                    transport.sendControl(r, c);
                } catch (RuntimeException e) {
                    LOG.debug("rank {}: finalize not delivered to rank {}: {}", rank(), r, e.toString());
                }
            }
        }
        reporter.finalized();
    }

    /** Keeps the transport open after finalize, until {@link #close} at the process's exit. */
    void closeAtExit() {
        closesAtExit = true;
    }

    boolean closesAtExit() {
        return closesAtExit;
    }

    /** True once this rank closed its world communicator. */
    public boolean finalizedHere() {
        return finalizedHere;
    }

    /**
     * The program on this rank failed with {@code error} (it escaped main). If the error is
     * this rank's own, the job breaks and every peer learns the cause at once; if it is the
     * consequence of another rank's failure, that rank stays the cause. Either way the
     * launcher gets the report. Idempotent.
     */
    public void programFailed(Throwable error) {
        if (failureReported) {
            return;
        }
        failureReported = true;
        Breakage b = breakage;
        String detail = FailureText.detail(error);
        if (b != null && b.kind() != Breakage.Kind.CLOSED) {
            reporter.failed(b.originRank(rank()), b.reason(), detail);
            return;
        }
        String cause = FailureText.cause(error);
        String description = "rank " + rank() + " (" + addressOf(rank()) + ") failed: " + cause;
        breakFromInside(Breakage.rankFailed(rank(), description), true);
        reporter.failed(rank(), cause, detail);
        // The process exits next: an abort to a peer not yet connected (lazy) must get out first.
        transport.awaitQueuedDeliveries();
    }

    /**
     * The process is exiting. Without a finalize (System.exit, or main returning without
     * closing the world communicator) that is this rank's failure: peers waiting for it must
     * not wait for ever, and the launcher must know which rank ended the job.
     */
    public void processExiting() {
        if (finalizedHere || failureReported || breakage != null) {
            return;
        }
        failureReported = true;
        String cause = "rank " + rank() + " exited without closing its world communicator (MPI_Finalize)";
        breakFromInside(Breakage.rankFailed(rank(), cause), true);
        reporter.failed(rank(), cause, "");
    }

    /**
     * {@code peer} finalized: once the grace has passed (on this world's own thread, never
     * the shared common pool, which a busy program may starve), what only it could match fails.
     */
    private void peerFinalized(int peer) {
        if (!peerStates.compareAndSet(peer, RUNNING, FINALIZING)) {
            return;
        }
        LOG.debug("rank {}: rank {} finalized", rank(), peer);
        try {
            CompletableFuture.delayedExecutor(finalizeGraceNanos, TimeUnit.NANOSECONDS, acks)
                    .execute(() -> {
                        peerStates.set(peer, FINALIZED);
                        failUnmatchable();
                    });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            peerStates.set(peer, FINALIZED); // this world is closing: nothing waits any more
        }
    }

    /**
     * The finalized rank that makes a receive from {@code sourceWorld} unmatchable, or -1:
     * {@code sourceWorld} itself once its grace has passed, or for ANY_SOURCE, some finalized
     * rank when every other rank has finalized.
     */
    int unmatchableBecause(int sourceWorld) {
        if (sourceWorld >= 0) {
            return finalizedPast(sourceWorld) ? sourceWorld : -1;
        }
        if (sourceWorld != dev.jmpi.Communicator.ANY_SOURCE) {
            return -1;
        }
        int last = -1;
        for (int r = 0; r < size(); r++) {
            if (r != rank()) {
                if (!finalizedPast(r)) {
                    return -1;
                }
                last = r;
            }
        }
        return last;
    }

    /** Why a receive from {@code sourceWorld} fails: {@code peer} finalized without sending it. */
    Breakage unmatchedBreakage(int peer) {
        return Breakage.peerFinalized(
                peer,
                "rank " + peer + " (" + addressOf(peer) + ") finalized (closed its world"
                        + " communicator) without sending a message that matches; it sends nothing more");
    }

    private boolean finalizedPast(int r) {
        return peerStates.get(r) == FINALIZED;
    }

    private void failUnmatchable() {
        if (breakage != null) {
            return;
        }
        for (ContextQueues q : contexts.values()) {
            q.failUnmatchable();
        }
        for (Long seq : new ArrayList<>(syncSends.keySet())) {
            SyncSendRequest r = syncSends.get(seq);
            int peer = r == null ? -1 : unmatchableBecause(r.destWorldRank());
            if (r != null && peer >= 0 && syncSends.remove(seq) != null) {
                r.fail(unmatchedBreakage(peer));
            }
        }
    }

    /** Aborts the job on behalf of the program. */
    public void abort(int exitCode, String description) {
        breakWith(Breakage.aborted(
                rank(),
                exitCode,
                "world rank " + rank() + " called abort(" + exitCode + ")"
                        + (description.isEmpty() ? "" : ": " + description)));
        broadcastAbort(AbortReason.USER_ABORT, description, exitCode);
        if (exitOnAbort) {
            exitProcess(exitCode, "jmpi: rank " + rank() + " called abort(" + exitCode + ")");
        }
    }

    private void broadcastAbort(AbortReason reason, String description, int exitCode) {
        broadcastAbort(reason, description, exitCode, rank());
    }

    private void broadcastAbort(AbortReason reason, String description, int exitCode, int originRank) {
        Control c = Control.newBuilder()
                .setAbort(Abort.newBuilder()
                        .setReason(reason)
                        .setDescription(description)
                        .setOriginRank(originRank)
                        .setExitCode(exitCode))
                .build();
        for (int r = 0; r < size(); r++) {
            if (r != rank()) {
                try {
                    transport.sendControl(r, c);
                } catch (RuntimeException e) {
                    LOG.debug("rank {}: abort not delivered to rank {}: {}", rank(), r, e.toString());
                }
            }
        }
    }

    /** Records the first breakage and wakes everything that waits; true if this was the first. */
    private boolean breakWith(Breakage b) {
        if (!claim(b)) {
            return false;
        }
        wake(b);
        return true;
    }

    /** Records {@code b} as the breakage if it is the first; true if it was. */
    private synchronized boolean claim(Breakage b) {
        if (breakage != null) {
            return false;
        }
        breakage = b;
        return true;
    }

    /** Wakes everything that waits with the breakage {@code b}. */
    private void wake(Breakage b) {
        if (!closed) {
            LOG.debug("rank {}: job broken: {}", rank(), b.reason());
        }
        for (ContextQueues q : contexts.values()) {
            q.failAll(b);
        }
        for (Long seq : new ArrayList<>(syncSends.keySet())) {
            SyncSendRequest r = syncSends.remove(seq);
            if (r != null) {
                r.fail(b);
            }
        }
    }

    private static void exitProcess(int code, String message) {
        System.out.flush();
        System.err.println(message);
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    // ------------------------------------------------------------------ reports and teardown

    /** One line per operation this process is blocked in, for hang reports. */
    public List<String> pendingOperations() {
        List<String> out = new ArrayList<>();
        for (ContextQueues q : contexts.values()) {
            for (Matchable m : q.pending()) {
                out.add(m.describe());
            }
        }
        for (SyncSendRequest r : syncSends.values()) {
            out.add(r.describe());
        }
        for (ContextQueues q : contexts.values()) {
            out.addAll(q.pendingSends());
        }
        return out;
    }

    /** Finalize: stop accepting, say goodbye, release everything. Idempotent. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (relay) {
            // A breakage being told to the peers reaches them before our goodbye; a mismatch
            // we only heard of is relayed too, since a peer may not have heard it yet and
            // would otherwise meet our goodbye first and blame this rank for leaving.
            Breakage b = breakage;
            if (b != null && b.kind() == Breakage.Kind.MISMATCH && !toldPeers) {
                broadcastAbort(AbortReason.COLLECTIVE_MISMATCH, b.reason(), b.exitCode());
            }
        }
        acks.shutdown();
        try {
            acks.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.close();
        breakWith(Breakage.closed("the communicator was closed (finalized) on world rank " + rank()));
        for (ContextQueues q : contexts.values()) {
            q.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
