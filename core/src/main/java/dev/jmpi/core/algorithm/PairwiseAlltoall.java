package dev.jmpi.core.algorithm;

import dev.jmpi.core.internal.Schedule;

/**
 * Pairwise-exchange all-to-all (also for the per-rank variant): {@code P - 1} rounds; in
 * round {@code s = 1 .. P-1} rank {@code r} sends its block for {@code (r + s) mod P} there
 * and receives the block from {@code (r - s) mod P}, in one sendrecv. Its own block is a
 * local copy.
 *
 * <p>Every rank sends {@code (P-1)/P * S} and receives as much. In round {@code s} the
 * destinations {@code r + s} form a permutation, so every rank has exactly one message to
 * send and one to receive per round (no rank is flooded), for any P, not only powers of two.
 * Uses step {@code step}.
 */
final class PairwiseAlltoall {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "pairwise exchange";

    private PairwiseAlltoall() {}

    static void schedule(
            Schedule s,
            Object send,
            int sendOffset,
            int[] sendCounts,
            int[] sendDispls,
            Object recv,
            int recvOffset,
            int[] recvCounts,
            int[] recvDispls,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int r = s.rank();
        s.local(() -> Blocks.copy(send, sendOffset + sendDispls[r], recv, recvOffset + recvDispls[r], sendCounts[r]));
        for (int k = 1; k < p; k++) {
            int dst = (r + k) % p;
            int src = (r - k + p) % p;
            s.recv(recv, recvOffset + recvDispls[src], recvCounts[src], src, step)
                    .send(send, sendOffset + sendDispls[dst], sendCounts[dst], dst, step)
                    .round();
        }
        s.round();
    }
}
