package dev.jmpi.core.algorithm;

import dev.jmpi.core.internal.Schedule;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
            @Nullable Object send,
            int sendOffset,
            int sendCount,
            @Nullable Object recv,
            int recvOffset,
            int @Nullable [] counts,
            int @Nullable [] displs,
            int root,
            boolean inPlace,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int r = s.rank();
        if (r != root) {
            s.send(Objects.requireNonNull(send, "a non-root's send buffer"), sendOffset, sendCount, root, step)
                    .round();
            return;
        }
        Object into = Objects.requireNonNull(recv, "the root's receive buffer");
        int[] rootCounts = Objects.requireNonNull(counts, "the root's recvCounts");
        int[] rootDispls = Objects.requireNonNull(displs, "the root's displs");
        for (int i = 0; i < p; i++) {
            if (i != root) {
                s.recv(into, recvOffset + rootDispls[i], rootCounts[i], i, step);
            }
        }
        if (!inPlace) {
            Object from = Objects.requireNonNull(send, "the root's send buffer (not in place)");
            s.local(() -> Blocks.copy(from, sendOffset, into, recvOffset + rootDispls[root], sendCount));
        }
        s.round();
    }
}
