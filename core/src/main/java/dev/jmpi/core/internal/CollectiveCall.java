package dev.jmpi.core.internal;

import dev.jmpi.Request;

/**
 * The channel of one collective call to the other ranks of its communicator. Messages
 * travel on the communicator's collective context with tags private to this call, so they
 * never meet user traffic or another collective call's traffic; {@code step} (0..1023)
 * distinguishes the messages of one call between the same two ranks where needed (messages
 * between two ranks with the same step arrive in the order sent). Every message carries the
 * call's signature; a receive that meets another signature fails with a
 * {@link dev.jmpi.CollectiveMismatchException} naming both ranks and both calls.
 *
 * <p>Buffers are primitive arrays (or ByteBuffers), as in the public API. Ranks are ranks
 * of the communicator. Internal.
 */
public interface CollectiveCall {

    /** Largest step + 1. */
    int MAX_STEPS = 1024;

    /** Caller's rank. */
    int rank();

    /** Ranks in the communicator. */
    int size();

    /** Blocking send (returns when the buffer may be reused). */
    void send(Object buf, int offset, int count, int dest, int step);

    /**
     * Blocking receive of at most {@code count} elements.
     *
     * @return elements received
     */
    int recv(Object buf, int offset, int count, int source, int step);

    /** Non-blocking send. */
    Request isend(Object buf, int offset, int count, int dest, int step);

    /** Non-blocking receive. */
    Request irecv(Object buf, int offset, int count, int source, int step);

    /** Sends to {@code dest} and receives from {@code source} at once. Returns elements received. */
    default int sendrecv(Object sendBuf, int sendOffset, int sendCount, int dest,
                         Object recvBuf, int recvOffset, int recvCount, int source, int step) {
        Request r = irecv(recvBuf, recvOffset, recvCount, source, step);
        send(sendBuf, sendOffset, sendCount, dest, step);
        return r.await().count();
    }
}
