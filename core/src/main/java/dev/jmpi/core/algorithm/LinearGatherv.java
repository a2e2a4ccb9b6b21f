package dev.jmpi.core.algorithm;

import dev.jmpi.core.internal.Schedule;

/**
 * Linear gatherv: every rank sends its block to the root, which has a receive posted for
 * each rank ({@code counts[i]} elements at {@code displs[i]}) before it waits for any. One
 * round; {@code P - 1} messages and {@code S - counts[root]} elements reach the root. Linear
 * for the same reason as {@link LinearScatterv}. Uses step {@code step}.
 */
final class LinearGatherv {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "linear";

    private LinearGatherv() {}

    /**
     * @param inPlace root only: its own block is already in {@code recv}
     */
    static void schedule(
            Schedule s,
            Object send,
            int sendOffset,
            int sendCount,
            Object recv,
            int recvOffset,
            int[] counts,
            int[] displs,
            int root,
            boolean inPlace,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int r = s.rank();
        if (r != root) {
            s.send(send, sendOffset, sendCount, root, step).round();
            return;
        }
        for (int i = 0; i < p; i++) {
            if (i != root) {
                s.recv(recv, recvOffset + displs[i], counts[i], i, step);
            }
        }
        if (!inPlace) {
            s.local(() -> Blocks.copy(send, sendOffset, recv, recvOffset + displs[root], sendCount));
        }
        s.round();
    }
}
