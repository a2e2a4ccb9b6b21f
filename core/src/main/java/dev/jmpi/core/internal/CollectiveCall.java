package dev.jmpi.core.internal;

import dev.jmpi.Datatype;
import dev.jmpi.Request;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The channel of one collective call to the other ranks of its communicator. Messages
 * travel on the communicator's collective context with tags private to this call, so they
 * never meet user traffic or another collective call's traffic; {@code step} (0..65503: the
 * top 32 are the strict checks' confirmation round, see {@link CollectiveChannel})
 * distinguishes the messages of one call between the same two ranks. Algorithms give every
 * message between the same two ranks its own step: a schedule's sends leave from more than
 * one thread (the caller's, then the I/O thread's), so two messages with the same step
 * could overtake each other. Every message carries the
 * call's signature; a receive that meets another signature fails with a
 * {@link dev.jmpi.CollectiveMismatchException} naming both ranks and both calls.
 *
 * <p>An algorithm does not send or wait itself: it builds a {@link Schedule}, and
 * {@link #start} runs it (the request's {@code await} makes it blocking). Buffers are
 * primitive arrays, as in the public API. Ranks are ranks of the communicator. Internal.
 */
public interface CollectiveCall {

    /** Largest step + 1 (the low 16 bits of a collective tag). */
    int MAX_STEPS = 1 << 16;

    /** Caller's rank. */
    int rank();

    /** Ranks in the communicator. */
    int size();

    /** Non-blocking send; the buffer may be reused once the request completes. */
    Request isend(Object buf, int offset, int count, int dest, int step);

    /** Non-blocking receive of at most {@code count} elements. */
    default Request irecv(Object buf, int offset, int count, int source, int step) {
        return irecv(buf, offset, count, source, step, null);
    }

    /**
     * Non-blocking receive of at most {@code count} elements that, while a message too large
     * to travel in one frame lands piece by piece, tells {@code landed} how many of its
     * elements are in {@code buf} so far (counted from {@code offset}, growing), so that work
     * on them can overlap the transfer of the rest. Called on the thread that lands the piece,
     * before the request completes, zero or more times: a message that lands whole is not
     * reported, so the work must also run after completion for whatever was not reported.
     * An exception from {@code landed} fails the receive.
     */
    Request irecv(Object buf, int offset, int count, int source, int step, @Nullable IntConsumer landed);

    /** An empty schedule for this call. */
    default Schedule schedule() {
        return new Schedule(rank(), size());
    }

    /**
     * Starts {@code schedule} (its first round is posted before this returns); the request
     * completes after its last round with a status of {@code count} elements of {@code type}
     * ({@code null} for none), or fails with the first failure of any of its operations.
     */
    Request start(Schedule schedule, int count, @Nullable Datatype type);
}
