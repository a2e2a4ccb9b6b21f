package dev.jmpi.core.algorithm;

import dev.jmpi.Request;
import dev.jmpi.core.internal.CollectiveCall;

/**
 * Linear scatterv: the root sends block {@code i} ({@code counts[i]} elements at
 * {@code displs[i]}) to each rank {@code i} directly, all sends in flight at once; every
 * other rank receives once. One round; {@code P - 1} messages and {@code S - counts[root]}
 * elements leave the root. A tree would save messages but has to forward blocks whose sizes
 * only the root knows, so the per-rank variants stay linear (as in MPICH). Uses step
 * {@code step}.
 */
final class LinearScatterv {

    private LinearScatterv() {
    }

    /**
     * @param inPlace root only: its own block stays in {@code send}
     */
    static void run(CollectiveCall call, Object send, int sendOffset, int[] counts, int[] displs,
                    Object recv, int recvOffset, int recvCount, int root, boolean inPlace, int step) {
        int p = call.size();
        int r = call.rank();
        if (r != root) {
            call.recv(recv, recvOffset, recvCount, root, step);
            return;
        }
        Request[] sends = new Request[p];
        for (int i = 0; i < p; i++) {
            if (i != root) {
                sends[i] = call.isend(send, sendOffset + displs[i], counts[i], i, step);
            }
        }
        if (!inPlace) {
            Blocks.copy(send, sendOffset + displs[root], recv, recvOffset, counts[root]);
        }
        Request.awaitAll(sends);
    }
}
