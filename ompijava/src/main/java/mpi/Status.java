package mpi;

/**
 * What a receive, probe or completed request found: source, tag, how many elements arrived,
 * whether it was cancelled, and (for the wait/test-any and -some calls) the request's index.
 */
public final class Status implements Cloneable {

    private int source;
    private int tag;
    private int elements;
    private int error;
    private int index;
    private boolean cancelled;

    Status(int source, int tag, int elements, boolean cancelled) {
        this.source = source;
        this.tag = tag;
        this.elements = elements;
        this.cancelled = cancelled;
        this.index = MPI.UNDEFINED;
    }

    /** The empty status MPI returns for an inactive request or a PROC_NULL peer. */
    static Status empty() {
        return new Status(MPI.ANY_SOURCE, MPI.ANY_TAG, 0, false);
    }

    static Status of(dev.jmpi.Status core, int source) {
        return new Status(source, core.tag(), core.count(), core.isCancelled());
    }

    Status withIndex(int i) {
        this.index = i;
        return this;
    }

    /** Number of items of {@code datatype} received, or {@code MPI.UNDEFINED} if not a whole number. */
    public int getCount(Datatype datatype) throws MPIException {
        int size = datatype.map.size();
        if (size == 0) {
            return elements == 0 ? 0 : MPI.UNDEFINED;
        }
        return elements % size == 0 ? elements / size : MPI.UNDEFINED;
    }

    /** Number of basic elements received (buffer elements of the datatype's base type). */
    public int getElements(Datatype datatype) throws MPIException {
        return elements;
    }

    /** Sets the number of elements this status reports. */
    public void setElements(Datatype datatype, int count) throws MPIException {
        this.elements = count * Math.max(1, datatype.map.size());
    }

    /** Sets whether this status reports a cancelled operation. */
    public void setCancelled(boolean flag) throws MPIException {
        this.cancelled = flag;
    }

    /** True if the operation was cancelled. */
    public boolean isCancelled() throws MPIException {
        return cancelled;
    }

    /** Rank of the sender. */
    public int getSource() throws MPIException {
        return source;
    }

    /** Tag of the message. */
    public int getTag() throws MPIException {
        return tag;
    }

    /** Error class of the operation ({@code MPI.SUCCESS}). */
    public int getError() throws MPIException {
        return error;
    }

    /** Index of the completed request in the array given to a wait/test-any or -some call. */
    public int getIndex() {
        return index;
    }

    @Override
    public Status clone() {
        Status s = new Status(source, tag, elements, cancelled);
        s.index = index;
        s.error = error;
        return s;
    }

    @Override
    public String toString() {
        return "Status[source=" + source + ", tag=" + tag + ", elements=" + elements + (cancelled ? ", cancelled" : "")
                + (index == MPI.UNDEFINED ? "" : ", index=" + index) + "]";
    }
}
