package dev.jmpi;

/**
 * What a completed receive (or probe) found: who sent it, with which tag, and how many
 * elements. Immutable.
 */
public final class Status {

    private final int source;
    private final int tag;
    private final int count;
    private final Datatype datatype;
    private final boolean cancelled;

    /**
     * Creates a status; {@code datatype} may be {@code null} for object messages.
     *
     * @param source the rank the message came from
     * @param tag the message's tag
     * @param count the number of elements received
     * @param datatype the element type
     * @param cancelled whether the operation was cancelled
     */
    public Status(int source, int tag, int count, Datatype datatype, boolean cancelled) {
        this.source = source;
        this.tag = tag;
        this.count = count;
        this.datatype = datatype;
        this.cancelled = cancelled;
    }

    /**
     * The status of an operation with {@link Communicator#PROC_NULL}: no data, no source.
     *
     * @return the status of an operation with {@link Communicator#PROC_NULL}
     */
    public static Status procNull() {
        return new Status(Communicator.PROC_NULL, Communicator.ANY_TAG, 0, null, false);
    }

    /**
     * Rank of the sender in the communicator the receive was posted on.
     *
     * @return the rank the message came from
     */
    public int source() {
        return source;
    }

    /**
     * Tag the sender used.
     *
     * @return the tag of the message
     */
    public int tag() {
        return tag;
    }

    /**
     * Number of elements received (bytes, for {@link Datatype#BYTE} and objects).
     *
     * @return the number of elements received
     */
    public int count() {
        return count;
    }

    /**
     * The datatype the sender sent, or {@code null} for an object message.
     *
     * @return the element type of the message
     */
    public Datatype datatype() {
        return datatype;
    }

    /**
     * True if the operation was cancelled rather than completed.
     *
     * @return whether the operation was cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public String toString() {
        return "Status[source=" + source + ", tag=" + tag + ", count=" + count
            + (datatype == null ? "" : ", datatype=" + datatype)
            + (cancelled ? ", cancelled" : "") + "]";
    }
}
