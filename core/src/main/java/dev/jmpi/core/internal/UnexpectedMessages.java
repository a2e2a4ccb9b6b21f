package dev.jmpi.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The unexpected-message queue of one context, kept per source: one queue per sending world
 * rank, in arrival order, each message stamped with a context-wide arrival number. A receive
 * from one source looks only at that source's messages; an {@code ANY_SOURCE} receive takes
 * the earliest-arrived match over all sources, so matching order is exactly that of one queue
 * in arrival order (MPI's rule), without the cost of one.
 *
 * <p>Why: with a single queue, a receive from rank 2 walked past every message queued from
 * rank 1 first. A binomial reduce root at P = 4 receives from rank 1 (a leaf that sends and
 * returns, so it runs thousands of calls ahead) and then from rank 2, so each call scanned
 * the whole backlog of rank 1: 6.7x Open MPI's time for a reduce of one double (Open MPI's ob1
 * keeps its unexpected fragments per peer too). Here each receive costs O(messages of its own
 * source queued before its match).
 *
 * <p>Not thread-safe: owned by the lock of its {@link ContextQueues}.
 */
final class UnexpectedMessages {

    /** One queued message and its arrival number in this context. */
    private record Queued(long order, InboundMessage message) {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ArrayDeque<Queued>[] bySource = new ArrayDeque[0];

    /** Sources with at least one queued message. */
    private final BitSet nonEmpty = new BitSet();

    private long arrivals;
    private int size;

    /** Queues {@code m} behind everything that arrived before it. */
    void add(InboundMessage m) {
        int source = m.sourceWorldRank();
        if (source >= bySource.length) {
            bySource = Arrays.copyOf(bySource, Math.max(source + 1, bySource.length * 2));
        }
        ArrayDeque<Queued> q = bySource[source];
        if (q == null) {
            q = new ArrayDeque<>();
            bySource[source] = q;
        }
        q.addLast(new Queued(arrivals++, m));
        nonEmpty.set(source);
        size++;
    }

    /**
     * The first queued message (in arrival order) that {@code r} matches, or null; taken out of
     * the queue if {@code remove}, else left (probes).
     */
    @Nullable
    InboundMessage match(Matchable r, boolean remove) {
        if (size == 0) {
            return null;
        }
        int source = r.sourceWorldRank();
        if (source >= 0) {
            return source < bySource.length ? firstMatch(source, r, remove) : null;
        }
        int best = -1;
        long bestOrder = Long.MAX_VALUE;
        for (int s = nonEmpty.nextSetBit(0); s >= 0; s = nonEmpty.nextSetBit(s + 1)) {
            for (Queued q : queue(s)) {
                if (q.order() >= bestOrder) {
                    break;
                }
                if (r.matches(q.message())) {
                    best = s;
                    bestOrder = q.order();
                    break;
                }
            }
        }
        return best < 0 ? null : firstMatch(best, r, remove);
    }

    private @Nullable InboundMessage firstMatch(int source, Matchable r, boolean remove) {
        ArrayDeque<Queued> q = bySource[source];
        if (q == null) {
            return null;
        }
        for (Iterator<Queued> it = q.iterator(); it.hasNext(); ) {
            InboundMessage m = it.next().message();
            if (r.matches(m)) {
                if (remove) {
                    it.remove();
                    size--;
                    if (q.isEmpty()) {
                        nonEmpty.clear(source);
                    }
                }
                return m;
            }
        }
        return null;
    }

    private ArrayDeque<Queued> queue(int source) {
        ArrayDeque<Queued> q = bySource[source];
        if (q == null) {
            throw new IllegalStateException("no queue for source " + source + " marked non-empty");
        }
        return q;
    }

    /** Every queued message, in no particular order (sums, hang reports). */
    List<InboundMessage> all() {
        List<InboundMessage> out = new ArrayList<>(size);
        for (int s = nonEmpty.nextSetBit(0); s >= 0; s = nonEmpty.nextSetBit(s + 1)) {
            for (Queued q : queue(s)) {
                out.add(q.message());
            }
        }
        return out;
    }

    /** Empties the queue and returns what was in it. */
    List<InboundMessage> clear() {
        List<InboundMessage> out = all();
        for (int s = nonEmpty.nextSetBit(0); s >= 0; s = nonEmpty.nextSetBit(s + 1)) {
            queue(s).clear();
        }
        nonEmpty.clear();
        size = 0;
        return out;
    }

    /** Messages queued. */
    int size() {
        return size;
    }
}
