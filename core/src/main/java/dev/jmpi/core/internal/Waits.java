package dev.jmpi.core.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Spin-then-park waiting. A thread that parks and is woken costs tens of microseconds on a
 * virtual machine, far more than a small message's round trip, so a waiter first spins for
 * {@link #SPIN_NANOS} and only then parks (woken by {@link Completion#complete}).
 */
public final class Waits {

    /** System property: how long a waiting thread spins before it parks, in microseconds. */
    public static final String SPIN_MICROS_PROP = "jmpi.spinMicros";
    /**
     * Default spin when every local rank has two cores to itself (one for its user thread,
     * one for its I/O thread). With fewer cores spinning starves the I/O threads the waiter
     * depends on (measured in bench/: 113 µs one-way with a 50 µs spin against 53 µs without,
     * two ranks on two cores), so the default is then 0.
     */
    public static final long SPIN_MICROS_WITH_SPARE_CORES = 50;

    static final long SPIN_NANOS = Long.getLong(SPIN_MICROS_PROP,
        envLong("JMPI_SPIN_MICROS", defaultSpinMicros())) * 1000L;

    private Waits() {
    }

    /**
     * Waits until {@code done} is true or {@code deadlineNanos} (a {@link System#nanoTime}
     * value; {@link Long#MAX_VALUE} = never) passes. The thread must be registered with the
     * completion that will flip {@code done}, so it gets unparked.
     *
     * @return true if done, false on deadline
     */
    static boolean await(BooleanSupplier done, long deadlineNanos) {
        if (done.getAsBoolean()) {
            return true;
        }
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (System.nanoTime() < spinUntil) {
            if (done.getAsBoolean()) {
                return true;
            }
            Thread.onSpinWait();
        }
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now >= deadlineNanos) {
                return done.getAsBoolean();
            }
            // Park in slices so an interrupted or missed unpark costs at most one slice.
            LockSupport.parkNanos(Math.min(deadlineNanos - now, 50_000_000L));
        }
        return true;
    }

    static long deadline(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return Long.MAX_VALUE;
        }
        long d = System.nanoTime() + timeoutNanos;
        return d < 0 ? Long.MAX_VALUE : d;
    }

    /** {@link #SPIN_MICROS_WITH_SPARE_CORES} if cores >= 2 x ranks on this host (JMPI_LOCAL_SIZE), else 0. */
    static long defaultSpinMicros() {
        long localRanks = Math.max(1, envLong("JMPI_LOCAL_SIZE", 1));
        return Runtime.getRuntime().availableProcessors() >= 2 * localRanks ? SPIN_MICROS_WITH_SPARE_CORES : 0;
    }

    private static long envLong(String name, long dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : Long.parseLong(v.trim());
    }
}
