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
 * {@code pos = (rank - root) mod P}: the receives of the first
 * {@link PipelinedChainReduce#AHEAD_SEGMENTS} segments (all, below 512 MiB at 64 KiB) are posted
 * ahead when the call starts (so the previous rank's requests-to-send are cleared as they
 * arrive, and eager segments land in place); for each segment {@code k}, once it has arrived,
 * {@code k} is sent on (ahead: only the last round waits for the sends) and the receive of
 * {@code k + AHEAD_SEGMENTS} is posted. Segments go straight into and out of the caller's
 * buffer: no scratch memory. Segment {@code k} uses step {@link Blocks#segmentStep}{@code (step, k)}.
 */
final class PipelinedChainBroadcast {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "pipelined chain";

    private PipelinedChainBroadcast() {}

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
        if (!hasPrev) {
            for (int k = 0; k < segments; k++) {
                s.send(
                        buf,
                        offset + k * segment,
                        Blocks.segmentLength(count, segment, k),
                        next,
                        Blocks.segmentStep(step, k));
            }
            s.round();
            return;
        }
        int ahead = Math.min(segments, PipelinedChainReduce.AHEAD_SEGMENTS);
        int[] recvs = new int[segments];
        for (int k = 0; k < ahead; k++) {
            recvs[k] = s.recvAhead(
                    buf,
                    offset + k * segment,
                    Blocks.segmentLength(count, segment, k),
                    prev,
                    Blocks.segmentStep(step, k));
        }
        s.await(recvs[0]).round();
        int[] sends = hasNext ? new int[segments] : null;
        for (int k = 0; k < segments; k++) {
            int later = k + ahead;
            if (later < segments) {
                recvs[later] = s.recvAhead(
                        buf,
                        offset + later * segment,
                        Blocks.segmentLength(count, segment, later),
                        prev,
                        Blocks.segmentStep(step, later));
            }
            if (sends != null) {
                sends[k] = s.sendAhead(
                        buf,
                        offset + k * segment,
                        Blocks.segmentLength(count, segment, k),
                        next,
                        Blocks.segmentStep(step, k));
            }
            if (k + 1 < segments) {
                s.await(recvs[k + 1]);
            } else if (sends != null) {
                for (int h : sends) {
                    s.await(h);
                }
            }
            s.round();
        }
    }
}
