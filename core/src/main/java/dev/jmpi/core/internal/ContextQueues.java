package dev.jmpi.core.internal;

import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import dev.jmpi.transport.PayloadLanding;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * MPI matching for one communicator context: the posted-receive queue and the
 * unexpected-message queue. An arriving message takes the first posted receive it
 * matches (in post order); a new receive takes the first unexpected message it matches (in
 * arrival order). Since a peer's messages arrive in the order it sent them, messages from
 * one sender are never overtaken.
 *
 * <p>Rendezvous (see {@link FlowControl}): a request-to-send is matched like a message. The
 * context then remembers, until the data moves, the sends of ours waiting for clear-to-send
 * (by sequence) and the receives waiting for their data (by source and sequence); the data
 * lands in its receive without being matched again. A breakage fails them all.
 *
 * <p>Collective contexts also check signatures: each collective call registers its
 * signature under its sequence number, and every frame of that sequence from a peer must
 * carry the same one. Thread safety: every method locks {@code this}; deliveries happen
 * after the lock is released (a probe reads its status under it: {@link Matchable#inspect}).
 */
final class ContextQueues {

    /**
     * Collective tags carry the call's step in this many low bits: every message of one call
     * between two ranks gets its own step where the algorithm sends several (ring rounds,
     * pipeline segments), because a schedule's sends may leave from different threads (the
     * caller's for the first round, the I/O thread's for later ones) and so need not keep
     * their order. The sequence keeps 31 - 16 bits: 32768 calls may be outstanding.
     */
    static final int STEP_BITS = 16;

    private static final int SIGNATURES_KEPT = 4096;

    // LinkedList: matching removes from the middle through the iterator in O(1).
    @SuppressWarnings("JdkObsolete")
    private final LinkedList<Matchable> posted = new LinkedList<>();

    private final UnexpectedMessages unexpected = new UnexpectedMessages();
    /** Collective frames that arrived before their call began here, checked when it begins. */
    private final UncheckedFrames unchecked = new UncheckedFrames();

    private final Consumer<InboundMessage> checkEarlyFrame = this::checkEarlyFrame;
    /**
     * This rank's recent collective calls by their full sequence (tags keep only 15 bits of it,
     * so a peer a lap ahead shares a tag with a call of the last lap), oldest first.
     */
    private final Map<Long, CollectiveSignature> signatures = new LinkedHashMap<>();
    /** Peers' announced calls (COLLECTIVE_CHECK) of sequences this rank has not begun yet. */
    private final List<Header> announcements = new ArrayList<>();
    /** The last call of each peer that finalized (by world rank), once it announced it. */
    private final Map<Integer, CollectiveSignature> finalCalls = new HashMap<>();

    private @Nullable CollectiveSignature lastCall;
    private final Map<Long, RendezvousSend> awaitingClear = new HashMap<>();
    private final Map<Landing, RendezvousTarget> awaitingData = new HashMap<>();
    /**
     * Receives matched by an eager message whose payload is still landing, by the message's
     * source and sequence. A breakage fails them but keeps them here until their frame comes:
     * the credit of its message goes back then.
     */
    private final Map<Landing, RecvRequest> eagerLandings = new HashMap<>();

    private final World world;
    private boolean closed;

    ContextQueues(World world) {
        this.world = world;
    }

    /**
     * Matches one arriving message; called by whichever thread drives the transport's I/O
     * (a user thread waiting for a request, or the progress daemon).
     */
    void arrive(InboundMessage m) {
        List<Matchable> probes = null;
        Matchable taker = null;
        boolean drop = false;
        if (m.header().getKind() == Kind.COLLECTIVE_CHECK) {
            checkAnnouncement(m.header());
            m.release();
            return;
        }
        synchronized (this) {
            if (closed) {
                drop = true;
            } else if (world.checks().enabled() && m.header().getKind() == Kind.COLLECTIVE && !checkSignature(m)) {
                drop = true;
            } else {
                for (Iterator<Matchable> it = posted.iterator(); it.hasNext(); ) {
                    Matchable p = it.next();
                    if (p.matches(m)) {
                        it.remove();
                        if (p.isProbe()) {
                            p.inspect(m);
                            if (probes == null) {
                                probes = new ArrayList<>(1);
                            }
                            probes.add(p);
                        } else {
                            taker = p;
                            break;
                        }
                    }
                }
                if (taker == null) {
                    unexpected.add(m);
                }
            }
        }
        if (drop) {
            // Outside the lock: releasing may return credit, which sends a frame.
            m.release();
            return;
        }
        if (probes != null) {
            for (Matchable p : probes) {
                p.deliver(m);
            }
        }
        if (taker != null) {
            taker.deliver(m);
        }
    }

    /**
     * Posts a receive or probe; delivers at once if a queued message matches, and fails at
     * once if only finalized ranks could send a match (their messages have all arrived).
     */
    void post(Matchable r) {
        match(r, true);
    }

    /**
     * A non-blocking probe ({@code iprobe}, {@code improbe}): as {@link #post}, but if no
     * queued message matches, returns false and leaves {@code r} unposted. Never posting is
     * what makes it exact: a probe posted and then cancelled could be matched by a message
     * arriving in between, which sat queued while the probe reported nothing and was
     * delivered to a probe nobody waited for.
     */
    boolean matchQueued(Matchable r) {
        return match(r, false);
    }

    /** Delivers or fails {@code r} (true), posts it if {@code post} (true), or returns false. */
    private boolean match(Matchable r, boolean post) {
        InboundMessage found = null;
        Breakage failure = null;
        int finalizedPeer = -1;
        synchronized (this) {
            failure = world.breakage();
            if (failure == null) {
                found = unexpected.match(r, !r.isProbe());
                if (found != null && r.isProbe()) {
                    r.inspect(found);
                }
                if (found == null) {
                    finalizedPeer = world.unmatchableBecause(r.sourceWorldRank());
                    if (finalizedPeer < 0) {
                        if (post) {
                            posted.add(r);
                        }
                        return post;
                    }
                }
            }
        }
        if (finalizedPeer >= 0) {
            failure = unmatchable(r, finalizedPeer);
        }
        if (found != null) {
            r.deliver(found);
        } else {
            r.fail(Objects.requireNonNull(failure, "the breakage or finalized peer that stops a match"));
        }
        return true;
    }

    /**
     * Fails the posted receives and probes that only finalized ranks could have matched, and
     * the rendezvous sends that wait for a finalized rank to post their receive.
     */
    void failUnmatchable() {
        List<Matchable> failed = new ArrayList<>();
        List<Integer> peers = new ArrayList<>();
        List<RendezvousSend> unreceived = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Matchable> it = posted.iterator(); it.hasNext(); ) {
                Matchable p = it.next();
                int peer = world.unmatchableBecause(p.sourceWorldRank());
                if (peer >= 0) {
                    it.remove();
                    failed.add(p);
                    peers.add(peer);
                }
            }
            for (Iterator<RendezvousSend> it = awaitingClear.values().iterator(); it.hasNext(); ) {
                RendezvousSend s = it.next();
                if (world.unmatchableBecause(s.destWorld()) >= 0) {
                    it.remove();
                    unreceived.add(s);
                }
            }
        }
        for (int i = 0; i < failed.size(); i++) {
            failed.get(i).fail(unmatchable(failed.get(i), peers.get(i)));
        }
        for (RendezvousSend s : unreceived) {
            s.fail(Breakage.peerFinalized(
                    s.destWorld(),
                    "rank " + s.destWorld() + " (" + world.addressOf(s.destWorld())
                            + ") finalized (closed its world communicator) without posting a receive that matches"));
        }
    }

    /** Removes a posted receive that has not matched; true if it was still queued. */
    synchronized boolean cancel(Matchable r) {
        return posted.remove(r);
    }

    /** Fails every posted receive and probe; keeps queued messages (they are freed on close). */
    void failAll(Breakage b) {
        List<Matchable> failed;
        List<RendezvousSend> sends;
        List<RendezvousTarget> targets;
        synchronized (this) {
            failed = new ArrayList<>(posted);
            posted.clear();
            sends = new ArrayList<>(awaitingClear.values());
            awaitingClear.clear();
            targets = new ArrayList<>(awaitingData.values());
            awaitingData.clear();
            failed.addAll(eagerLandings.values());
        }
        for (Matchable r : failed) {
            r.fail(b);
        }
        for (RendezvousSend s : sends) {
            s.fail(b);
        }
        for (RendezvousTarget t : targets) {
            t.fail(b);
        }
    }

    // ------------------------------------------------------------------ rendezvous

    /**
     * Remembers our send {@code s} until its clear-to-send comes; false (and {@code s}
     * failed) if the job is broken, so its request-to-send must not go out.
     */
    boolean awaitClear(RendezvousSend s) {
        Breakage b;
        synchronized (this) {
            b = refusal();
            if (b == null) {
                awaitingClear.put(s.sequence(), s);
                return true;
            }
        }
        s.fail(b);
        return false;
    }

    /** The clear-to-send for our send {@code sequence} came. */
    void cleared(long sequence) {
        RendezvousSend s;
        synchronized (this) {
            s = awaitingClear.remove(sequence);
        }
        if (s != null) {
            s.cleared();
        }
    }

    /**
     * Remembers that the data of {@code sourceWorld}'s message {@code sequence} goes to
     * {@code target}; false (and {@code target} failed) if the job is broken.
     */
    boolean awaitData(int sourceWorld, long sequence, RendezvousTarget target) {
        Breakage b;
        synchronized (this) {
            b = refusal();
            if (b == null) {
                awaitingData.put(new Landing(sourceWorld, sequence), target);
                return true;
            }
        }
        target.fail(b);
        return false;
    }

    /** Why nothing more may wait here for rendezvous (the job broke, or this closed), or null. Under the lock. */
    private @Nullable Breakage refusal() {
        Breakage b = world.breakage();
        if (b == null && closed) {
            b = Breakage.closed("its communicator was closed on world rank " + world.rank());
        }
        return b;
    }

    /**
     * A piece of rendezvous data arrived: it goes to the receive that matched its
     * request-to-send, which stays registered until its last piece has landed.
     */
    void land(Header data, ByteBuf payload) {
        Landing key = new Landing(data.getSource(), data.getSequence());
        RendezvousTarget t;
        synchronized (this) {
            t = awaitingData.get(key);
        }
        if (t == null) {
            // Its receive failed with the job, or its communicator was closed.
            payload.release();
            return;
        }
        if (t.land(data, payload)) {
            synchronized (this) {
                awaitingData.remove(key, t);
            }
        }
    }

    /**
     * Where the payload of rendezvous data {@code data} lands while it arrives (the buffer of
     * the receive awaiting it), or null for the usual copy once it is whole.
     */
    @Nullable
    PayloadLanding pieceLanding(Header data, int payloadBytes) {
        RendezvousTarget t;
        synchronized (this) {
            t = awaitingData.get(new Landing(data.getSource(), data.getSequence()));
        }
        return t instanceof RecvRequest r ? r.pieceLanding(data, payloadBytes) : null;
    }

    /**
     * The header of eager message {@code header} has come, its {@code payloadBytes} bytes not
     * yet: if the first posted receive it matches can take it, that receive is matched now
     * (exactly as the whole message would match it: every earlier frame of the sender has been
     * delivered) and its buffer is where the payload lands while it arrives, so the copy
     * overlaps the transfer. Null otherwise, and nothing changes: the message matches as usual
     * once it is whole (a probe first in line, a receive that cannot take it, none posted, a
     * collective frame whose call has not begun here or does not match).
     */
    @Nullable
    PayloadLanding earlyLanding(Header header, int payloadBytes) {
        synchronized (this) {
            if (closed || world.breakage() != null) {
                return null;
            }
            if (header.getKind() == Kind.COLLECTIVE && world.checks().enabled()) {
                CollectiveSignature mine = signatures.get(header.getSignature().getSequence());
                if (mine == null || !sameCall(mine, header.getSignature())) {
                    return null;
                }
            }
            for (Iterator<Matchable> it = posted.iterator(); it.hasNext(); ) {
                Matchable p = it.next();
                if (!p.matches(header.getSource(), header.getTag())) {
                    continue;
                }
                ReceiveLanding l = p instanceof RecvRequest r ? r.eagerLanding(header, payloadBytes) : null;
                if (l != null) {
                    it.remove();
                    eagerLandings.put(new Landing(header.getSource(), header.getSequence()), (RecvRequest) p);
                }
                return l;
            }
            return null;
        }
    }

    /**
     * The payload of eager message {@code header} landed (or was dropped, its receive having
     * failed) in the receive that {@link #earlyLanding} matched it with: completes that receive.
     */
    void landedEager(Header header) {
        RecvRequest r;
        synchronized (this) {
            r = eagerLandings.remove(new Landing(header.getSource(), header.getSequence()));
        }
        if (r != null) {
            r.landedEager(header);
        }
    }

    /** Key of a receive awaiting rendezvous data. */
    private record Landing(int sourceWorld, long sequence) {}

    /** What is waiting here, for hang reports. */
    synchronized List<Matchable> pending() {
        List<Matchable> all = new ArrayList<>(posted);
        for (RendezvousTarget t : awaitingData.values()) {
            if (t instanceof Matchable m) {
                all.add(m);
            }
        }
        for (RecvRequest r : eagerLandings.values()) {
            if (!r.isDone()) {
                all.add(r);
            }
        }
        return all;
    }

    /**
     * Eager bytes (payload plus {@link FlowConfig#MESSAGE_OVERHEAD_BYTES} each) held for
     * receives not yet posted, whether charged to credit or not: under the credit budget.
     */
    synchronized long heldEagerBytes() {
        long sum = 0;
        for (InboundMessage m : unexpected.all()) {
            sum += m.isRequestToSend() ? 0 : m.payload().readableBytes() + FlowConfig.MESSAGE_OVERHEAD_BYTES;
        }
        return sum;
    }

    /** Requests-to-send waiting for a receive. */
    synchronized int heldRequestsToSend() {
        int n = 0;
        for (InboundMessage m : unexpected.all()) {
            n += m.isRequestToSend() ? 1 : 0;
        }
        return n;
    }

    /** Our sends waiting for a receive to clear them, for hang reports. */
    synchronized List<String> pendingSends() {
        List<String> all = new ArrayList<>();
        for (RendezvousSend s : awaitingClear.values()) {
            all.add(s.describe());
        }
        return all;
    }

    /** Releases queued messages; later arrivals are dropped. */
    void close() {
        List<InboundMessage> drop;
        synchronized (this) {
            closed = true;
            drop = unexpected.clear();
            unchecked.clear();
        }
        for (InboundMessage m : drop) {
            m.release();
        }
    }

    /**
     * Registers the local signature of collective call {@code sequence} and checks the
     * frames and announcements of that call that arrived before it.
     */
    void beginCollective(int sequence, CollectiveSignature mine) {
        if (!world.checks().enabled()) {
            return;
        }
        synchronized (this) {
            signatures.put(mine.getSequence(), mine);
            lastCall = mine;
            if (signatures.size() > SIGNATURES_KEPT) {
                Iterator<Long> oldest = signatures.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            unchecked.takeUpTo(mine.getSequence(), checkEarlyFrame);
            if (world.breakage() != null) {
                return;
            }
            for (Iterator<Header> it = announcements.iterator(); it.hasNext(); ) {
                Header a = it.next();
                if (a.getSignature().getSequence() == mine.getSequence()) {
                    it.remove();
                    if (!sameCall(mine, a.getSignature())) {
                        reportMismatch(mine, a.getSignature(), a.getSource());
                        return;
                    }
                }
            }
        }
    }

    /** This rank's latest collective call here, or null if none (or checks are off). */
    synchronized @Nullable CollectiveSignature lastCall() {
        return lastCall;
    }

    /**
     * A peer's COLLECTIVE_CHECK: compared with this rank's call of the same sequence now,
     * or when this rank begins it. A final call (the peer finalized after it) is kept: once
     * the peer's finalize grace has passed, a receive of a later call from it fails as a
     * mismatch naming its last call ({@link #unmatchable}); not before, because a program that
     * throws finalizes first and reports its exception, the true cause, a moment later.
     */
    private void checkAnnouncement(Header a) {
        if (!world.checks().enabled()) {
            return;
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            CollectiveSignature theirs = a.getSignature();
            if (a.getFinalCall()) {
                finalCalls.put(a.getSource(), theirs);
                if (theirs.getSequence() == 0) {
                    return;
                }
            }
            CollectiveSignature mine = signatures.get(theirs.getSequence());
            if (mine == null) {
                if (lastCall == null || theirs.getSequence() > lastCall.getSequence()) {
                    announcements.add(a);
                }
            } else if (!sameCall(mine, theirs)) {
                reportMismatch(mine, theirs, a.getSource());
            }
        }
    }

    /**
     * Adds to {@code sources} the world ranks that receives posted before {@code cutoffNanos}
     * still wait for; true if one of them waits for ANY_SOURCE.
     */
    synchronized boolean addStalledSources(long cutoffNanos, java.util.BitSet sources) {
        boolean any = false;
        for (Matchable p : posted) {
            if (p instanceof PostedReceive r && r.postedAtNanos() - cutoffNanos <= 0) {
                int src = r.sourceWorldRank();
                if (src >= 0) {
                    sources.set(src);
                } else if (src == dev.jmpi.Communicator.ANY_SOURCE) {
                    any = true;
                }
            }
        }
        return any;
    }

    /**
     * The frames announcing the collective receives posted here before {@code cutoffNanos}
     * that have not announced yet, by the world rank each waits for.
     */
    List<Map.Entry<Integer, Header>> stalledAnnouncements(long cutoffNanos) {
        List<Map.Entry<Integer, Header>> out = new ArrayList<>(0);
        java.util.Set<Map.Entry<Integer, Long>> told = null;
        synchronized (this) {
            for (Matchable p : posted) {
                if (p instanceof RecvRequest r) {
                    Header h = r.stallAnnouncement(cutoffNanos);
                    if (h == null) {
                        continue;
                    }
                    // One frame per peer and call: a pipeline posts many receives ahead.
                    if (told == null) {
                        told = new java.util.HashSet<>();
                    }
                    if (told.add(Map.entry(r.sourceWorldRank(), h.getSignature().getSequence()))) {
                        out.add(Map.entry(r.sourceWorldRank(), h));
                    }
                }
            }
        }
        return out;
    }

    /**
     * A frame of a call this rank has not begun yet waits in {@link #unchecked} until it
     * begins (one it no longer remembers is let through there). Under the lock.
     */
    private boolean checkSignature(InboundMessage m) {
        CollectiveSignature theirs = m.header().getSignature();
        CollectiveSignature mine = signatures.get(theirs.getSequence());
        if (mine == null) {
            unchecked.add(m);
            return true;
        }
        if (sameCall(mine, theirs)) {
            return true;
        }
        reportMismatch(mine, theirs, m.sourceWorldRank());
        return false;
    }

    /** A frame that came before its call began here, now that it has (or a later one has). Under the lock. */
    private void checkEarlyFrame(InboundMessage m) {
        CollectiveSignature theirs = m.header().getSignature();
        CollectiveSignature mine = signatures.get(theirs.getSequence());
        if (mine != null && world.breakage() == null && !sameCall(mine, theirs)) {
            reportMismatch(mine, theirs, m.sourceWorldRank());
        }
    }

    private void reportMismatch(CollectiveSignature mine, CollectiveSignature theirs, int theirRank) {
        world.breakFromInside(
                Breakage.mismatch("collective mismatch at call #"
                        + mine.getSequence() + ": world rank " + world.rank() + " called "
                        + Signatures.describe(mine) + " but world rank " + theirRank + " called "
                        + Signatures.describe(theirs)),
                true);
    }

    /**
     * Why {@code p} can never match: {@code peer} finalized (its grace has passed). For a
     * receive of a collective call that the peer's announced last call shows it never joined,
     * that is a mismatch, which breaks the job; otherwise the peer's finalize. Outside the lock.
     */
    private Breakage unmatchable(Matchable p, int peer) {
        CollectiveSignature theirLast;
        synchronized (this) {
            theirLast = finalCalls.get(peer);
        }
        CollectiveSignature mine = p instanceof RecvRequest r ? r.call() : null;
        if (theirLast == null || mine == null || mine.getSequence() <= theirLast.getSequence()) {
            return world.unmatchedBreakage(peer);
        }
        Breakage b = Breakage.mismatch("collective mismatch at call #" + mine.getSequence()
                + ": world rank " + world.rank() + " called " + Signatures.describe(mine)
                + " but world rank " + peer + " finalized after "
                + (theirLast.getSequence() == 0
                        ? "no collective call"
                        : "call #" + theirLast.getSequence() + " " + Signatures.describe(theirLast)));
        world.breakFromInside(b, true);
        return world.breakage() == null ? b : world.breakage();
    }

    static int sequenceOf(int tag) {
        return tag >>> STEP_BITS;
    }

    private static boolean sameCall(CollectiveSignature a, CollectiveSignature b) {
        return a.getOperation().equals(b.getOperation())
                && a.getRoot() == b.getRoot()
                && a.getCount() == b.getCount()
                && a.getDataType() == b.getDataType()
                && a.getOp().equals(b.getOp());
    }
}
