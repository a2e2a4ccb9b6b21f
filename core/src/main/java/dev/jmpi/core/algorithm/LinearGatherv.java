package dev.jmpi.core.algorithm;

import dev.jmpi.Request;
import dev.jmpi.core.internal.CollectiveCall;

/**
 * Linear gatherv: every rank sends its block to the root, which has a receive posted for
 * each rank ({@code counts[i]} elements at {@code displs[i]}) before it waits for any. One
 * round; {@code P - 1} messages and {@code S - counts[root]} elements reach the root. Linear
 * for the same reason as {@link LinearScatterv}. Uses step {@code step}.
 */
final class LinearGatherv {

    private LinearGatherv() {
    }

    /**
     * @param inPlace root only: its own block is already in {@code recv}
     */
    static void run(CollectiveCall call, Object send, int sendOffset, int sendCount,
                    Object recv, int recvOffset, int[] counts, int[] displs, int root, boolean inPlace, int step) {
        int p = call.size();
        int r = call.rank();
        if (r != root) {
            call.send(send, sendOffset, sendCount, root, step);
            return;
        }
        Request[] recvs = new Request[p];
        for (int i = 0; i < p; i++) {
            if (i != root) {
                recvs[i] = call.irecv(recv, recvOffset + displs[i], counts[i], i, step);
            }
        }
        if (!inPlace) {
            Blocks.copy(send, sendOffset, recv, recvOffset + displs[root], sendCount);
        }
        Request.awaitAll(recvs);
    }
}
