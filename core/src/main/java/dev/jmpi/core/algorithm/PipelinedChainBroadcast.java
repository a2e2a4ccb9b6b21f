package dev.jmpi.core.algorithm;

import dev.jmpi.core.internal.Schedule;

/**
 * Pipelined chain broadcast, for large messages: the buffer is cut into segments that flow
 * down the chain {@code root -> root+1 -> ... -> root-1} (mod P); every rank forwards segment
 * {@code k} while it receives segment {@code k + 1}.
 *
 * <p>Time is about {@code (P - 2 + segments)} segment transfers instead of the binomial tree's
 * {@code log2 P} whole-buffer transfers, and every link carries the message exactly once, so
 * for large S it approaches one transfer of S whatever P. Steps per rank at chain position
 * {@code pos = (rank - root) mod P}: one receive of the first segment is posted ahead; for each
 * segment {@code k}, once it has arrived, the receive of {@code k + 1} is posted and
 * {@code k} is sent on, in one round of the schedule. Segments go straight into and out of
 * the caller's buffer: no scratch memory. Segment {@code k} uses step
 * {@link Blocks#segmentStep}{@code (step, k)}.
 */
final class PipelinedChainBroadcast {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "pipelined chain";

    private PipelinedChainBroadcast() {
    }

    static void schedule(Schedule s, Object buf, int offset, int count, int root, int segment, int step) {
        s.algorithm(NAME);
        int p = s.size();
        if (p == 1 || count == 0) {
            return;
        }
        int rank = s.rank();
        int pos = (rank - root + p) % p;
        int prev = (rank - 1 + p) % p;
        int next = (rank + 1) % p;
        boolean hasPrev = pos > 0;
        boolean hasNext = pos < p - 1;
        int segments = Blocks.segments(count, segment);
        if (hasPrev) {
            s.recv(buf, offset, Blocks.segmentLength(count, segment, 0), prev, Blocks.segmentStep(step, 0)).round();
        }
        for (int k = 0; k < segments; k++) {
            int at = offset + k * segment;
            int n = Blocks.segmentLength(count, segment, k);
            if (hasPrev && k + 1 < segments) {
                s.recv(buf, at + n, Blocks.segmentLength(count, segment, k + 1), prev, Blocks.segmentStep(step, k + 1));
            }
            if (hasNext) {
                s.send(buf, at, n, next, Blocks.segmentStep(step, k));
            }
            s.round();
        }
    }
}
