package dev.jmpi.transport;

import java.util.function.BooleanSupplier;

/**
 * How a thread waits for the transport: the waiting thread itself moves the bytes when it
 * can, so a message is read, matched and handed over on the thread that wants it instead of
 * crossing threads (each crossing costs a wake-up of tens of microseconds on a virtual
 * machine). Whatever completes a wait must call {@link #wake} for the waiting thread.
 *
 * <p>Threads: any thread. A wait must not be started from inside an
 * {@link InboundHandler} callback.
 */
public interface Progress {

    /**
     * Waits until {@code done} is true or {@link System#nanoTime} passes {@code deadlineNanos}
     * ({@link Long#MAX_VALUE}: never), making progress on the way.
     *
     * @return true if done, false on deadline
     * @throws IllegalStateException if called from a transport callback
     */
    boolean await(BooleanSupplier done, long deadlineNanos);

    /** Wakes {@code waiter} if it is in {@link #await}; to be called after making its condition true. */
    void wake(Thread waiter);

    /** One round of progress without blocking, if the calling thread can take it; for polling (test, iprobe). */
    void poll();

    /**
     * An operation that needs the transport's I/O to complete was started (a posted receive,
     * a send waiting for clear-to-send, a collective schedule). A transport with a background
     * driver drives its I/O only while some are outstanding; each call is matched by one
     * {@link #outstandingRemoved}. Cheap: no wake-up on the caller's path in steady state.
     */
    default void outstandingAdded() {}

    /** An operation counted by {@link #outstandingAdded} has completed. */
    default void outstandingRemoved() {}
}
