package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.core.internal.Schedule;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Binomial-tree scatter of equal blocks: {@code ceil(log2 P)} rounds; the root sends half of
 * the blocks to one child, a quarter to the next, ..., and each child passes on the part of
 * its subtree. Bytes on the wire: {@code (P-1)/P * S} out of the root in total (S = all
 * blocks), but only {@code log2 P} messages from it instead of {@code P - 1}.
 *
 * <p>Ranks are renumbered relative to the root, {@code v = (rank - root) mod P}; rank
 * {@code v} is responsible for the blocks of ranks {@code v .. v + subtree(v) - 1}, where
 * {@code subtree(v) = min(lowbit(v), P - v)} ({@code P} for the root). It receives those
 * blocks, contiguous in {@code v} order, from its parent {@code v - lowbit(v)}, keeps the
 * first, and sends to each child {@code v + m} ({@code m = lowbit(v)/2 ... 1}, while
 * {@code v + m < P}) its {@code min(m, P - v - m)} blocks starting at block {@code m}. The
 * root lays its blocks out in {@code v} order first (a local copy, skipped when root = 0).
 * Leaves receive straight into the caller's buffer. Uses step {@code step}.
 */
final class BinomialTreeScatter {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "binomial tree";

    private BinomialTreeScatter() {}

    /**
     * @param send    root only: {@code P * count} elements in rank order
     * @param inPlace root only: its own block stays in {@code send}; {@code recv} is not written
     */
    static void schedule(
            Schedule s,
            ArrayPool pool,
            Datatype type,
            @Nullable Object send,
            int sendOffset,
            @Nullable Object recv,
            int recvOffset,
            int count,
            int root,
            boolean inPlace,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int v = (s.rank() - root + p) % p;
        if (v == 0 && !inPlace) {
            Object from = Objects.requireNonNull(send, "the root's send buffer");
            Object into = Objects.requireNonNull(recv, "the root's receive buffer (not in place)");
            s.local(() -> Blocks.copy(from, sendOffset + root * count, into, recvOffset, count));
        }
        if (p == 1 || count == 0) {
            s.round();
            return;
        }
        Object data;
        int dataOffset;
        int mask;
        if (v == 0) {
            mask = Integer.highestOneBit(p - 1);
            Object from = Objects.requireNonNull(send, "the root's send buffer");
            if (root == 0) {
                data = from;
                dataOffset = sendOffset;
            } else {
                Object scratch = Scratch.acquire(s, pool, type, p * count);
                int tail = (p - root) * count;
                s.local(() -> {
                    System.arraycopy(from, sendOffset + root * count, scratch, 0, tail);
                    System.arraycopy(from, sendOffset, scratch, tail, root * count);
                });
                data = scratch;
                dataOffset = 0;
            }
        } else {
            int lowbit = v & -v;
            int subtree = Math.min(lowbit, p - v);
            int parent = (v - lowbit + root) % p;
            mask = lowbit >> 1;
            Object into = Objects.requireNonNull(recv, "a non-root's receive buffer");
            if (subtree == 1) {
                s.recv(into, recvOffset, count, parent, step).round();
                return;
            }
            Object scratch = Scratch.acquire(s, pool, type, subtree * count);
            s.recv(scratch, 0, subtree * count, parent, step).round();
            s.local(() -> System.arraycopy(scratch, 0, into, recvOffset, count));
            data = scratch;
            dataOffset = 0;
        }
        for (; mask > 0; mask >>= 1) {
            int child = v + mask;
            if (child < p) {
                int blocks = Math.min(mask, p - child);
                s.send(data, dataOffset + mask * count, blocks * count, (child + root) % p, step);
            }
        }
        s.round();
    }
}
