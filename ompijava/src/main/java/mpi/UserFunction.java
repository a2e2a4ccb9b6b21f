package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A user-defined reduction (MPI_User_function). Override one of the two {@code call}
 * methods: the array form receives {@code count} items' elements as a primitive array of the
 * datatype's base type; the buffer form receives them in direct byte buffers of native order.
 */
public abstract class UserFunction {

    /**
     * Combines {@code inVec} into {@code inOutVec}, element by element.
     *
     * @param inVec    the incoming operand's elements
     * @param inOutVec the accumulator, updated in place
     * @param count    number of items of {@code datatype}
     * @param datatype the items' datatype
     */
    public void call(Object inVec, Object inOutVec, int count, Datatype datatype) throws MPIException {
        throw new UnsupportedOperationException(
                "UserFunction " + getClass().getName()
                        + " overrides neither call(Object, Object, int, Datatype) nor call(ByteBuffer, ByteBuffer, int, Datatype)");
    }

    /**
     * Combines {@code in} into {@code inOut}. The default copies both into arrays of the base
     * type and calls {@link #call(Object, Object, int, Datatype)}.
     */
    public void call(ByteBuffer in, ByteBuffer inOut, int count, Datatype datatype) throws MPIException {
        int n = count * datatype.map.size();
        Object a = Memory.newArray(datatype.baseType, n);
        Object b = Memory.newArray(datatype.baseType, n);
        Bytes.toArray(in.duplicate().order(ByteOrder.nativeOrder()), a, 0, n);
        Bytes.toArray(inOut.duplicate().order(ByteOrder.nativeOrder()), b, 0, n);
        call(a, b, count, datatype);
        Bytes.fromArray(b, 0, n, inOut.duplicate().order(ByteOrder.nativeOrder()));
    }

    /** True if this class overrides the buffer form, which then takes precedence. */
    final boolean usesBuffers() {
        try {
            return getClass()
                            .getMethod("call", ByteBuffer.class, ByteBuffer.class, int.class, Datatype.class)
                            .getDeclaringClass()
                    != UserFunction.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
