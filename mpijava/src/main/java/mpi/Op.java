package mpi;

/**
 * A reduction operation: one of the predefined ({@link MPI#SUM}, ..., {@link MPI#MAXLOC}) or
 * one built from a {@link User_function}. MINLOC and MAXLOC work on the pair types
 * ({@link MPI#INT2}, {@link MPI#DOUBLE2}, ...) holding (value, index) pairs.
 */
public class Op {

    private final dev.jmpi.Op builtin;
    private final User_function function;
    private final boolean commute;
    private volatile boolean freed;

    Op(dev.jmpi.Op builtin) {
        this.builtin = builtin;
        this.function = null;
        this.commute = true;
    }

    /**
     * A user-defined operation. A non-commutative one is applied in rank order:
     * {@code x0 op x1 op ... op x(n-1)}.
     */
    public Op(User_function function, boolean commute) throws MPIException {
        if (function == null) {
            throw Errors.error("new Op: function=null (expected: a User_function)");
        }
        this.builtin = null;
        this.function = function;
        this.commute = commute;
    }

    /** Whether the operation is commutative. */
    public boolean Is_commute() throws MPIException {
        return commute;
    }

    /** Frees a user-defined operation. */
    public void Free() throws MPIException {
        if (builtin != null) {
            throw Errors.error("Op.Free: " + this + " is predefined (expected: a user-defined Op)");
        }
        freed = true;
    }

    boolean isPairwise() {
        return builtin == dev.jmpi.Op.MINLOC || builtin == dev.jmpi.Op.MAXLOC;
    }

    User_function function() {
        return function;
    }

    /** The core op for reducing buffers of {@code type} (elements packed, no gaps). */
    dev.jmpi.Op coreOp(Datatype type) {
        if (freed) {
            throw new IllegalStateException("the Op was freed (expected: a live Op)");
        }
        if (builtin != null) {
            return builtin;
        }
        Datatype seen = type.dense() ? type : Datatype.contiguousOf(type.base, type.size());
        int per = Math.max(1, type.size());
        User_function fn = function;
        return dev.jmpi.Op.create(
                opName(type),
                (in, inOffset, inout, inoutOffset, count, coreType) ->
                        fn.Call(in, inOffset, inout, inoutOffset, count / per, seen),
                commute);
    }

    /** A name every rank computes alike, so collective signatures agree across ranks. */
    private String opName(Datatype type) {
        return "mpi.User_function:" + function.getClass().getName() + ":" + type.size()
                + (commute ? "" : ":noncommutative");
    }

    @Override
    public String toString() {
        return builtin != null
                ? "MPI." + builtin.name()
                : "Op[" + function.getClass().getName() + "]";
    }
}
