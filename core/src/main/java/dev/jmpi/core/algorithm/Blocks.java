package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.OpAccess;

/**
 * Small helpers the algorithms share: local copies, combining with an op, and splitting a
 * buffer into per-rank blocks or pipeline segments. Stateless.
 */
final class Blocks {

    private Blocks() {}

    /** Copies {@code count} elements; a copy onto itself is skipped. */
    static void copy(Object src, int srcOffset, Object dst, int dstOffset, int count) {
        if (count > 0 && (src != dst || srcOffset != dstOffset)) {
            System.arraycopy(src, srcOffset, dst, dstOffset, count);
        }
    }

    /**
     * {@code higher[h..] = lower[l..] op higher[h..]}: {@code lower} holds the contribution of
     * lower ranks (in the algorithm's combination order), {@code higher} of the ranks after
     * them, and the result lands in {@code higher}. This is the only direction the algorithms
     * combine in, so a non-commutative op always sees its operands in rank order and every
     * floating-point sum is formed the same way on every rank.
     */
    static void combine(
            Op op, Datatype type, Object lower, int lowerOffset, Object higher, int higherOffset, int count) {
        OpAccess.combine(op, lower, lowerOffset, higher, higherOffset, count, type);
    }

    /**
     * Splits {@code count} elements into {@code parts} blocks of whole operands
     * ({@code unit} elements each): the first {@code (count / unit) % parts} blocks get one
     * operand more than the rest. Returns {@code {counts, displacements}}.
     */
    static int[][] split(int count, int parts, int unit) {
        int operands = count / unit;
        int base = operands / parts;
        int extra = operands % parts;
        int[] counts = new int[parts];
        int[] displs = new int[parts];
        int at = 0;
        for (int i = 0; i < parts; i++) {
            counts[i] = (base + (i < extra ? 1 : 0)) * unit;
            displs[i] = at;
            at += counts[i];
        }
        return new int[][] {counts, displs};
    }

    /**
     * Where a scratch array should hold data that will be combined with a buffer at
     * {@code offset}: at the same offset, so the kernel runs its vectorized one-offset loop
     * (see {@code OpKernels}); unless that would more than double the scratch array, then at 0.
     */
    static int alignedBase(int offset, int count) {
        return offset <= count ? offset : 0;
    }

    /** Elements per pipeline segment: {@code segmentBytes} rounded down to whole operands, at least one operand. */
    static int segmentElements(int segmentBytes, Datatype type, int unit) {
        int elements = segmentBytes / type.sizeBytes();
        return Math.max(unit, elements - elements % unit);
    }

    /** Number of segments of {@code segment} elements that cover {@code count}. */
    static int segments(int count, int segment) {
        return (int) (((long) count + segment - 1) / segment);
    }

    /** Elements in segment {@code k}: {@code segment}, except for a shorter last one. */
    static int segmentLength(int count, int segment, int k) {
        return (int) Math.min(segment, (long) count - (long) k * segment);
    }

    /** Steps a pipeline gives its segments before reusing them (see {@link #segmentStep}). */
    static final int SEGMENT_STEPS = 1 << 14;

    /**
     * The step of pipeline segment {@code k}: {@code step + k}, wrapping after
     * {@link #SEGMENT_STEPS} segments. Only messages posted by the caller's thread while a
     * schedule starts can be overtaken by later ones from the I/O thread, and those are the
     * first few segments, so segments {@value #SEGMENT_STEPS} apart never meet.
     */
    static int segmentStep(int step, int k) {
        return step + k % SEGMENT_STEPS;
    }

    /** The sum of {@code counts}, checked against int overflow by the caller's validation. */
    static int sum(int[] counts) {
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        return (int) total;
    }

    /** {@code {count, count, ...}} and {@code {0, count, 2 count, ...}} for {@code parts} blocks. */
    static int[][] uniform(int count, int parts) {
        int[] counts = new int[parts];
        int[] displs = new int[parts];
        for (int i = 0; i < parts; i++) {
            counts[i] = count;
            displs[i] = i * count;
        }
        return new int[][] {counts, displs};
    }
}
