package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Schedule;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Binomial-tree reduce toward the root, for small messages and for every user-defined op:
 * {@code ceil(log2 P)} rounds, each rank sends its partial result once, and the root
 * receives {@code ceil(log2 P)} whole buffers. Bytes on the wire: {@code (P - 1) * S} in all,
 * at most {@code S * log2 P} into any one rank.
 *
 * <h2>Steps</h2>
 * Ranks are numbered within the tree, {@code v = (rank - treeRoot) mod P}. Every rank starts
 * with its own contribution as its partial result {@code acc}. For
 * {@code m = 1, 2, 4, ...} while {@code m < P}:
 * <ul>
 * <li>if bit {@code m} of {@code v} is set, send {@code acc} to the parent {@code v - m} and
 *     stop;</li>
 * <li>else, if child {@code v + m < P} exists, receive its partial result {@code c} and set
 *     {@code acc = acc op c}.</li>
 * </ul>
 *
 * <h2>Invariants</h2>
 * Before round {@code m}, {@code acc} at a rank whose low bits below {@code m} are clear
 * holds the reduction of tree ranks {@code v .. min(v + m, P) - 1}, in that order; the child
 * {@code v + m} holds {@code v + m .. min(v + 2m, P) - 1}, the range right after it. So
 * {@code acc op c} covers {@code v .. min(v + 2m, P) - 1} with the operands still in order,
 * and the loop ends when {@code m} reaches P, where the root's range is all of {@code 0 .. P-1}.
 * The bound {@code v + m < P} just cuts off children that do not exist, which is all a
 * non-power-of-two P needs.
 *
 * <h2>Order</h2>
 * Because partial results only ever combine with the adjacent range on their right, the
 * result is {@code a0 op a1 op ... op a(P-1)} in tree order. For a commutative op the tree is
 * rooted at the root ({@code treeRoot = root}). For a non-commutative op tree order must be
 * rank order, so the tree is rooted at rank 0 and rank 0 sends the result to the root in one
 * extra message (step {@code step + 1}); the floating-point association is then fixed by P
 * alone, whatever the root.
 *
 * <h2>Memory</h2>
 * No copy of the own contribution is made: {@code acc} starts as the caller's buffer and is
 * only read. A child's data is received into a pooled scratch array {@code spare};
 * {@code spare = acc op spare} is computed there, and the two names swap, so each round costs
 * one receive and one combine, never a copy. For a predefined op the combine runs piece by
 * piece as a large message lands ({@link CombineAsLanded}), overlapping the transfer of the
 * rest. Scratch arrays hold their data at the caller's
 * offset ({@link Blocks#alignedBase}), so every combine has equal offsets and vectorizes.
 * Leaves (odd {@code v}) send straight from the caller's buffer. The root (unless in place,
 * or its receive offset differs from the scratch arrays' aligned one) receives its children's
 * data alternately into a scratch array and its receive buffer, arranged so that the last
 * child's lands in the receive buffer: the final combine then leaves the result there, with
 * no copy (the operands and their order are the same, so are the bits). Otherwise it copies
 * the result into its receive buffer once.
 * Uses steps {@code step} and {@code step + 1}.
 */
final class BinomialTreeReduce {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "binomial tree";

    private BinomialTreeReduce() {}

    /**
     * @param own  this rank's contribution ({@code recv} itself for an in-place root)
     * @param recv root only: where the result goes
     */
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
        int treeRoot = op.isCommutative() ? root : 0;
        int v = (rank - treeRoot + p) % p;
        Object acc = own;
        int accOffset = ownOffset;
        Object spare = null;
        int base = Blocks.alignedBase(ownOffset, count);
        // The root's last receive lands in its receive buffer, so the result needs no copy.
        boolean intoRecv = v == 0 && rank == root && recv != null && recv != own && recvOffset == base;
        int receivesLeft = 32 - Integer.numberOfLeadingZeros(p - 1); // at v = 0: one per m < P
        for (int m = 1; m < p; m <<= 1) {
            if ((v & m) != 0) {
                s.send(acc, accOffset, count, (v - m + treeRoot) % p, step).round();
                break;
            }
            if (v + m < p) {
                receivesLeft--;
                Object higher;
                if (intoRecv && receivesLeft % 2 == 0) {
                    higher = Objects.requireNonNull(recv, "the root's receive buffer");
                } else {
                    if (spare == null || spare == recv) {
                        spare = Scratch.acquire(s, pool, type, base + count);
                    }
                    higher = spare;
                }
                CombineAsLanded combine = new CombineAsLanded(op, type, acc, accOffset, higher, base, count);
                s.recv(higher, base, count, (v + m + treeRoot) % p, step, combine)
                        .round();
                s.local(combine::rest);
                spare = acc == own || acc == recv ? null : acc;
                acc = higher;
                accOffset = base;
            }
        }
        deliver(s, acc, accOffset, recv, recvOffset, count, root, v, treeRoot, step + 1);
    }

    /** Moves the tree root's result to the root's receive buffer. */
    private static void deliver(
            Schedule s,
            Object acc,
            int accOffset,
            @Nullable Object recv,
            int recvOffset,
            int count,
            int root,
            int v,
            int treeRoot,
            int step) {
        int rank = s.rank();
        if (v == 0 && rank == root) {
            Object result = Objects.requireNonNull(recv, "the root's receive buffer");
            if (acc != result) {
                s.local(() -> Blocks.copy(acc, accOffset, result, recvOffset, count));
            }
        } else if (v == 0) {
            s.send(acc, accOffset, count, root, step);
        } else if (rank == root && treeRoot != root) {
            s.recv(Objects.requireNonNull(recv, "the root's receive buffer"), recvOffset, count, treeRoot, step);
        }
        s.round();
    }
}
