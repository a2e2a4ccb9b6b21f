package dev.jmpi.transport.internal;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Exponential backoff between retries, bounded by an overall deadline: delays double from
 * {@code firstMs} up to {@code maxMs}, and no delay runs past the deadline. Retrying
 * something that may only be late (a peer not listening yet, a handshake that timed out on a
 * loaded host) this way keeps the first retries quick and the later ones cheap.
 *
 * <pre>{@code
 * Backoff backoff = Backoff.untilDeadline(20, 1_000, deadlineNanos, System::nanoTime);
 * while (!tryOnce()) {
 *     long delayMs = backoff.nextDelayMs();
 *     if (delayMs < 0) {
 *         throw new TimeoutException("gave up after " + backoff.attempts() + " attempts");
 *     }
 *     sleep(delayMs);
 * }
 * }</pre>
 *
 * Not thread-safe: one retry loop owns an instance.
 */
public final class Backoff {

    /** First delay between connection attempts (to a peer rank or the rendezvous service). */
    public static final long CONNECT_FIRST_MS = 20;
    /** Longest delay between connection attempts. */
    public static final long CONNECT_MAX_MS = 1_000;

    private final long maxMs;
    private final long deadlineNanos;
    private final LongSupplier nanoClock;
    private long nextMs;
    private int attempts;

    private Backoff(long firstMs, long maxMs, long deadlineNanos, LongSupplier nanoClock) {
        if (firstMs < 1 || maxMs < firstMs) {
            throw new IllegalArgumentException(
                    "firstMs=" + firstMs + ", maxMs=" + maxMs + " (expected: 1 <= firstMs <= maxMs)");
        }
        this.nextMs = firstMs;
        this.maxMs = maxMs;
        this.deadlineNanos = deadlineNanos;
        this.nanoClock = nanoClock;
    }

    /**
     * Delays from {@code firstMs} doubling to {@code maxMs}, none running past
     * {@code deadlineNanos} of {@code nanoClock} ({@code System::nanoTime} outside tests).
     */
    public static Backoff untilDeadline(long firstMs, long maxMs, long deadlineNanos, LongSupplier nanoClock) {
        return new Backoff(firstMs, maxMs, deadlineNanos, nanoClock);
    }

    /**
     * The backoff of every retried connection (a peer rank, the rendezvous service): delays from
     * {@value #CONNECT_FIRST_MS} ms doubling to {@value #CONNECT_MAX_MS} ms, until {@code deadlineNanos}.
     */
    public static Backoff connecting(long deadlineNanos, LongSupplier nanoClock) {
        return new Backoff(CONNECT_FIRST_MS, CONNECT_MAX_MS, deadlineNanos, nanoClock);
    }

    /**
     * Counts a failed attempt and returns how long to wait before the next one, or -1 when
     * the wait would end at or after the deadline (give up: report the last error).
     */
    public long nextDelayMs() {
        attempts++;
        long delayMs = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        if (nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(delayMs) >= deadlineNanos) {
            return -1;
        }
        return delayMs;
    }

    /** Milliseconds left until the deadline (0 once it has passed). */
    public long remainingMs() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - nanoClock.getAsLong()));
    }

    /** Failed attempts counted so far. */
    public int attempts() {
        return attempts;
    }
}
