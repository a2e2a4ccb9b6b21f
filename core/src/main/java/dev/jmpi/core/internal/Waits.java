package dev.jmpi.core.internal;

/** Deadlines for waits, as {@link System#nanoTime} values. */
final class Waits {

    private Waits() {}

    /** The deadline {@code timeoutNanos} from now; {@link Long#MAX_VALUE} for 0 (no limit) or overflow. */
    static long deadline(long timeoutNanos) {
        if (timeoutNanos <= 0) {
            return Long.MAX_VALUE;
        }
        long d = System.nanoTime() + timeoutNanos;
        return d < 0 ? Long.MAX_VALUE : d;
    }
}
