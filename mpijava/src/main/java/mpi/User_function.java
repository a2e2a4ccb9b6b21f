package mpi;

/**
 * The body of a user-defined reduction operation ({@code new Op(function, commute)}).
 * {@link #Call} combines {@code count} items of {@code invec} into {@code inoutvec}:
 * {@code inoutvec[i] = invec[i] op inoutvec[i]}, where {@code invec} holds the contribution
 * of lower ranks. Both arrays are of the datatype's base type; offsets are array indices.
 * For a datatype with gaps, the items arrive packed (no gaps) and {@code datatype} is an
 * equivalent contiguous type.
 */
public abstract class User_function {

    /** Creates the function. */
    public User_function() {}

    /** Combines {@code count} items of {@code invec} into {@code inoutvec}. */
    public abstract void Call(
            Object invec, int inoffset, Object inoutvec, int inoutoffset, int count, Datatype datatype)
            throws MPIException;
}
