package dev.jmpi.transport;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How long a waiting thread spins before it blocks. Spinning wins when every rank on the host
 * has a core to itself: a thread that blocks and is woken costs tens of microseconds on a
 * virtual machine, more than a small message's round trip. With fewer cores than ranks a
 * spinner only steals the core the rank it waits for needs, so the default is then 0. Set
 * with {@link TransportSettings#SPIN}; resolved into {@link MeshConfig#spinNanos()}.
 */
public final class SpinPolicy {

    /** Default spin when every local rank has a core to itself. */
    public static final long DEFAULT_SPIN_MICROS = 200;

    private SpinPolicy() {}

    /**
     * The spin in nanoseconds: {@code configured} if set, else {@link #DEFAULT_SPIN_MICROS}
     * when {@code cores >= localRanks}, else 0.
     */
    public static long spinNanos(@Nullable Duration configured, long localRanks, int cores) {
        if (configured != null) {
            return Math.max(0, configured.toNanos());
        }
        return defaultSpinMicros(cores, localRanks) * 1000L;
    }

    /** {@link #DEFAULT_SPIN_MICROS} if {@code cores >= localRanks}, else 0. */
    static long defaultSpinMicros(int cores, long localRanks) {
        return cores >= Math.max(1, localRanks) ? DEFAULT_SPIN_MICROS : 0;
    }
}
