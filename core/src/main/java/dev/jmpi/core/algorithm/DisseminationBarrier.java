package dev.jmpi.core.algorithm;

import dev.jmpi.core.internal.Schedule;

/**
 * Dissemination barrier (Hensgen, Finkel and Manber): {@code ceil(log2 P)} rounds; in round
 * {@code k = 1, 2, 4, ...} rank {@code r} sends an empty message to {@code (r + k) mod P} and
 * waits for one from {@code (r - k) mod P}.
 *
 * <p>Invariant: after the round with distance {@code k}, rank {@code r} knows that ranks
 * {@code r - 2k + 1 .. r} (mod P) have entered the barrier. The loop runs while {@code k < P}:
 * once {@code 2k >= P} that window covers every rank, whether or not P is a power of two.
 * Every round is a sendrecv, so no rank waits on a send that its peer is not yet receiving.
 * Uses step {@code step}.
 */
final class DisseminationBarrier {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "dissemination";

    private static final byte[] EMPTY = new byte[0];

    private DisseminationBarrier() {}

    static void schedule(Schedule s, int step) {
        s.algorithm(NAME);
        int p = s.size();
        int r = s.rank();
        for (int k = 1; k < p; k <<= 1) {
            s.recv(EMPTY, 0, 0, (r - k + p) % p, step)
                    .send(EMPTY, 0, 0, (r + k) % p, step)
                    .round();
        }
    }
}
