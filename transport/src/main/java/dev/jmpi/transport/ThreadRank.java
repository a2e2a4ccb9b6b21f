package dev.jmpi.transport;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The identity of a rank that runs as threads of a shared JVM ({@code jmpirun --threads}):
 * its rank, the job's size, its in-JVM transport and its default operation timeout.
 *
 * <p>Process environment variables are process-wide, so they cannot tell two ranks in one
 * JVM apart. Instead each rank's classes (the program's and jmpi core's) are loaded by a
 * class loader of its own, and the launcher publishes the rank's handle here, keyed by that
 * loader. This class lives in the transport, which every rank shares through the common
 * parent loader, so the core of a rank finds its handle with
 * {@code ThreadRank.of(Bootstrap.class.getClassLoader())}, from whatever thread the program
 * calls {@code Jmpi.init} on.
 *
 * <p>The core attaches its world's hooks ({@link #attach}) so the launcher can tell the
 * world that its program failed, break it when another rank failed (waking every thread
 * blocked in jmpi), and close it at the end of the job, without naming any core type.
 * Thread-safe.
 */
public final class ThreadRank {

    private static final Map<ClassLoader, ThreadRank> BY_LOADER = new ConcurrentHashMap<>();

    private final int rank;
    private final int size;
    private final Transport transport;
    private final Duration opTimeout;
    private volatile @Nullable Hooks hooks;
    private volatile int failureOrigin = -1;

    /**
     * What the launcher can ask of a rank's world.
     *
     * @param programFailed the rank's program threw this (the world tells its peers)
     * @param breakWorld    another rank failed: fail every pending and future operation with this reason
     * @param close         the job is over: release the transport
     * @param pending       one line per operation the rank is blocked in (for the timeout report)
     */
    public record Hooks(
            Consumer<Throwable> programFailed,
            Consumer<String> breakWorld,
            Runnable close,
            Supplier<List<String>> pending) {}

    /**
     * A rank's handle.
     *
     * @param opTimeout default timeout of every operation, {@link Duration#ZERO} for none
     */
    public ThreadRank(int rank, int size, Transport transport, Duration opTimeout) {
        if (rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank=" + rank + " (expected: 0 <= rank < size=" + size + ")");
        }
        this.rank = rank;
        this.size = size;
        this.transport = Objects.requireNonNull(transport, "transport");
        this.opTimeout = Objects.requireNonNull(opTimeout, "opTimeout");
    }

    /** Publishes {@code handle} for the classes {@code loader} defines. */
    public static void publish(ClassLoader loader, ThreadRank handle) {
        BY_LOADER.put(Objects.requireNonNull(loader, "loader"), handle);
    }

    /** Forgets the handle of {@code loader} (the job is over). */
    public static void withdraw(ClassLoader loader) {
        BY_LOADER.remove(loader);
    }

    /** The handle published for {@code loader}, or null when the rank is not a thread rank. */
    public static @Nullable ThreadRank of(ClassLoader loader) {
        return loader == null ? null : BY_LOADER.get(loader);
    }

    /** This rank. */
    public int rank() {
        return rank;
    }

    /** Number of ranks in the job. */
    public int size() {
        return size;
    }

    /** The rank's transport. */
    public Transport transport() {
        return transport;
    }

    /** Default timeout of every operation, {@link Duration#ZERO} for none. */
    public Duration opTimeout() {
        return opTimeout;
    }

    /** Called by the core once the rank's world exists. */
    public void attach(Hooks worldHooks) {
        this.hooks = Objects.requireNonNull(worldHooks, "worldHooks");
    }

    /**
     * Called by the core when this rank fails: {@code originRank} is the rank whose failure
     * started it (this rank's own for its own exception). The first report stays.
     */
    public void reportFailure(int originRank) {
        synchronized (this) {
            if (failureOrigin < 0) {
                failureOrigin = originRank;
            }
        }
    }

    /** The rank whose failure made this rank fail, or -1 if it has not reported one. */
    public int failureOrigin() {
        return failureOrigin;
    }

    /** The world's hooks, or null when the rank has not called {@code Jmpi.init} (yet). */
    public @Nullable Hooks hooks() {
        return hooks;
    }
}
