package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Schedule;

/**
 * Recursive-doubling inclusive and exclusive scan (prefix reduction), for any op and any P:
 * {@code ceil(log2 P)} rounds of pairwise exchange of the whole buffer; each rank sends at
 * most {@code S ceil(log2 P)}.
 *
 * <h2>Steps</h2>
 * Each rank keeps {@code partial}, the reduction of a run of ranks around it, and
 * {@code result}. For {@code m = 1, 2, 4, ...} while {@code m < P}: partner
 * {@code d = rank xor m}; if {@code d < P}, exchange partials. If {@code d < rank}, the
 * partner's partial is the run just below ours: {@code partial = theirs op partial} and
 * {@code result = theirs op result} (for the exclusive scan the first such partial simply
 * becomes the result). If {@code d > rank}: {@code partial = partial op theirs}.
 *
 * <h2>Invariants</h2>
 * Before round {@code m}, {@code partial} holds ranks {@code b .. min(b + m, P) - 1} with
 * {@code b = rank & ~(m-1)}, in order, and {@code result} holds ranks {@code b .. rank}
 * (inclusive) or {@code b .. rank - 1} (exclusive; empty when {@code b = rank}). The
 * partner's run is the adjacent one of the same size, cut at P; a missing partner
 * ({@code d >= P}) means our run is the last one and needs nothing. Operands are always
 * combined lower run on the left, so non-commutative ops see rank order. The loop ends when
 * {@code m >= P}, where {@code b = 0}.
 *
 * <p>Memory: two pooled arrays ({@code partial} and the receive scratch), which swap roles
 * instead of copying; both hold their data at the receive buffer's offset, so combines
 * vectorize. Rank 0's exclusive result is left untouched (it has no lower ranks).
 * Uses step {@code step}.
 */
final class RecursiveDoublingScan {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "recursive doubling";

    private RecursiveDoublingScan() {}

    /** {@code own} may be {@code recv} itself (in place). */
    static void schedule(
            Schedule s,
            ArrayPool pool,
            Op op,
            Datatype type,
            Object own,
            int ownOffset,
            Object recv,
            int recvOffset,
            int count,
            boolean exclusive,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int rank = s.rank();
        if (count == 0 || (p == 1 && exclusive)) {
            return;
        }
        if (p == 1) {
            s.local(() -> Blocks.copy(own, ownOffset, recv, recvOffset, count)).round();
            return;
        }
        int at = Blocks.alignedBase(recvOffset, count);
        Object partial = Scratch.acquire(s, pool, type, at + count);
        Object theirs = Scratch.acquire(s, pool, type, at + count);
        Object first = partial;
        s.local(() -> System.arraycopy(own, ownOffset, first, at, count));
        if (!exclusive) {
            s.local(() -> Blocks.copy(own, ownOffset, recv, recvOffset, count));
        }
        boolean haveResult = !exclusive;
        for (int m = 1; m < p; m <<= 1) {
            int d = rank ^ m;
            if (d >= p) {
                continue;
            }
            Object mine = partial;
            Object other = theirs;
            s.recv(other, at, count, d, step).send(mine, at, count, d, step).round();
            if (d < rank) {
                s.local(() -> Blocks.combine(op, type, other, at, mine, at, count));
                if (haveResult) {
                    s.local(() -> Blocks.combine(op, type, other, at, recv, recvOffset, count));
                } else {
                    s.local(() -> System.arraycopy(other, at, recv, recvOffset, count));
                    haveResult = true;
                }
            } else {
                s.local(() -> Blocks.combine(op, type, mine, at, other, at, count));
                partial = other;
                theirs = mine;
            }
        }
        s.round();
    }
}
