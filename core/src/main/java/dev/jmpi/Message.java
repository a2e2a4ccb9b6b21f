package dev.jmpi;

/**
 * A message matched by {@link Communicator#mprobe} or {@link Communicator#improbe} (MPI's
 * matched probe, {@code MPI_Mprobe}): it has left the matching queue, so no other receive or
 * probe, on any thread, can take it. Receive it exactly once with {@link Communicator#mrecv},
 * {@link Communicator#imrecv} or {@link Communicator#mrecvObject} on the communicator that
 * matched it; until then it holds its data (and the sender's credit).
 *
 * <pre>{@code
 * Message m = comm.mprobe(Communicator.ANY_SOURCE, 7);
 * int[] buf = new int[m.status().count()];
 * comm.mrecv(buf, 0, buf.length, m);
 * }</pre>
 *
 * <p>Only jmpi makes messages; a {@code Message} from elsewhere is rejected.
 */
public interface Message {

    /**
     * The matched message's source, tag, element type and count: what a receive of it will
     * report. For a probe of {@link Communicator#PROC_NULL}, {@link Status#procNull()}.
     *
     * @return the status of the matched message
     */
    Status status();

    /**
     * Whether it has been received already ({@code mrecv} and its kind take it once).
     *
     * @return whether it has been received
     */
    boolean isReceived();
}
