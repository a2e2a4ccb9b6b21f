package dev.jmpi.core.algorithm;

import dev.jmpi.core.internal.Schedule;

/**
 * Binomial-tree broadcast, for small messages: {@code ceil(log2 P)} rounds, each rank
 * receives the whole buffer once and forwards it to at most {@code log2 P} children.
 *
 * <p>Ranks are renumbered relative to the root, {@code v = (rank - root) mod P}. Rank
 * {@code v > 0} receives from its parent {@code v - lowbit(v)}, where {@code lowbit(v)} is
 * the lowest set bit of {@code v}; then it sends to children {@code v + m} for
 * {@code m = lowbit(v)/2, lowbit(v)/4, ..., 1} while {@code v + m < P}. The root's first
 * child distance is the largest power of two below P. The {@code v + m < P} bound is what
 * makes the tree correct for any P: a subtree is simply cut off at the last rank. Children
 * are sent to largest subtree first, all at once (non-blocking), so the deepest subtree
 * starts earliest. Uses step {@code step}.
 */
final class BinomialTreeBroadcast {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "binomial tree";

    private BinomialTreeBroadcast() {}

    static void schedule(Schedule s, Object buf, int offset, int count, int root, int step) {
        s.algorithm(NAME);
        int p = s.size();
        if (p == 1) {
            return;
        }
        int v = (s.rank() - root + p) % p;
        int mask;
        if (v == 0) {
            mask = Integer.highestOneBit(p - 1);
        } else {
            int lowbit = v & -v;
            s.recv(buf, offset, count, (v - lowbit + root) % p, step).round();
            mask = lowbit >> 1;
        }
        for (; mask > 0; mask >>= 1) {
            if (v + mask < p) {
                s.send(buf, offset, count, (v + mask + root) % p, step);
            }
        }
        s.round();
    }
}
