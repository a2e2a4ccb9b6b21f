package dev.jmpi;

import dev.jmpi.core.internal.Buffers;
import dev.jmpi.core.internal.OpAccess;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A reduction operation: the predefined MPI ops, or one of yours.
 *
 * <p>Which ops work on which types: SUM, PROD, MIN, MAX on every numeric type
 * (byte, short, int, long, float, double, char); LAND, LOR, LXOR on boolean and the
 * integer types (non-zero is true); BAND, BOR, BXOR on boolean, byte, short, int, long,
 * char; MINLOC, MAXLOC on int, long, float and double buffers holding interleaved
 * {@code (value, index)} pairs (count must be even). A call with an op that does not apply
 * to its type fails before anything is sent.
 *
 * <p>User ops: {@code Op.create("matmul", fn, false)}. A non-commutative op is applied in
 * rank order: the result is {@code a0 op a1 op ... op a(n-1)}. Collectives hand a user op
 * whole buffers ({@code count} elements at once), never a part of one, so an op may treat
 * groups of elements as one value (e.g. four ints as a 2x2 matrix).
 *
 * <pre>{@code
 * Op concat = Op.create("concat", (in, io, inout, ioo, count, type) -> { ... }, false);
 * comm.reduce(mine, result, concat, 0);
 * }</pre>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Op {

    static {
        OpAccess.install(Op::combine, Op::checkArguments);
    }

    /** Sum. */
    public static final Op SUM = builtin("SUM");
    /** Product. */
    public static final Op PROD = builtin("PROD");
    /** Minimum. */
    public static final Op MIN = builtin("MIN");
    /** Maximum. */
    public static final Op MAX = builtin("MAX");
    /** Logical and. */
    public static final Op LAND = builtin("LAND");
    /** Logical or. */
    public static final Op LOR = builtin("LOR");
    /** Logical exclusive or. */
    public static final Op LXOR = builtin("LXOR");
    /** Bitwise and. */
    public static final Op BAND = builtin("BAND");
    /** Bitwise or. */
    public static final Op BOR = builtin("BOR");
    /** Bitwise exclusive or. */
    public static final Op BXOR = builtin("BXOR");
    /** Minimum value and the smallest index holding it, on (value, index) pairs. */
    public static final Op MINLOC = builtin("MINLOC");
    /** Maximum value and the smallest index holding it, on (value, index) pairs. */
    public static final Op MAXLOC = builtin("MAXLOC");

    /**
     * The function behind a user-defined op: combine {@code count} elements of {@code in}
     * into {@code inout}, element by element: {@code inout[j] = in[i] op inout[j]}.
     * {@code in} holds the contribution of lower ranks than {@code inout}. Both arrays are
     * of the type {@code type} names.
     */
    @FunctionalInterface
    public interface UserFunction {
        /**
         * Combines {@code in} into {@code inout}.
         *
         * @param in the input operand: a primitive array
         * @param inOffset the index of the first element of {@code in}
         * @param inout the other operand, which receives the result: a primitive array of the same
         *     type
         * @param inoutOffset the index of the first element of {@code inout}
         * @param count the number of elements to combine
         * @param type the element type of both operands
         */
        void apply(Object in, int inOffset, Object inout, int inoutOffset, int count, Datatype type);
    }

    private final String name;
    private final boolean commutative;
    private final @Nullable UserFunction user;
    /** {@link OpKernels} kernel number, or {@link OpKernels#USER}. */
    private final int kernel;

    private Op(String name, boolean commutative, @Nullable UserFunction user, int kernel) {
        this.name = name;
        this.commutative = commutative;
        this.user = user;
        this.kernel = kernel;
    }

    private static Op builtin(String name) {
        return new Op(name, true, null, OpKernels.kernelOf(name));
    }

    /**
     * A user-defined op. {@code name} appears in error messages and in collective
     * signatures, so give ops that differ different names.
     *
     * @param name the name errors and mismatch reports use
     * @param fn combines two operands element by element
     * @param commutative whether operands may be combined in any order (else in rank order)
     * @return the new operation
     */
    public static Op create(String name, UserFunction fn, boolean commutative) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fn, "fn");
        return new Op(name, commutative, fn, OpKernels.USER);
    }

    /**
     * The op's name, e.g. {@code SUM}.
     *
     * @return the name of the operation
     */
    public String name() {
        return name;
    }

    /**
     * Whether operands may be combined in any order.
     *
     * @return whether operands may be combined in any order
     */
    public boolean isCommutative() {
        return commutative;
    }

    /**
     * True for the predefined ops.
     *
     * @return whether this is one of MPI's predefined operations
     */
    public boolean isBuiltin() {
        return user == null;
    }

    /**
     * Whether this op can reduce buffers of {@code type}. User ops accept every type.
     *
     * @param type an element type
     * @return whether this operation applies to elements of {@code type}
     */
    public boolean supports(Datatype type) {
        return user != null || OpKernels.supports(name, type);
    }

    /**
     * Combines locally (MPI_Reduce_local): {@code inout[j] = in[i] op inout[j]} for
     * {@code count} elements.
     *
     * @param in the input operand: a primitive array
     * @param inOffset the index of the first element of {@code in}
     * @param inout the other operand, which receives the result: a primitive array of the same type
     * @param inoutOffset the index of the first element of {@code inout}
     * @param count the number of elements to combine
     * @throws InvalidArgumentException if the arrays are not of one supported type or too short
     */
    public void reduceLocal(Object in, int inOffset, Object inout, int inoutOffset, int count) {
        Datatype type = Datatype.ofArray(inout);
        if (type == null) {
            throw new InvalidArgumentException("inout="
                    + (inout == null ? "null" : inout.getClass().getName()) + " (expected: a primitive array)");
        }
        if (Datatype.ofArray(in) != type) {
            throw new InvalidArgumentException("in="
                    + (in == null ? "null" : in.getClass().getSimpleName()) + " (expected: the same type as inout, "
                    + type.arrayClass().getSimpleName() + ")");
        }
        Buffers.checkRange(in, inOffset, count, "in");
        Buffers.checkRange(inout, inoutOffset, count, "inout");
        checkArguments(type, count);
        combine(in, inOffset, inout, inoutOffset, count, type);
    }

    /** Throws an {@link InvalidArgumentException} if this op cannot reduce {@code count} of {@code type}. */
    private void checkArguments(Datatype type, int count) {
        checkSupports(type);
        checkCount(count);
    }

    /** Throws an {@link InvalidArgumentException} if this op cannot reduce {@code type}. */
    private void checkSupports(Datatype type) {
        if (!supports(type)) {
            throw new InvalidArgumentException("op=" + name + " cannot reduce " + type + " (expected: a type " + name
                    + " supports: " + OpKernels.supportedTypes(name) + ")");
        }
    }

    /**
     * Throws an {@link InvalidArgumentException} if this op cannot reduce {@code count}
     * elements: MINLOC and MAXLOC need whole {@code (value, index)} pairs, so an even count.
     */
    private void checkCount(int count) {
        if (OpKernels.isPairwise(kernel) && count % 2 != 0) {
            throw new InvalidArgumentException("count=" + count + " (expected: an even count for op=" + name
                    + ", which reduces (value, index) pairs)");
        }
    }

    /**
     * Elements that form one operand: 2 for MINLOC and MAXLOC (a {@code (value, index)} pair),
     * else 1. Algorithms that split a buffer into blocks split on multiples of this.
     *
     * @return how many array elements make one operand
     */
    public int elementsPerOperand() {
        return OpKernels.isPairwise(kernel) ? 2 : 1;
    }

    /** Combines without argument checks; reached by the collective algorithms through {@link OpAccess}. */
    void combine(Object in, int inOffset, Object inout, int inoutOffset, int count, Datatype type) {
        if (user != null) {
            user.apply(in, inOffset, inout, inoutOffset, count, type);
        } else {
            OpKernels.apply(kernel, in, inOffset, inout, inoutOffset, count, type);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
