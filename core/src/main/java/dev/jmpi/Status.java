package dev.jmpi;

import org.jspecify.annotations.Nullable;

/**
 * What a completed receive (or probe) found: who sent it, with which tag, and how many
 * elements.
 *
 * @param source the rank of the sender in the communicator the receive was posted on;
 *     {@link Communicator#PROC_NULL} for an operation with the null rank, and
 *     {@link Communicator#ANY_SOURCE} for a cancelled receive or an inactive persistent request
 * @param tag the tag the sender used; {@link Communicator#ANY_TAG} where {@code source} is
 *     not a rank
 * @param count the number of elements received (bytes, for {@link Datatype#BYTE} and objects)
 * @param datatype the element type the sender sent; {@code null} when no message was
 *     received ({@link #procNull()}, an inactive persistent request)
 * @param cancelled whether the operation was cancelled rather than completed
 */
public record Status(
        int source, int tag, int count, @Nullable Datatype datatype, boolean cancelled) {

    /**
     * The status of an operation with {@link Communicator#PROC_NULL}: no data, no source.
     *
     * @return the status of an operation with {@link Communicator#PROC_NULL}
     */
    public static Status procNull() {
        return new Status(Communicator.PROC_NULL, Communicator.ANY_TAG, 0, null, false);
    }

    /**
     * MPI's empty status: what an inactive persistent request reports (no source, no tag, no
     * data).
     *
     * @return the empty status
     */
    public static Status empty() {
        return new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, 0, null, false);
    }

    /**
     * True if the operation was cancelled rather than completed; the same as
     * {@link #cancelled()}, under MPI's name ({@code MPI_Test_cancelled}).
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
