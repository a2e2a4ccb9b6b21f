package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Schedule;
import org.jspecify.annotations.Nullable;

/**
 * Rabenseifner's allreduce, for large messages with a predefined op: a reduce-scatter by
 * recursive halving, then an allgather by recursive doubling. {@code 2 log2 P'} rounds
 * ({@code P'} = largest power of two {@code <= P}; two more when P is not a power of two),
 * and each rank sends and receives {@code 2 (P'-1)/P' * S}: the ring's bytes in
 * {@code 2 log2 P'} rounds instead of {@code 2 (P - 1)}.
 *
 * <h2>Steps</h2>
 * <ol>
 * <li>Fold, as {@link RecursiveDoublingAllreduce}: with {@code rem = P - P'}, each even rank
 *     below {@code 2 rem} sends its whole buffer to the odd rank above it, which combines
 *     {@code even op odd} and goes on as new rank {@code rank / 2}; ranks from {@code 2 rem}
 *     up go on as {@code rank - rem}.</li>
 * <li>Reduce-scatter by recursive halving. The buffer is cut into {@code P'} blocks of whole
 *     operands ({@link Blocks#split}). Each new rank has a window of blocks, at first all of
 *     them. For {@code m = 1, 2, ..., P'/2}, new rank {@code n} and {@code n xor m} (which
 *     have the same window) halve it: the one without bit {@code m} keeps the lower half, the
 *     other the upper; each sends the half it gives up and combines the half it keeps,
 *     {@code lower op higher} (lower: the partial result of the smaller new rank).</li>
 * <li>Allgather by recursive doubling: for {@code m = P'/2, ..., 2, 1}, {@code n} and
 *     {@code n xor m} swap their windows, which are the two halves of the window both had
 *     before halving step {@code m}.</li>
 * <li>Unfold: each odd rank below {@code 2 rem} sends the result to the even rank below it.</li>
 * </ol>
 *
 * <h2>Invariants</h2>
 * After halving step {@code m}, new rank {@code n}'s window holds the reduction, over new
 * ranks {@code n & ~(2m-1) .. n | (2m-1)} in rank order, of those blocks: the partner's range
 * is the adjacent half and its partial result goes on the correct side. After the last step
 * the window is one block and that range is every rank, so each block is complete at exactly
 * one new rank. Each allgather step doubles the windows holding final bits, back up to the
 * whole buffer. Loop bounds: {@code m < P'} in both phases, i.e. {@code log2 P'} steps each.
 *
 * <h2>Bitwise-identical results</h2>
 * Each element is reduced at exactly one rank (the one whose last window holds it) and the
 * allgather and unfold only copy its bits, so every rank ends with the same bits. The
 * association is the same as {@link RecursiveDoublingAllreduce}'s: a balanced tree over the
 * ranks in order, with the folded pairs {@code (a(2i) op a(2i+1))} at the leaves; so for a
 * given P both algorithms give the same bits, whatever the size.
 *
 * <h2>Memory and copies</h2>
 * The result is built in the receive buffer; one pooled scratch array of S receives partner
 * data at the receive buffer's offset, so combines vectorize. As in recursive doubling, when
 * this rank is the lower partner the result lands in the scratch array and the two swap
 * roles, and the final block is copied back if it ended in scratch (one block). The caller's
 * send buffer is read in place: the first halving step sends straight from it, and only the
 * higher partner copies the half it keeps (the lower partner receives into the receive buffer
 * and combines its own half into it). Folded odd ranks copy their buffer once.
 *
 * <p>Steps: fold {@code step}, halving {@code step + 1}, doubling {@code step + 2}, unfold
 * {@code step + 3} (each pair of ranks meets at most once per phase and direction).
 */
final class RabenseifnerAllreduce {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "rabenseifner";

    private RabenseifnerAllreduce() {}

    /**
     * {@code own} may be {@code recv} itself (in place). Needs {@code count >= P' * unit}
     * ({@code unit} = the op's elements per operand), so every block has an operand.
     */
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
        int p = s.size();
        if (p == 1 || count == 0) {
            s.local(() -> Blocks.copy(own, ownOffset, recv, recvOffset, count)).round();
            return;
        }
        int rank = s.rank();
        int pof2 = Integer.highestOneBit(p);
        int rem = p - pof2;
        boolean inPlace = own == recv && ownOffset == recvOffset;
        if (rank < 2 * rem && rank % 2 == 0) {
            s.send(own, ownOffset, count, rank + 1, step).round();
            s.recv(recv, recvOffset, count, rank + 1, step + 3).round();
            return;
        }
        int spareOffset = Blocks.alignedBase(recvOffset, count);
        Object spare = Scratch.acquire(s, pool, type, spareOffset + count);
        Halves h = new Halves(s, op, type, recv, recvOffset, spare, spareOffset, count, pof2);
        int newRank;
        if (rank < 2 * rem) {
            // The copy before the receive: the combine may start as the first piece lands.
            CombineAsLanded combine = new CombineAsLanded(op, type, spare, spareOffset, recv, recvOffset, count);
            s.local(() -> Blocks.copy(own, ownOffset, recv, recvOffset, count))
                    .recv(spare, spareOffset, count, rank - 1, step, combine)
                    .round();
            s.local(combine::rest);
            newRank = rank / 2;
        } else {
            newRank = rank - rem;
        }
        h.reduceScatter(newRank, rem, inPlace || rank < 2 * rem ? null : own, ownOffset, step + 1);
        h.allgather(newRank, rem, step + 2);
        if (rank < 2 * rem) {
            s.send(recv, recvOffset, count, rank - 1, step + 3);
        }
        s.round();
    }

    /** The new rank {@code n}'s real rank. */
    static int realRank(int n, int rem) {
        return n < rem ? 2 * n + 1 : n + rem;
    }

    /**
     * The halving and doubling phases over the {@code P'} participating ranks: tracks this
     * rank's window of blocks and which of the two arrays holds its partial result.
     */
    private static final class Halves {
        private final Schedule s;
        private final Op op;
        private final Datatype type;
        private final Object recv;
        private final int recvOffset;
        private final int[] displs;
        private final int count;
        private final int pof2;
        private Object acc;
        private int accOffset;
        private Object spare;
        private int spareOffset;

        Halves(
                Schedule s,
                Op op,
                Datatype type,
                Object recv,
                int recvOffset,
                Object spare,
                int spareOffset,
                int count,
                int pof2) {
            this.s = s;
            this.op = op;
            this.type = type;
            this.recv = recv;
            this.recvOffset = recvOffset;
            this.count = count;
            this.pof2 = pof2;
            this.displs = Blocks.split(count, pof2, op.elementsPerOperand())[1];
            this.acc = recv;
            this.accOffset = recvOffset;
            this.spare = spare;
            this.spareOffset = spareOffset;
        }

        /** First element of block {@code b} ({@code count} for {@code b == P'}). */
        private int start(int b) {
            return b == pof2 ? count : displs[b];
        }

        /**
         * Halving steps. {@code readOnly} is the caller's send buffer when this rank's
         * contribution is still only there (not in place, not folded): the first step then
         * sends from it and never writes it.
         */
        void reduceScatter(int newRank, int rem, @Nullable Object readOnly, int readOnlyOffset, int step) {
            int first = 0;
            int width = pof2;
            for (int m = 1; m < pof2; m <<= 1) {
                int half = width / 2;
                boolean upper = (newRank & m) != 0;
                int keepFirst = upper ? first + half : first;
                int giveFirst = upper ? first : first + half;
                int keepAt = start(keepFirst);
                int keepCount = start(keepFirst + half) - keepAt;
                int giveAt = start(giveFirst);
                int giveCount = start(giveFirst + half) - giveAt;
                int partner = realRank(newRank ^ m, rem);
                if (m == 1 && readOnly != null) {
                    firstStepFromSendBuffer(
                            readOnly, readOnlyOffset, upper, keepAt, keepCount, giveAt, giveCount, partner, step);
                } else {
                    // Where to send from and receive into, taken before combineKept: for the
                    // lower partner it swaps acc and spare, which name the next step's buffers.
                    Object from = acc;
                    int fromAt = accOffset + giveAt;
                    Object into = spare;
                    int intoAt = spareOffset + keepAt;
                    CombineAsLanded combine = combineKept(upper, keepAt, keepCount);
                    s.recv(into, intoAt, keepCount, partner, step, combine)
                            .send(from, fromAt, giveCount, partner, step)
                            .round();
                    s.local(combine::rest);
                }
                first = keepFirst;
                width = half;
            }
            if (acc != recv) {
                Object result = acc;
                int resultAt = accOffset + start(first);
                int n = start(first + 1) - start(first);
                int at = recvOffset + start(first);
                s.local(() -> Blocks.copy(result, resultAt, recv, at, n));
            }
        }

        /**
         * The partner's data and this rank's own kept half are combined into the receive
         * buffer: the lower partner receives there and combines its own half into it
         * ({@code own op theirs}); the higher one receives into scratch and copies its own
         * half there first ({@code theirs op own} must land in a writable array).
         */
        private void firstStepFromSendBuffer(
                Object own,
                int ownOffset,
                boolean upper,
                int keepAt,
                int keepCount,
                int giveAt,
                int giveCount,
                int partner,
                int step) {
            int recvAt = recvOffset + keepAt;
            int ownAt = ownOffset + keepAt;
            if (upper) {
                // Locals, not fields: the lambdas run after the whole schedule is built, when
                // acc and spare may have swapped.
                Object theirs = spare;
                int spareAt = spareOffset + keepAt;
                CombineAsLanded combine = new CombineAsLanded(op, type, theirs, spareAt, recv, recvAt, keepCount);
                // The copy before the receive: the combine may start as the first piece lands.
                s.send(own, ownOffset + giveAt, giveCount, partner, step)
                        .local(() -> Blocks.copy(own, ownAt, recv, recvAt, keepCount))
                        .recv(theirs, spareAt, keepCount, partner, step, combine)
                        .round();
                s.local(combine::rest);
            } else {
                CombineAsLanded combine = new CombineAsLanded(op, type, own, ownAt, recv, recvAt, keepCount);
                s.recv(recv, recvAt, keepCount, partner, step, combine)
                        .send(own, ownOffset + giveAt, giveCount, partner, step)
                        .round();
                s.local(combine::rest);
            }
        }

        /**
         * The combine of the received half (arriving in {@code spare}) into the kept half:
         * {@code lower op higher}, in place of higher; for the lower partner acc and spare then
         * swap names.
         */
        private CombineAsLanded combineKept(boolean upper, int keepAt, int keepCount) {
            Object a = acc;
            int aAt = accOffset + keepAt;
            Object b = spare;
            int bAt = spareOffset + keepAt;
            if (upper) {
                return new CombineAsLanded(op, type, b, bAt, a, aAt, keepCount);
            } else {
                CombineAsLanded combine = new CombineAsLanded(op, type, a, aAt, b, bAt, keepCount);
                Object t = acc;
                int to = accOffset;
                acc = spare;
                accOffset = spareOffset;
                spare = t;
                spareOffset = to;
                return combine;
            }
        }

        /** Doubling steps, in the receive buffer, undoing the halving steps' windows last to first. */
        void allgather(int newRank, int rem, int step) {
            int first = 0;
            for (int m = 1; m < pof2; m <<= 1) {
                int width = pof2 / m;
                first += (newRank & m) != 0 ? width / 2 : 0;
            }
            int width = 1;
            for (int m = pof2 / 2; m >= 1; m >>= 1) {
                int partnerFirst = (newRank & m) != 0 ? first - width : first + width;
                int mineAt = start(first);
                int mineCount = start(first + width) - mineAt;
                int theirsAt = start(partnerFirst);
                int theirsCount = start(partnerFirst + width) - theirsAt;
                int partner = realRank(newRank ^ m, rem);
                s.recv(recv, recvOffset + theirsAt, theirsCount, partner, step)
                        .send(recv, recvOffset + mineAt, mineCount, partner, step)
                        .round();
                first = Math.min(first, partnerFirst);
                width *= 2;
            }
        }
    }
}
