package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Schedule;

/**
 * Ring allreduce, for large messages with a predefined op: the buffer is split into
 * {@code P} blocks of whole operands; a {@link RingReduceScatter} leaves block {@code r}
 * fully reduced at rank {@code r}, and a {@link RingAllgather} passes every reduced block
 * around the ring. {@code 2 (P - 1)} rounds; each rank sends and receives
 * {@code 2 (P-1)/P * S}, the bandwidth optimum (recursive doubling sends {@code S log2 P}).
 *
 * <p>Bitwise-identical results: each block is reduced exactly once, at one rank, in the order
 * {@code a(j+1) op ... op a(j)} (see {@link RingReduceScatter}), and the allgather only
 * copies those bits, so every rank ends with the same bits; the floating-point order depends
 * on P and on the block an element falls in, not on which rank reads the result. Chosen only
 * for predefined ops (all commutative), so no user op ever sees a partial buffer; and only
 * when every block has at least one operand ({@code count >= P * unit}).
 *
 * <p>Memory: the reduction runs in the receive buffer; one pooled scratch array of S, which
 * receives each block at the block's own index so combines vectorize (one block would do,
 * but combines at two different offsets run 2x slower; when the receive offset is larger
 * than the count, a compact one-block scratch is used instead).
 * Uses steps {@code step .. step + 2P - 3} (one per round).
 */
final class RingAllreduce {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "ring";

    private RingAllreduce() {}

    /** {@code own} may be {@code recv} itself (in place). */
    static void schedule(
            Schedule s,
            ArrayPool pool,
            Op op,
            Datatype type,
            Object own,
            int ownOffset,
            Object recv,
            int recvOffset,
            int count,
            int step) {
        s.algorithm(NAME);
        s.local(() -> Blocks.copy(own, ownOffset, recv, recvOffset, count));
        int p = s.size();
        if (p == 1 || count == 0) {
            s.round();
            return;
        }
        int[][] blocks = Blocks.split(count, p, op.elementsPerOperand());
        boolean aligned = Blocks.alignedBase(recvOffset, count) == recvOffset;
        Object scratch = Scratch.acquire(s, pool, type, aligned ? recvOffset + count : blocks[0][0]);
        RingReduceScatter.schedule(s, op, type, recv, recvOffset, blocks[0], blocks[1], scratch, aligned, step);
        RingAllgather.schedule(s, recv, recvOffset, blocks[0], blocks[1], step + p - 1);
    }
}
