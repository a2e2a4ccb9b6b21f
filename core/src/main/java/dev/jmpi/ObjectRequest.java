package dev.jmpi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A receive of one object in flight ({@link Communicator#irecvObject}): a {@link Request}
 * whose result also holds the decoded object.
 *
 * <pre>{@code
 * ObjectRequest<Map<String, Integer>> r = comm.irecvObject(0, 5);
 * ... compute ...
 * Map<String, Integer> counts = r.get();
 * }</pre>
 *
 * @param <T> the type of the object expected (not checked before it arrives: a value of
 *     another type fails with {@link ClassCastException} where it is used)
 */
public interface ObjectRequest<T extends @Nullable Object> extends Request {

    /**
     * Blocks until the object has arrived, as {@link #await()} does, and returns it.
     *
     * @return the object received; {@code null} if {@code null} was sent or the source was
     *     {@link Communicator#PROC_NULL}
     */
    T get();

    /**
     * Blocks at most {@code timeout} for the object.
     *
     * @param timeout how long to wait at most
     * @return the object received; {@code null} if {@code null} was sent or the source was
     *     {@link Communicator#PROC_NULL}
     * @throws JmpiTimeoutException if it has not arrived by then (the receive goes on)
     */
    T get(Duration timeout);

    /**
     * A future completed with the object, or exceptionally with the failure, by the thread
     * that receives it (usually one driving the I/O): dependent stages run there and should
     * not block. Its {@code get} and {@code join} drive the I/O until the object arrives.
     *
     * @return a future of the object received
     */
    CompletableFuture<T> valueFuture();
}
