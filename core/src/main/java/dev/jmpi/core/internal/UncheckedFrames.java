package dev.jmpi.core.internal;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * Collective frames that arrived before this rank began their call, so their signatures could
 * not be checked on arrival: kept per source in arrival order until the rank begins a call of
 * their sequence or a later one ({@link #takeUpTo}). A peer begins its calls in order, so its
 * frames come in nearly ascending sequence (a non-blocking call's later rounds may leave after
 * the next call's first ones), and each frame is looked at once: when a call begins, only the
 * fronts of the queues are read, where before every queued message of the context was read at
 * every call (a reduce root scanned its leaves' whole backlog at each call).
 *
 * <p>Not thread-safe: owned by the lock of its {@link ContextQueues}.
 */
final class UncheckedFrames {

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ArrayDeque<InboundMessage>[] bySource = new ArrayDeque[0];

    private final BitSet nonEmpty = new BitSet();

    /** Keeps {@code m} until a call of its sequence begins here. */
    void add(InboundMessage m) {
        int source = m.sourceWorldRank();
        if (source >= bySource.length) {
            bySource = Arrays.copyOf(bySource, Math.max(source + 1, bySource.length * 2));
        }
        ArrayDeque<InboundMessage> q = bySource[source];
        if (q == null) {
            q = new ArrayDeque<>();
            bySource[source] = q;
        }
        q.addLast(m);
        nonEmpty.set(source);
    }

    /**
     * Hands every kept frame of (full) sequence at most {@code sequence} to {@code check}, in
     * arrival order per source, and forgets it; frames of later calls stay. A frame of an older
     * call behind one of a later call is handed over at a later call's begin.
     */
    void takeUpTo(long sequence, Consumer<InboundMessage> check) {
        for (int s = nonEmpty.nextSetBit(0); s >= 0; s = nonEmpty.nextSetBit(s + 1)) {
            ArrayDeque<InboundMessage> q = bySource[s];
            InboundMessage m;
            while (q != null
                    && (m = q.peekFirst()) != null
                    && m.header().getSignature().getSequence() <= sequence) {
                q.pollFirst();
                check.accept(m);
            }
            if (q == null || q.isEmpty()) {
                nonEmpty.clear(s);
            }
        }
    }

    /** Forgets every kept frame. */
    void clear() {
        for (int s = nonEmpty.nextSetBit(0); s >= 0; s = nonEmpty.nextSetBit(s + 1)) {
            ArrayDeque<InboundMessage> q = bySource[s];
            if (q != null) {
                q.clear();
            }
        }
        nonEmpty.clear();
    }
}
