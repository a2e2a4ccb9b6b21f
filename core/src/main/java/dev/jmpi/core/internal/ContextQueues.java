package dev.jmpi.core.internal;

import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.Kind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * MPI matching for one communicator context: the posted-receive queue and the
 * unexpected-message queue. An arriving message takes the first posted receive it
 * matches (in post order); a new receive takes the first unexpected message it matches (in
 * arrival order). Since a peer's messages arrive in the order it sent them, messages from
 * one sender are never overtaken.
 *
 * <p>Collective contexts also check signatures: each collective call registers its
 * signature under its sequence number, and every frame of that sequence from a peer must
 * carry the same one. Thread safety: every method locks {@code this}; deliveries happen
 * after the lock is released.
 */
final class ContextQueues {

    /** Collective tags carry the call's sequence above this many step bits. */
    /**
     * Collective tags carry the call's step in this many low bits: every message of one call
     * between two ranks gets its own step where the algorithm sends several (ring rounds,
     * pipeline segments), because a schedule's sends may leave from different threads (the
     * caller's for the first round, the I/O thread's for later ones) and so need not keep
     * their order. The sequence keeps 31 - 16 bits: 32768 calls may be outstanding.
     */
    static final int STEP_BITS = 16;
    private static final int SIGNATURES_KEPT = 4096;

    private final LinkedList<Matchable> posted = new LinkedList<>();
    private final LinkedList<InboundMessage> unexpected = new LinkedList<>();
    private final Map<Integer, CollectiveSignature> signatures = new TreeMap<>();
    private final World world;
    private boolean closed;

    ContextQueues(World world) {
        this.world = world;
    }

    /** Called on a transport thread for each arriving message. */
    void arrive(InboundMessage m) {
        List<Matchable> probes = null;
        Matchable taker = null;
        synchronized (this) {
            if (closed) {
                m.release();
                return;
            }
            if (CollectiveChecks.ENABLED && m.header().getKind() == Kind.COLLECTIVE && !checkSignature(m)) {
                m.release();
                return;
            }
            for (Iterator<Matchable> it = posted.iterator(); it.hasNext(); ) {
                Matchable p = it.next();
                if (p.matches(m)) {
                    it.remove();
                    if (p.isProbe()) {
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
        InboundMessage found = null;
        Breakage failure = null;
        synchronized (this) {
            failure = world.breakage();
            if (failure == null) {
                for (Iterator<InboundMessage> it = unexpected.iterator(); it.hasNext(); ) {
                    InboundMessage m = it.next();
                    if (r.matches(m)) {
                        if (!r.isProbe()) {
                            it.remove();
                        }
                        found = m;
                        break;
                    }
                }
                if (found == null) {
                    int finalizedPeer = world.unmatchableBecause(r.sourceWorldRank());
                    if (finalizedPeer < 0) {
                        posted.add(r);
                        return;
                    }
                    failure = world.unmatchedBreakage(finalizedPeer);
                }
            }
        }
        if (found != null) {
            r.deliver(found);
        } else {
            r.fail(failure);
        }
    }

    /** Fails the posted receives and probes that only finalized ranks could have matched. */
    void failUnmatchable() {
        List<Matchable> failed = new ArrayList<>();
        List<Integer> peers = new ArrayList<>();
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
        }
        for (int i = 0; i < failed.size(); i++) {
            failed.get(i).fail(world.unmatchedBreakage(peers.get(i)));
        }
    }

    /** Removes a posted receive that has not matched; true if it was still queued. */
    synchronized boolean cancel(Matchable r) {
        return posted.remove(r);
    }

    /** Fails every posted receive and probe; keeps queued messages (they are freed on close). */
    void failAll(Breakage b) {
        List<Matchable> failed;
        synchronized (this) {
            failed = new ArrayList<>(posted);
            posted.clear();
        }
        for (Matchable r : failed) {
            r.fail(b);
        }
    }

    /** What is waiting here, for hang reports. */
    synchronized List<Matchable> pending() {
        return new ArrayList<>(posted);
    }

    /** Releases queued messages; later arrivals are dropped. */
    void close() {
        List<InboundMessage> drop;
        synchronized (this) {
            closed = true;
            drop = new ArrayList<>(unexpected);
            unexpected.clear();
        }
        for (InboundMessage m : drop) {
            m.release();
        }
    }

    /**
     * Registers the local signature of collective call {@code sequence} and checks the
     * frames of that call that arrived before it.
     */
    void beginCollective(int sequence, CollectiveSignature mine) {
        if (!CollectiveChecks.ENABLED) {
            return;
        }
        synchronized (this) {
            signatures.put(sequence, mine);
            if (signatures.size() > SIGNATURES_KEPT) {
                Iterator<Integer> oldest = signatures.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            for (InboundMessage m : unexpected) {
                if (sequenceOf(m.tag()) == sequence && !sameCall(mine, m.header().getSignature())) {
                    reportMismatch(mine, m);
                    return;
                }
            }
        }
    }

    private boolean checkSignature(InboundMessage m) {
        CollectiveSignature mine = signatures.get(sequenceOf(m.tag()));
        if (mine == null || sameCall(mine, m.header().getSignature())) {
            return true;
        }
        reportMismatch(mine, m);
        return false;
    }

    private void reportMismatch(CollectiveSignature mine, InboundMessage m) {
        world.breakFromInside(Breakage.mismatch("collective mismatch at call #"
            + mine.getSequence() + ": this rank (world rank " + world.rank() + ") called "
            + Signatures.describe(mine) + " but world rank " + m.sourceWorldRank() + " called "
            + Signatures.describe(m.header().getSignature())), true);
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
