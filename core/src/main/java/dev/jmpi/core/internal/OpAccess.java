package dev.jmpi.core.internal;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The collective algorithms' way to combine buffers with an {@link Op} without the argument
 * checks of {@link Op#reduceLocal}: the checks run once per call, in the collective's
 * argument validation ({@link #check}), not once per received block. {@link Op}'s static initializer installs
 * the implementation, so it is present whenever an {@code Op} exists. Internal: not part of
 * the API.
 */
public final class OpAccess {

    /** Combines {@code count} elements: {@code inout[j] = in[i] op inout[j]}. */
    @FunctionalInterface
    public interface Combiner {
        /** See {@link OpAccess}. */
        void combine(Op op, Object in, int inOffset, Object inout, int inoutOffset, int count, Datatype type);
    }

    /** Checks that an op can reduce {@code count} elements of {@code type}. */
    @FunctionalInterface
    public interface Checker {
        /** Throws {@link dev.jmpi.InvalidArgumentException} naming what was expected, if not. */
        void check(Op op, Datatype type, int count);
    }

    private static volatile @Nullable Combiner combiner;
    private static volatile @Nullable Checker checker;

    private OpAccess() {}

    /**
     * Installs the implementation; called once, by {@link Op}.
     *
     * @throws IllegalStateException if one is installed already
     */
    public static void install(Combiner implementation, Checker checks) {
        synchronized (OpAccess.class) {
            if (combiner != null) {
                throw new IllegalStateException("OpAccess combiner is installed already");
            }
            combiner = implementation;
            checker = checks;
        }
    }

    /**
     * The argument checks of a reduction: {@code op} supports {@code type}, and {@code count}
     * is whole operands (MINLOC and MAXLOC reduce pairs). Run once per collective call.
     */
    public static void check(Op op, Datatype type, int count) {
        Objects.requireNonNull(checker, "OpAccess checker (Op installs it)").check(op, type, count);
    }

    /**
     * {@code inout[inoutOffset + i] = in[inOffset + i] op inout[inoutOffset + i]} for
     * {@code i < count}. {@code in} holds the lower ranks' contribution. The caller has checked
     * that {@code op} supports {@code type} and that both ranges are inside their arrays.
     */
    public static void combine(
            Op op, Object in, int inOffset, Object inout, int inoutOffset, int count, Datatype type) {
        if (count > 0) {
            Objects.requireNonNull(combiner, "OpAccess combiner (Op installs it)")
                    .combine(op, in, inOffset, inout, inoutOffset, count, type);
        }
    }
}
