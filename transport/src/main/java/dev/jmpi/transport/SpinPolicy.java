package dev.jmpi.transport;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a waiting thread polls before it blocks. Polling wins over blocking on these machines:
 * a thread that blocks in {@code epoll_wait} and is woken costs tens of microseconds on a
 * virtual machine, more than a small message's round trip.
 *
 * <ul>
 *   <li>Every rank on the host has a core to itself ({@code cores >= localRanks}): busy
 *       polling for {@link #DEFAULT_SPIN_MICROS}, then blocking.</li>
 *   <li>More ranks than cores (oversubscribed): busy polling would take the core that the
 *       rank being waited for needs, and blocking pays a wake-up at every step of a
 *       collective. So the waiter polls and yields its core between polls
 *       ({@link Thread#yield}, {@code sched_yield}) for {@link #DEFAULT_YIELD_SPIN_MICROS},
 *       as Open MPI does when oversubscribed ({@code mpi_yield_when_idle}): a rank on the
 *       same core that has work runs at once, and the waiter sees its message without a
 *       wake-up.</li>
 * </ul>
 *
 * Set with {@link TransportSettings#SPIN} and {@link TransportSettings#SPIN_YIELD}; resolved
 * into {@link MeshConfig#spinNanos()} and {@link MeshConfig#spinYields()}.
 */
public final class SpinPolicy {

    /** Default busy spin when every local rank has a core to itself. */
    public static final long DEFAULT_SPIN_MICROS = 200;
    /** Default polling with yields when the host has more ranks than cores. */
    public static final long DEFAULT_YIELD_SPIN_MICROS = 1000;

    private SpinPolicy() {}

    /**
     * The spin in nanoseconds: {@code configured} if set, else {@link #DEFAULT_SPIN_MICROS}
     * when {@code cores >= localRanks}, else {@link #DEFAULT_YIELD_SPIN_MICROS}.
     */
    public static long spinNanos(@Nullable Duration configured, long localRanks, int cores) {
        if (configured != null) {
            return Math.max(0, configured.toNanos());
        }
        return defaultSpinMicros(cores, localRanks) * 1000L;
    }

    /** Whether a spinning waiter yields between polls: {@code configured} if set, else {@code localRanks > cores}. */
    public static boolean yields(@Nullable Boolean configured, long localRanks, int cores) {
        if (configured != null) {
            return configured;
        }
        return oversubscribed(cores, localRanks);
    }

    /** {@link #DEFAULT_SPIN_MICROS} if {@code cores >= localRanks}, else {@link #DEFAULT_YIELD_SPIN_MICROS}. */
    static long defaultSpinMicros(int cores, long localRanks) {
        return oversubscribed(cores, localRanks) ? DEFAULT_YIELD_SPIN_MICROS : DEFAULT_SPIN_MICROS;
    }

    private static boolean oversubscribed(int cores, long localRanks) {
        return Math.max(1, localRanks) > cores;
    }
}
