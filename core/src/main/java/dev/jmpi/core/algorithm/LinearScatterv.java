package dev.jmpi.core.algorithm;

import dev.jmpi.core.internal.Schedule;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
            @Nullable Object send,
            int sendOffset,
            int @Nullable [] counts,
            int @Nullable [] displs,
            @Nullable Object recv,
            int recvOffset,
            int recvCount,
            int root,
            boolean inPlace,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int r = s.rank();
        if (r != root) {
            s.recv(Objects.requireNonNull(recv, "a non-root's receive buffer"), recvOffset, recvCount, root, step)
                    .round();
            return;
        }
        Object from = Objects.requireNonNull(send, "the root's send buffer");
        int[] rootCounts = Objects.requireNonNull(counts, "the root's sendCounts");
        int[] rootDispls = Objects.requireNonNull(displs, "the root's displs");
        for (int i = 0; i < p; i++) {
            if (i != root) {
                s.send(from, sendOffset + rootDispls[i], rootCounts[i], i, step);
            }
        }
        if (!inPlace) {
            Object into = Objects.requireNonNull(recv, "the root's receive buffer (not in place)");
            s.local(() -> Blocks.copy(from, sendOffset + rootDispls[root], into, recvOffset, rootCounts[root]));
        }
        s.round();
    }
}
