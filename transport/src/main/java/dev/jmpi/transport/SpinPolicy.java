package dev.jmpi.transport;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a waiting thread polls before it blocks. Polling wins over blocking on these machines:
 * a thread that blocks in {@code epoll_wait} and is woken costs tens of microseconds on a
 * virtual machine, more than a small message's round trip, and up to ~200 µs on some.
 *
 * <ul>
 *   <li>The rank is bound to its own share of the host's CPUs (its affinity mask holds fewer
 *       CPUs than the host has, {@code pinnedCpus < hostCores}, which is how jmpirun's binding
 *       leaves ranks that fit; {@link AllowedCpus}): busy polling for {@link #DEFAULT_BOUND_SPIN_MICROS}, then blocking.
 *       No other rank can be put on its CPUs, so spinning delays nobody, and a wait of a large
 *       message (a MiB takes hundreds of microseconds) still ends without a wake-up: blocking
 *       after 200 µs put a wake-up into most waits of a 1-16 MiB ping-pong, and at every point
 *       where the sender's socket buffer filled.</li>
 *   <li>Every rank on the host has a core, but nothing keeps them apart (no binding: a
 *       container, another launcher, ranks as threads): busy polling for
 *       {@link #DEFAULT_SPIN_MICROS}, then blocking. The kernel may stack two such ranks on
 *       one CPU (a socket wake-up runs the woken thread on its waker's CPU), and then each
 *       spins its whole budget while the other waits to run, so the budget stays short.</li>
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

    /** Default busy spin of a rank bound to its own CPUs. Open MPI and MPICH poll without limit. */
    public static final long DEFAULT_BOUND_SPIN_MICROS = 10_000;
    /** Default busy spin when every local rank has a core but the ranks are not bound apart. */
    public static final long DEFAULT_SPIN_MICROS = 200;
    /** Default polling with yields when the host has more ranks than cores. */
    public static final long DEFAULT_YIELD_SPIN_MICROS = 1000;

    private SpinPolicy() {}

    /**
     * The spin in nanoseconds: {@code configured} if set, else {@link #DEFAULT_YIELD_SPIN_MICROS}
     * when {@code localRanks > hostCores}, {@link #DEFAULT_BOUND_SPIN_MICROS} when this process
     * is pinned to a share of the host's CPUs ({@code pinnedCpus < hostCores}), and
     * {@link #DEFAULT_SPIN_MICROS} otherwise.
     *
     * @param hostCores CPUs the host gives its ranks
     * @param pinnedCpus CPUs in this process's affinity mask ({@link AllowedCpus})
     */
    public static long spinNanos(@Nullable Duration configured, long localRanks, int hostCores, int pinnedCpus) {
        if (configured != null) {
            return Math.max(0, configured.toNanos());
        }
        return defaultSpinMicros(localRanks, hostCores, pinnedCpus) * 1000L;
    }

    /** Whether a spinning waiter yields between polls: {@code configured} if set, else {@code localRanks > cores}. */
    public static boolean yields(@Nullable Boolean configured, long localRanks, int cores) {
        if (configured != null) {
            return configured;
        }
        return oversubscribed(cores, localRanks);
    }

    static long defaultSpinMicros(long localRanks, int hostCores, int pinnedCpus) {
        if (oversubscribed(hostCores, localRanks)) {
            return DEFAULT_YIELD_SPIN_MICROS;
        }
        return pinnedCpus < hostCores ? DEFAULT_BOUND_SPIN_MICROS : DEFAULT_SPIN_MICROS;
    }

    private static boolean oversubscribed(int cores, long localRanks) {
        return Math.max(1, localRanks) > cores;
    }
}
