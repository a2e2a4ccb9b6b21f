package dev.jmpi.core.algorithm;

import dev.jmpi.core.internal.Schedule;

/**
 * Linear scatterv: the root sends block {@code i} ({@code counts[i]} elements at
 * {@code displs[i]}) to each rank {@code i} directly, all sends in flight at once; every
 * other rank receives once. One round; {@code P - 1} messages and {@code S - counts[root]}
 * elements leave the root. A tree would save messages but has to forward blocks whose sizes
 * only the root knows, so the per-rank variants stay linear (as in MPICH). Uses step
 * {@code step}.
 */
final class LinearScatterv {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "linear";

    private LinearScatterv() {}

    /**
     * @param inPlace root only: its own block stays in {@code send}
     */
    static void schedule(
            Schedule s,
            Object send,
            int sendOffset,
            int[] counts,
            int[] displs,
            Object recv,
            int recvOffset,
            int recvCount,
            int root,
            boolean inPlace,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int r = s.rank();
        if (r != root) {
            s.recv(recv, recvOffset, recvCount, root, step).round();
            return;
        }
        for (int i = 0; i < p; i++) {
            if (i != root) {
                s.send(send, sendOffset + displs[i], counts[i], i, step);
            }
        }
        if (!inPlace) {
            s.local(() -> Blocks.copy(send, sendOffset + displs[root], recv, recvOffset, counts[root]));
        }
        s.round();
    }
}
