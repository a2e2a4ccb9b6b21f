package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.core.internal.CollectiveCall;

/**
 * Segmented pipelined chain reduce, for large messages with a predefined op: the chain runs
 * {@code root-1 -> root-2 -> ... -> root+1 -> root} (mod P), and the buffer flows along it in
 * segments, so every rank receives, combines and forwards segment {@code k} while segment
 * {@code k + 1} is on the wire toward it.
 *
 * <h2>Steps</h2>
 * Chain position {@code pos = (rank - root) mod P}; data flows from {@code pos = P-1} (the
 * tail) to {@code pos = 0} (the root). The tail sends its own segments. Every other rank,
 * for each segment {@code k}: waits for segment {@code k} from {@code pos + 1}; posts the
 * receive of segment {@code k + 1}; computes {@code own[k] op received[k]} into the receive
 * slot; and sends that slot on to {@code pos - 1} (the root copies it into its result
 * instead).
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
 * Three pooled segment slots per non-tail rank: one being received into, one being combined,
 * one still being sent. Slot {@code k mod 3} is reused for segment {@code k + 3} only after
 * the send of segment {@code k} has completed (the receive of {@code k + 3} is posted during
 * round {@code k + 2}, after waiting for that send). Uses step {@code step}.
 */
final class PipelinedChainReduce {

    private static final int SLOTS = 3;

    private PipelinedChainReduce() {
    }

    static void run(CollectiveCall call, ArrayPool pool, Op op, Datatype type, Object own, int ownOffset,
                    Object recv, int recvOffset, int count, int root, int segment, int step) {
        int p = call.size();
        int rank = call.rank();
        if (p == 1 || count == 0) {
            if (rank == root) {
                Blocks.copy(own, ownOffset, recv, recvOffset, count);
            }
            return;
        }
        int pos = (rank - root + p) % p;
        int down = (rank - 1 + p) % p;
        int segments = Blocks.segments(count, segment);
        if (pos == p - 1) {
            RequestWindow sends = new RequestWindow(SLOTS);
            for (int k = 0; k < segments; k++) {
                sends.add(call.isend(own, ownOffset + k * segment, Blocks.segmentLength(count, segment, k), down, step));
            }
            sends.awaitAll();
            return;
        }
        int up = (rank + 1) % p;
        Object slots = pool.acquire(type, SLOTS * segment);
        Request[] slotSends = new Request[SLOTS];
        try {
            Request pending = call.irecv(slots, 0, Blocks.segmentLength(count, segment, 0), up, step);
            for (int k = 0; k < segments; k++) {
                int slot = (k % SLOTS) * segment;
                int n = Blocks.segmentLength(count, segment, k);
                pending.await();
                if (k + 1 < segments) {
                    int next = (k + 1) % SLOTS;
                    if (slotSends[next] != null) {
                        slotSends[next].await();
                        slotSends[next] = null;
                    }
                    pending = call.irecv(slots, next * segment, Blocks.segmentLength(count, segment, k + 1), up, step);
                }
                Blocks.combine(op, type, own, ownOffset + k * segment, slots, slot, n);
                if (pos == 0) {
                    System.arraycopy(slots, slot, recv, recvOffset + k * segment, n);
                } else {
                    slotSends[k % SLOTS] = call.isend(slots, slot, n, down, step);
                }
            }
            Request.awaitAll(slotSends);
        } finally {
            pool.release(slots);
        }
    }
}
