package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A reduction operation: one of MPI's predefined ones ({@link MPI#SUM}, ..., {@link MPI#MINLOC})
 * or a user function.
 */
public final class Op implements Freeable {

    private final dev.jmpi.Op builtin;
    private final UserFunction function;
    private final boolean commute;
    private boolean freed;

    Op(dev.jmpi.Op builtin) {
        this.builtin = builtin;
        this.function = null;
        this.commute = true;
    }

    /** A user-defined operation; {@code commute} says whether operands may be combined in any order. */
    public Op(UserFunction function, boolean commute) throws MPIException {
        if (function == null) {
            throw Errors.arg("function=null (expected: a UserFunction)");
        }
        this.builtin = null;
        this.function = function;
        this.commute = commute;
    }

    /** True if the operation is commutative. */
    public boolean isCommutative() throws MPIException {
        return commute;
    }

    @Override
    public void free() throws MPIException {
        freed = true;
    }

    /** True once freed. */
    public boolean isNull() {
        return freed;
    }

    boolean isMinMaxLoc() {
        return builtin == dev.jmpi.Op.MINLOC || builtin == dev.jmpi.Op.MAXLOC;
    }

    String name() {
        return builtin != null
                ? builtin.name()
                : "user function " + function.getClass().getName();
    }

    /** The core operation that reduces items of {@code type}. */
    dev.jmpi.Op coreFor(Datatype type) throws MPIException {
        if (freed) {
            throw new MPIException(ErrorCodes.ERR_OP, "op " + name() + " was freed (expected: a usable op)", null);
        }
        if (builtin != null) {
            if (type.pairType != Datatype.NULL && !isMinMaxLoc()) {
                throw new MPIException(
                        ErrorCodes.ERR_OP,
                        "op " + builtin.name() + " cannot reduce pair type " + type
                                + " (expected: MPI.MINLOC or MPI.MAXLOC)",
                        null);
            }
            if (type.complex && builtin != dev.jmpi.Op.SUM) {
                throw new MPIException(
                        ErrorCodes.ERR_OP,
                        "op " + builtin.name() + " on complex type " + type
                                + " is not supported by jmpi (expected: MPI.SUM, which is element-wise)",
                        null);
            }
            if (isMinMaxLoc() && type.pairType == Datatype.NULL) {
                throw new MPIException(
                        ErrorCodes.ERR_OP,
                        "op " + builtin.name() + " cannot reduce " + type
                                + " (expected: a pair type: MPI.INT2, SHORT_INT, LONG_INT, FLOAT_INT or DOUBLE_INT)",
                        null);
            }
            return builtin;
        }
        UserFunction f = function;
        int size = Math.max(1, type.map.size());
        return dev.jmpi.Op.create(
                name(),
                (in, inOff, inout, ioOff, n, coreType) -> {
                    try {
                        apply(f, in, inOff, inout, ioOff, n, n / size, type);
                    } catch (MPIException e) {
                        throw new IllegalStateException(
                                "user reduction " + f.getClass().getName() + " failed: " + e.getMessage(), e);
                    }
                },
                commute);
    }

    private static void apply(
            UserFunction f, Object in, int inOff, Object inout, int ioOff, int n, int items, Datatype type)
            throws MPIException {
        if (f.usesBuffers()) {
            int bytes = n * Bytes.elementBytes(inout);
            ByteBuffer a = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            ByteBuffer b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            Bytes.fromArray(in, inOff, n, a.duplicate().order(ByteOrder.nativeOrder()));
            Bytes.fromArray(inout, ioOff, n, b.duplicate().order(ByteOrder.nativeOrder()));
            f.call(a, b, items, type);
            Bytes.toArray(b.duplicate().order(ByteOrder.nativeOrder()), inout, ioOff, n);
            return;
        }
        Object a = Memory.newArray(type.baseType, n);
        Object b = Memory.newArray(type.baseType, n);
        System.arraycopy(in, inOff, a, 0, n);
        System.arraycopy(inout, ioOff, b, 0, n);
        f.call(a, b, items, type);
        System.arraycopy(b, 0, inout, ioOff, n);
    }

    @Override
    public String toString() {
        return name();
    }
}
