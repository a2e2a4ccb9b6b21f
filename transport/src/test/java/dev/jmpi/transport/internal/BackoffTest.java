package dev.jmpi.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link Backoff} with a hand-driven clock. */
class BackoffTest {

    private final AtomicLong clock = new AtomicLong(0);

    private Backoff until(long deadlineMs) {
        return Backoff.untilDeadline(20, 1_000, TimeUnit.MILLISECONDS.toNanos(deadlineMs), clock::get);
    }

    @Test
    void delaysDoubleUpToTheMaximum() {
        Backoff b = until(60_000);
        long[] expected = {20, 40, 80, 160, 320, 640, 1_000, 1_000};
        for (long e : expected) {
            assertEquals(e, b.nextDelayMs());
        }
        assertEquals(expected.length, b.attempts());
    }

    @Test
    void connectingDelaysRunFrom20MsTo1s() {
        Backoff b = Backoff.connecting(TimeUnit.MILLISECONDS.toNanos(60_000), clock::get);
        long[] expected = {20, 40, 80, 160, 320, 640, 1_000, 1_000};
        for (long e : expected) {
            assertEquals(e, b.nextDelayMs());
        }
    }

    @Test
    void noDelayRunsPastTheDeadline() {
        Backoff b = until(100);
        assertEquals(20, b.nextDelayMs());
        clock.set(TimeUnit.MILLISECONDS.toNanos(60));
        assertEquals(-1, b.nextDelayMs(), "60 ms + 40 ms reaches the 100 ms deadline");
        assertEquals(40, b.remainingMs());
        clock.set(TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(0, b.remainingMs());
    }

    @Test
    void invalidBoundsAreRefusedNamingThem() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Backoff.untilDeadline(0, 10, 0, clock::get));
        assertEquals("firstMs=0, maxMs=10 (expected: 1 <= firstMs <= maxMs)", e.getMessage());
    }
}
