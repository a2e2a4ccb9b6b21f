package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Schedule;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Segmented pipelined chain reduce, for large messages with a predefined op on 3 or more
 * ranks (correct from 2; at 2 the binomial tree is one message and faster): the chain runs
 * {@code root-1 -> root-2 -> ... -> root+1 -> root} (mod P), and the buffer flows along it in
 * segments, so every rank receives, combines and forwards segment {@code k} while segment
 * {@code k + 1} is on the wire toward it.
 *
 * <h2>Steps</h2>
 * Chain position {@code pos = (rank - root) mod P}; data flows from {@code pos = P-1} (the
 * tail) to {@code pos = 0} (the root). The tail sends its own segments. Every other rank,
 * for each segment {@code k}: waits for segment {@code k} from {@code pos + 1}; posts the
 * receive of segment {@code k + 1}; computes {@code own[k] op received[k]} into the receive
 * segment; and sends it on to {@code pos - 1} (the root copies it into its result instead).
 *
 * <h2>Invariants</h2>
 * The segment leaving position {@code pos} is the reduction of positions
 * {@code pos .. P-1}, in position order (own contribution on the left), so the root ends up
 * with {@code a(root) op (a(root+1) op (... op a(root-1)))}. That is rank order only for
 * root 0, which is why this algorithm is chosen only for predefined (commutative) ops.
 * Segments hold whole operands (MINLOC/MAXLOC pairs are never split).
 *
 * <h2>Cost</h2>
 * About {@code P - 2 + segments} segment times instead of the binomial tree's
 * {@code log2 P} whole-buffer times; every rank receives S and sends S once, the least any
 * reduce can move, and no rank receives more than S (the tree root receives
 * {@code S * log2 P}).
 *
 * <h2>Memory</h2>
 * One pooled scratch array of S per inner rank: segment {@code k} is received at the same
 * index as segment {@code k} of this rank's own contribution, so the combine runs the
 * kernels' vectorized one-offset loop (two different offsets run 2x slower on JDK 17; see
 * {@code OpKernels}), and no segment's storage is reused while its send may still be in
 * flight. The root receives straight into its receive buffer and combines there (no copy),
 * except in place, where that buffer is its input. The tail sends from the caller's buffer.
 *
 * <h2>Schedule</h2>
 * Round 0 posts, ahead, the receives of the first {@link #AHEAD_SEGMENTS} segments (all of
 * them, below 512 MiB at 64 KiB segments) and waits for segment 0; round {@code k + 1}
 * combines segment {@code k}, sends it on (ahead: no later round waits for it but the last),
 * posts the receive of segment {@code k + AHEAD_SEGMENTS} and waits for segment {@code k + 1}.
 * So the combine of segment {@code k} runs while later segments are on the wire, and every
 * segment's receive is posted long before it arrives: eager segments land in place (never in
 * the unexpected queue, so their credit goes back at once), and a segment that went by
 * rendezvous (beyond the sender's credit, or above the eager limit) is cleared as soon as its
 * request-to-send arrives, instead of one round trip per segment after the one before. The
 * receives cost no memory beyond the scratch array, which has a place for every segment.
 * Segment {@code k} uses step {@link Blocks#segmentStep}{@code (step, k)}.
 */
final class PipelinedChainReduce {

    /**
     * Segments whose receives are posted before the first arrives; half the segment steps, so
     * no two posted receives of one call share a tag.
     */
    static final int AHEAD_SEGMENTS = Blocks.SEGMENT_STEPS / 2;

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "pipelined chain";

    private PipelinedChainReduce() {}

    static void schedule(
            Schedule s,
            ArrayPool pool,
            Op op,
            Datatype type,
            Object own,
            int ownOffset,
            @Nullable Object recv,
            int recvOffset,
            int count,
            int root,
            int segment,
            int step) {
        s.algorithm(NAME);
        int p = s.size();
        int rank = s.rank();
        if (p == 1 || count == 0) {
            if (rank == root) {
                Object result = Objects.requireNonNull(recv, "the root's receive buffer");
                s.local(() -> Blocks.copy(own, ownOffset, result, recvOffset, count))
                        .round();
            }
            return;
        }
        int pos = (rank - root + p) % p;
        int down = (rank - 1 + p) % p;
        int segments = Blocks.segments(count, segment);
        if (pos == p - 1) {
            for (int k = 0; k < segments; k++) {
                s.send(
                        own,
                        ownOffset + k * segment,
                        Blocks.segmentLength(count, segment, k),
                        down,
                        Blocks.segmentStep(step, k));
            }
            s.round();
            return;
        }
        int up = (rank + 1) % p;
        // The root receives straight into its result, unless that is also its input (in place).
        boolean direct = pos == 0 && own != recv;
        Object acc = direct
                ? Objects.requireNonNull(recv, "the root's receive buffer")
                : Scratch.acquire(s, pool, type, Blocks.alignedBase(ownOffset, count) + count);
        int base = direct ? recvOffset : Blocks.alignedBase(ownOffset, count);
        int ahead = Math.min(segments, AHEAD_SEGMENTS);
        int[] recvs = new int[segments];
        for (int k = 0; k < ahead; k++) {
            recvs[k] = s.recvAhead(
                    acc, base + k * segment, Blocks.segmentLength(count, segment, k), up, Blocks.segmentStep(step, k));
        }
        s.await(recvs[0]).round();
        int[] sends = pos != 0 ? new int[segments] : null;
        for (int k = 0; k < segments; k++) {
            int at = k * segment;
            int n = Blocks.segmentLength(count, segment, k);
            int later = k + ahead;
            if (later < segments) {
                recvs[later] = s.recvAhead(
                        acc,
                        base + later * segment,
                        Blocks.segmentLength(count, segment, later),
                        up,
                        Blocks.segmentStep(step, later));
            }
            s.local(() -> Blocks.combine(op, type, own, ownOffset + at, acc, base + at, n));
            if (sends != null) {
                sends[k] = s.sendAhead(acc, base + at, n, down, Blocks.segmentStep(step, k));
            } else if (!direct) {
                Object result = Objects.requireNonNull(recv, "the root's receive buffer");
                s.local(() -> System.arraycopy(acc, base + at, result, recvOffset + at, n));
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
