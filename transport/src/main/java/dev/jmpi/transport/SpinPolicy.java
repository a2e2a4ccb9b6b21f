package dev.jmpi.transport;

/**
 * How long a waiting thread spins before it blocks. Spinning wins when every rank on the host
 * has a core to itself: a thread that blocks and is woken costs tens of microseconds on a
 * virtual machine, more than a small message's round trip. With fewer cores than ranks a
 * spinner only steals the core the rank it waits for needs, so the default is then 0.
 */
public final class SpinPolicy {

    /** System property: how long a waiting thread spins before it blocks, in microseconds. */
    public static final String SPIN_MICROS_PROP = "jmpi.spinMicros";
    /** Environment variable with the same meaning; the property wins. */
    public static final String SPIN_MICROS_ENV = "JMPI_SPIN_MICROS";
    /** Default spin when every local rank has a core to itself. */
    public static final long DEFAULT_SPIN_MICROS = 200;

    private SpinPolicy() {
    }

    /** The configured spin in nanoseconds. */
    public static long spinNanos() {
        String prop = System.getProperty(SPIN_MICROS_PROP);
        String env = System.getenv(SPIN_MICROS_ENV);
        String v = prop != null ? prop : env;
        long micros = v == null || v.isBlank() ? defaultSpinMicros(Runtime.getRuntime().availableProcessors(), localRanks())
                : Long.parseLong(v.trim());
        return Math.max(0, micros) * 1000L;
    }

    /** {@link #DEFAULT_SPIN_MICROS} if {@code cores >= localRanks}, else 0. */
    static long defaultSpinMicros(int cores, long localRanks) {
        return cores >= Math.max(1, localRanks) ? DEFAULT_SPIN_MICROS : 0;
    }

    /** Ranks on this host, from {@code JMPI_LOCAL_SIZE} (set by jmpirun), else 1. */
    private static long localRanks() {
        String v = System.getenv("JMPI_LOCAL_SIZE");
        return v == null || v.isBlank() ? 1 : Long.parseLong(v.trim());
    }
}
