package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.core.internal.Schedule;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Binomial-tree gather of equal blocks, the mirror of {@link BinomialTreeScatter}:
 * {@code ceil(log2 P)} rounds, the root receives {@code log2 P} messages instead of
 * {@code P - 1}; {@code (P-1)/P * S} bytes reach the root in total.
 *
 * <p>With {@code v = (rank - root) mod P}, rank {@code v} collects the blocks of ranks
 * {@code v .. v + subtree(v) - 1} contiguously in {@code v} order: its own first, then from
 * each child {@code v + m} ({@code m = 1, 2, 4, ...} while bit {@code m} of {@code v} is clear
 * and {@code v + m < P}) its {@code min(m, P - v - m)} blocks at block {@code m}. Then it sends
 * the lot to its parent {@code v - lowbit(v)}. Receives from all children are posted at once.
 * Leaves send straight from the caller's buffer; when root = 0 the root collects straight
 * into its receive buffer, else it rotates {@code v} order into rank order at the end (one
 * local copy). Uses step {@code step}.
 */
final class BinomialTreeGather {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "binomial tree";

    private BinomialTreeGather() {}

    /**
     * @param send    this rank's block ({@code recv} at the root's own block if {@code inPlace})
     * @param recv    root only: {@code P * count} elements in rank order
     */
    static void schedule(
            Schedule s,
            ArrayPool pool,
            Datatype type,
            Object send,
            int sendOffset,
            @Nullable Object recv,
            int recvOffset,
            int count,
            int root,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int v = (s.rank() - root + p) % p;
        if (p == 1 || count == 0) {
            if (v == 0) {
                Object into = Objects.requireNonNull(recv, "the root's receive buffer");
                s.local(() -> Blocks.copy(send, sendOffset, into, recvOffset + root * count, count))
                        .round();
            }
            return;
        }
        int subtree = v == 0 ? p : Math.min(v & -v, p - v);
        if (subtree == 1) {
            s.send(send, sendOffset, count, (v - (v & -v) + root) % p, step).round();
            return;
        }
        Object data;
        int dataOffset;
        if (v == 0 && root == 0) {
            data = Objects.requireNonNull(recv, "the root's receive buffer");
            dataOffset = recvOffset;
        } else {
            data = Scratch.acquire(s, pool, type, subtree * count);
            dataOffset = 0;
        }
        s.local(() -> Blocks.copy(send, sendOffset, data, dataOffset, count));
        for (int mask = 1; mask < p && (v & mask) == 0; mask <<= 1) {
            int child = v + mask;
            if (child < p) {
                int blocks = Math.min(mask, p - child);
                s.recv(data, dataOffset + mask * count, blocks * count, (child + root) % p, step);
            }
        }
        s.round();
        if (v != 0) {
            int lowbit = v & -v;
            s.send(data, dataOffset, subtree * count, (v - lowbit + root) % p, step)
                    .round();
        } else if (root != 0) {
            int tail = (p - root) * count;
            Object into = Objects.requireNonNull(recv, "the root's receive buffer");
            s.local(() -> {
                        System.arraycopy(data, 0, into, recvOffset + root * count, tail);
                        System.arraycopy(data, tail, into, recvOffset, root * count);
                    })
                    .round();
        }
    }
}
