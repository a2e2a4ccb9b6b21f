package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.CollectiveCall;

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

    private RecursiveDoublingScan() {
    }

    /** {@code own} may be {@code recv} itself (in place). */
    static void run(CollectiveCall call, ArrayPool pool, Op op, Datatype type, Object own, int ownOffset,
                    Object recv, int recvOffset, int count, boolean exclusive, int step) {
        int p = call.size();
        int rank = call.rank();
        if (count == 0 || (p == 1 && exclusive)) {
            return;
        }
        if (p == 1) {
            Blocks.copy(own, ownOffset, recv, recvOffset, count);
            return;
        }
        int at = Blocks.alignedBase(recvOffset, count);
        Object partial = pool.acquire(type, at + count);
        Object theirs = pool.acquire(type, at + count);
        try {
            System.arraycopy(own, ownOffset, partial, at, count);
            if (!exclusive) {
                Blocks.copy(own, ownOffset, recv, recvOffset, count);
            }
            boolean haveResult = !exclusive;
            for (int m = 1; m < p; m <<= 1) {
                int d = rank ^ m;
                if (d >= p) {
                    continue;
                }
                call.sendrecv(partial, at, count, d, theirs, at, count, d, step);
                if (d < rank) {
                    Blocks.combine(op, type, theirs, at, partial, at, count);
                    if (haveResult) {
                        Blocks.combine(op, type, theirs, at, recv, recvOffset, count);
                    } else {
                        System.arraycopy(theirs, at, recv, recvOffset, count);
                        haveResult = true;
                    }
                } else {
                    Blocks.combine(op, type, partial, at, theirs, at, count);
                    Object t = partial;
                    partial = theirs;
                    theirs = t;
                }
            }
        } finally {
            pool.release(partial);
            pool.release(theirs);
        }
    }
}
