package mpi;

/**
 * What a completed receive, probe or wait found. The public fields are as in mpiJava 1.2:
 * {@link #source} and {@link #tag} of the message, and {@link #index}, the position in the
 * request array for {@code Waitany}, {@code Testany}, {@code Waitsome} and {@code Testsome}.
 */
public class Status {

    /** Rank of the sender ({@link MPI#ANY_SOURCE} in an empty status). */
    public int source;
    /** Tag of the message ({@link MPI#ANY_TAG} in an empty status). */
    public int tag;
    /** Index of the completed request in the array passed to a multi-request call, else -1. */
    public int index = -1;
    /** Number of buffer elements received (the same as {@code Get_elements}). */
    public int count;

    private final boolean cancelled;
    /** True when the message is an {@link MPI#OBJECT} header probed but not yet received. */
    private final boolean objectHeader;

    Status(int source, int tag, int elements, boolean cancelled, boolean objectHeader) {
        this.source = source;
        this.tag = tag;
        this.count = elements;
        this.cancelled = cancelled;
        this.objectHeader = objectHeader;
    }

    /** The status of a null or inactive request, or of a PROC_NULL receive. */
    static Status empty() {
        return new Status(MPI.ANY_SOURCE, MPI.ANY_TAG, 0, false, false);
    }

    static Status procNull() {
        return new Status(MPI.PROC_NULL, MPI.ANY_TAG, 0, false, false);
    }

    Status withIndex(int i) {
        index = i;
        return this;
    }

    /**
     * Number of items of {@code datatype} received, or {@link MPI#UNDEFINED} if the elements
     * do not make whole items. After a probe of an {@link MPI#OBJECT} message, its number of
     * objects.
     */
    public int Get_count(Datatype datatype) throws MPIException {
        if (datatype.isObject() && objectHeader) {
            return Math.max(0, count - ObjectTransfer.HEADER_INTS);
        }
        int size = datatype.size();
        if (size == 0) {
            return count == 0 ? 0 : MPI.UNDEFINED;
        }
        return count % size == 0 ? count / size : MPI.UNDEFINED;
    }

    /** Number of basic elements received. */
    public int Get_elements(Datatype datatype) throws MPIException {
        if (datatype.isObject() && objectHeader) {
            return Math.max(0, count - ObjectTransfer.HEADER_INTS);
        }
        return count;
    }

    /** True if the request this status belongs to was cancelled. */
    public boolean Test_cancelled() throws MPIException {
        return cancelled;
    }

    @Override
    public String toString() {
        return "Status[source=" + source + ", tag=" + tag + ", count=" + count + (index >= 0 ? ", index=" + index : "")
                + (cancelled ? ", cancelled" : "") + "]";
    }
}
