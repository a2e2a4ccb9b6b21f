package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Schedule;

/**
 * Ring reduce-scatter with per-rank block sizes, for commutative ops (also the first half of
 * {@link RingAllreduce}): {@code P - 1} rounds; afterwards block {@code r} of rank
 * {@code r}'s buffer holds the reduction of every rank's block {@code r}.
 *
 * <h2>Steps</h2>
 * In round {@code s = 0 .. P-2} rank {@code r} sends block {@code (r - s - 1) mod P} of its
 * buffer to {@code r + 1}, receives block {@code (r - s - 2) mod P} from {@code r - 1} into
 * scratch, and combines it into that block of its buffer: {@code received op own}.
 *
 * <h2>Invariants</h2>
 * The block a rank sends in round {@code s + 1} is the one it combined in round {@code s}, so
 * block {@code j} travels once around the ring, starting at rank {@code j + 1} and picking up
 * one contribution per hop; after {@code P - 1} hops it arrives, complete, at rank {@code j}
 * (round {@code P-2} receives block {@code (r - P) mod P = r}). Its combination order is
 * {@code a(j+1), a(j+2), ..., a(j)} (ranks mod P), left to right: a rotation of rank order,
 * which is why this algorithm is used only for commutative ops. Each block is reduced at
 * exactly one rank, in one order, so every copy of it is bitwise the same.
 *
 * <h2>Cost</h2>
 * Each rank sends and receives {@code (P-1)/P * S} (equal blocks): the bandwidth optimum.
 * Scratch: the caller's. An aligned scratch array receives block {@code j} at the same index
 * as the block in {@code acc}, so the combine vectorizes (see {@code OpKernels}); a compact
 * one receives every block at 0. Round {@code k} uses step {@code step + k} (steps
 * {@code step .. step + P - 2}).
 */
final class RingReduceScatter {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "ring";

    private RingReduceScatter() {}

    /**
     * Leaves the last combine as the first entry of the current round, so a caller may add
     * to that round what needs the reduced block.
     *
     * @param acc     every block of this rank's contribution; reduced in place
     * @param scratch {@code accOffset + sum(counts)} elements if {@code aligned}, else
     *                {@code max(counts)}
     */
    static void schedule(
            Schedule s,
            Op op,
            Datatype type,
            Object acc,
            int accOffset,
            int[] counts,
            int[] displs,
            Object scratch,
            boolean aligned,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int r = s.rank();
        int right = (r + 1) % p;
        int left = (r - 1 + p) % p;
        for (int k = 0; k < p - 1; k++) {
            int sendBlock = (r - k - 1 + 2 * p) % p;
            int recvBlock = (r - k - 2 + 2 * p) % p;
            int at = accOffset + displs[recvBlock];
            int scratchAt = aligned ? at : 0;
            int n = counts[recvBlock];
            CombineAsLanded combine = new CombineAsLanded(op, type, scratch, scratchAt, acc, at, n);
            s.recv(scratch, scratchAt, n, left, step + k, combine)
                    .send(acc, accOffset + displs[sendBlock], counts[sendBlock], right, step + k)
                    .round();
            s.local(combine::rest);
        }
    }
}
