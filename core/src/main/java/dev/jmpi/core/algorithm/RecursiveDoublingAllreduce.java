package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Schedule;

/**
 * Recursive-doubling allreduce, for small messages and every user-defined op:
 * {@code log2 P'} rounds of pairwise exchange of the whole buffer ({@code P'} = largest power
 * of two {@code <= P}), plus two rounds when P is not a power of two. Each rank sends
 * {@code S * log2 P'} bytes (plus S for the folded ranks).
 *
 * <h2>Steps</h2>
 * <ol>
 * <li>Fold: with {@code rem = P - P'}, among ranks {@code 0 .. 2 rem - 1} each even rank
 *     sends its buffer to the odd rank above it, which combines {@code even op odd} and
 *     takes part in the doubling as new rank {@code rank / 2}; ranks from {@code 2 rem} up
 *     take part as {@code rank - rem}. Now {@code P'} ranks remain, each new rank standing for
 *     a contiguous run of old ranks, in order.</li>
 * <li>Doubling: for {@code m = 1, 2, ..., P'/2}, new rank {@code n} exchanges its partial
 *     result with {@code n xor m}; both compute {@code lower op higher}, where lower is the
 *     partial result of the smaller new rank.</li>
 * <li>Unfold: each odd rank below {@code 2 rem} sends the result to the even rank below it.</li>
 * </ol>
 *
 * <h2>Invariants</h2>
 * After round {@code m}, new rank {@code n} holds the reduction of new ranks
 * {@code n & ~(2m-1) .. n | (2m-1)}, in rank order: the partner's range is the adjacent
 * half, and the combination puts the lower half on the left. The loop runs while
 * {@code m < P'}, i.e. until that range is every rank.
 *
 * <h2>Bitwise-identical results</h2>
 * In every round both partners apply {@code op} to the same two operands in the same order
 * ({@code lower op higher}, never relying on commutativity), so by induction they hold the
 * same bits after every round, and all ranks end with the same bits. The floating-point
 * association is fixed by P: a balanced tree over the ranks in order, with the folded pairs
 * {@code (a(2i) op a(2i+1))} at the leaves.
 *
 * <h2>Memory</h2>
 * The result is built in the receive buffer; one pooled scratch array receives the
 * partner's data, at the receive buffer's offset so combines vectorize. When this rank is the
 * lower partner the result lands in the scratch array and the two swap roles (no copy); a
 * final copy puts it back if it ended in scratch.
 * Uses steps {@code step .. step + 2}.
 */
final class RecursiveDoublingAllreduce {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "recursive doubling";

    private RecursiveDoublingAllreduce() {}

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
            int step) {
        s.algorithm(NAME);
        s.local(() -> Blocks.copy(own, ownOffset, recv, recvOffset, count));
        int p = s.size();
        if (p == 1 || count == 0) {
            s.round();
            return;
        }
        int rank = s.rank();
        int pof2 = Integer.highestOneBit(p);
        int rem = p - pof2;
        Object acc = recv;
        int accOffset = recvOffset;
        int spareOffset = Blocks.alignedBase(recvOffset, count);
        Object spare = Scratch.acquire(s, pool, type, spareOffset + count);
        int newRank;
        if (rank < 2 * rem) {
            if (rank % 2 == 0) {
                s.send(acc, accOffset, count, rank + 1, step).round();
                newRank = -1;
            } else {
                s.recv(spare, spareOffset, count, rank - 1, step).round();
                combine(s, op, type, spare, spareOffset, acc, accOffset, count);
                newRank = rank / 2;
            }
        } else {
            newRank = rank - rem;
        }
        if (newRank >= 0) {
            for (int m = 1; m < pof2; m <<= 1) {
                int newPartner = newRank ^ m;
                int partner = newPartner < rem ? newPartner * 2 + 1 : newPartner + rem;
                s.recv(spare, spareOffset, count, partner, step + 1)
                        .send(acc, accOffset, count, partner, step + 1)
                        .round();
                if (newPartner < newRank) {
                    combine(s, op, type, spare, spareOffset, acc, accOffset, count);
                } else {
                    combine(s, op, type, acc, accOffset, spare, spareOffset, count);
                    Object a = acc;
                    int ao = accOffset;
                    acc = spare;
                    accOffset = spareOffset;
                    spare = a;
                    spareOffset = ao;
                }
            }
            Object result = acc;
            int resultOffset = accOffset;
            s.local(() -> Blocks.copy(result, resultOffset, recv, recvOffset, count));
        }
        if (rank < 2 * rem) {
            if (rank % 2 == 1) {
                s.send(recv, recvOffset, count, rank - 1, step + 2);
            } else {
                s.recv(recv, recvOffset, count, rank + 1, step + 2);
            }
        }
        s.round();
    }

    private static void combine(
            Schedule s,
            Op op,
            Datatype type,
            Object lower,
            int lowerOffset,
            Object higher,
            int higherOffset,
            int count) {
        s.local(() -> Blocks.combine(op, type, lower, lowerOffset, higher, higherOffset, count));
    }
}
