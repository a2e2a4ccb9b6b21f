package dev.jmpi;

import org.jspecify.annotations.Nullable;

/**
 * A persistent request ({@code MPI_Send_init}, {@code MPI_Recv_init}): the arguments of a
 * send or receive fixed once, then {@link #start() started} any number of times. Each start
 * begins one operation; the {@link Request} methods then refer to it, and once it completes
 * the request may be started again. Before the first start the request is inactive: it tests
 * complete and its status is {@link Status#empty()}.
 *
 * <pre>{@code
 * PersistentRequest send = comm.sendInit(halo, 0, n, right, 0);
 * PersistentRequest recv = comm.recvInit(ghost, 0, n, left, 0);
 * for (int step = 0; step < steps; step++) {
 *     PersistentRequest.startAll(recv, send);
 *     Request.awaitAll(recv, send);
 *     compute(ghost);
 * }
 * }</pre>
 *
 * <p>The buffer is read (sends) or written (receives) during each operation, so it may change
 * between operations but not during one. Safe to use from any thread, but one thread should
 * own its start/await cycle.
 */
public interface PersistentRequest extends Request {

    /**
     * Begins one operation with the fixed arguments.
     *
     * @throws IllegalStateException if the operation started last has not completed yet
     */
    void start();

    /**
     * Whether an operation has been started and has not completed yet.
     *
     * @return whether an operation is in flight
     */
    boolean isActive();

    /**
     * Starts every request, in order ({@code MPI_Startall}); {@code null} entries are skipped.
     *
     * @param requests the requests to start; {@code null} entries are skipped
     * @throws IllegalStateException if one of them is still active (those before it are started)
     */
    static void startAll(@Nullable PersistentRequest... requests) {
        for (PersistentRequest r : requests) {
            if (r != null) {
                r.start();
            }
        }
    }
}
