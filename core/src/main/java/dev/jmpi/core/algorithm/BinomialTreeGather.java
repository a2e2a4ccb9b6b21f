package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Request;
import dev.jmpi.core.internal.CollectiveCall;

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

    private BinomialTreeGather() {
    }

    /**
     * @param send    this rank's block ({@code recv} at the root's own block if {@code inPlace})
     * @param recv    root only: {@code P * count} elements in rank order
     */
    static void run(CollectiveCall call, ArrayPool pool, Datatype type, Object send, int sendOffset,
                    Object recv, int recvOffset, int count, int root, int step) {
        int p = call.size();
        int v = (call.rank() - root + p) % p;
        if (p == 1 || count == 0) {
            if (v == 0) {
                Blocks.copy(send, sendOffset, recv, recvOffset + root * count, count);
            }
            return;
        }
        int subtree = v == 0 ? p : Math.min(v & -v, p - v);
        if (subtree == 1) {
            call.send(send, sendOffset, count, (v - (v & -v) + root) % p, step);
            return;
        }
        Object scratch = null;
        try {
            Object data;
            int dataOffset;
            if (v == 0 && root == 0) {
                data = recv;
                dataOffset = recvOffset;
            } else {
                scratch = pool.acquire(type, subtree * count);
                data = scratch;
                dataOffset = 0;
            }
            Blocks.copy(send, sendOffset, data, dataOffset, count);
            receiveFromChildren(call, data, dataOffset, count, v, root, step);
            if (v != 0) {
                int lowbit = v & -v;
                call.send(data, dataOffset, subtree * count, (v - lowbit + root) % p, step);
            } else if (root != 0) {
                int tail = (p - root) * count;
                System.arraycopy(scratch, 0, recv, recvOffset + root * count, tail);
                System.arraycopy(scratch, tail, recv, recvOffset, root * count);
            }
        } finally {
            pool.release(scratch);
        }
    }

    private static void receiveFromChildren(CollectiveCall call, Object data, int dataOffset, int count, int v,
                                            int root, int step) {
        int p = call.size();
        Request[] recvs = new Request[Integer.SIZE];
        int n = 0;
        for (int mask = 1; mask < p && (v & mask) == 0; mask <<= 1) {
            int child = v + mask;
            if (child < p) {
                int blocks = Math.min(mask, p - child);
                recvs[n++] = call.irecv(data, dataOffset + mask * count, blocks * count, (child + root) % p, step);
            }
        }
        for (int i = 0; i < n; i++) {
            recvs[i].await();
        }
    }
}
