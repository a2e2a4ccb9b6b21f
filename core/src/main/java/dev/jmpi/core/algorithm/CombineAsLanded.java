package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Schedule;
import java.util.function.IntConsumer;

/**
 * {@code higher = lower op higher} over a received buffer, combined piece by piece while a
 * large message lands ({@link Schedule#recv(Object, int, int, int, int, IntConsumer)}) rather
 * than in one pass after the last byte: the combine of one piece overlaps the transfer of the
 * next, which the kernel goes on receiving meanwhile. {@link #rest} then combines what was not
 * reported (all of an eager message). Element-wise, so the result is bit-identical to one
 * {@link Blocks#combine} over the whole buffer. Pieces are cut on whole operands
 * ({@link Op#elementsPerOperand}, the pairs of MINLOC and MAXLOC). A user op may treat any
 * group of elements as one value, so it gets the whole buffer in {@link #rest}, as before.
 *
 * <p>{@link #accept} runs on the thread that lands the pieces, before the receive completes;
 * {@link #rest} in a later round, after it completed, so it sees {@code done} as left.
 */
final class CombineAsLanded implements IntConsumer {

    private final Op op;
    private final Datatype type;
    private final Object lower;
    private final int lowerOffset;
    private final Object higher;
    private final int higherOffset;
    private final int count;
    /** Elements of the received buffer combined so far, from the start. */
    private int done;

    CombineAsLanded(Op op, Datatype type, Object lower, int lowerOffset, Object higher, int higherOffset, int count) {
        this.op = op;
        this.type = type;
        this.lower = lower;
        this.lowerOffset = lowerOffset;
        this.higher = higher;
        this.higherOffset = higherOffset;
        this.count = count;
    }

    /** {@code landed} elements of the receive are in place: combines the whole operands among them not yet combined. */
    @Override
    public void accept(int landed) {
        if (!op.isBuiltin()) {
            return;
        }
        int upTo = Math.min(landed, count);
        combineUpTo(upTo - upTo % op.elementsPerOperand());
    }

    /** Combines what the landings did not: the whole buffer when the message came in one frame. */
    void rest() {
        combineUpTo(count);
    }

    private void combineUpTo(int upTo) {
        if (upTo > done) {
            Blocks.combine(op, type, lower, lowerOffset + done, higher, higherOffset + done, upTo - done);
            done = upTo;
        }
    }
}
