package dev.jmpi.transport;

import java.util.concurrent.TimeUnit;

/**
 * Notices when a rank's waits look like two ranks stacked on one CPU, and then has the waiter
 * yield between polls for a while.
 *
 * <p>Unbound ranks on one machine (one rank per container, {@code --bind-to none}, a launcher
 * that does not bind) can be stacked by the kernel: a socket wake-up puts the woken rank on the
 * CPU of the rank that woke it, which then spins out its budget while the woken one waits
 * runnable beside it. Each wait then ends the same way: the spin budget runs out, the waiter
 * blocks, and its message arrives at once, because the rank that sends it could run only once
 * the waiter stopped spinning (8 B ping-pong ~225 µs one way instead of ~13 µs, for whole
 * runs, found with {@code perf sched timehist}). Unstacked, a message that arrives just after a
 * block is rare, and twice in a row rarer still. After {@link #QUICK_WAKES_TO_YIELD} such
 * waits in a row the waiter yields between polls ({@code sched_yield}: the stacked rank runs at
 * once) for {@link #YIELD_FOR_NANOS}, then spins plainly again; if it is still stacked, two
 * waits bring the yields back. A yield costs ~1.5 µs per message when nothing else wants the
 * CPU, so it is not the default.
 *
 * <p>One per event loop; used by its owner only (ownership passes with a happens-before).
 */
final class StackedWaiterDetector {

    /** A wake this soon after the waiter blocked counts as "the message was held up by our spin". */
    static final long QUICK_WAKE_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /** Quick wakes in a row that switch yielding on. */
    static final int QUICK_WAKES_TO_YIELD = 2;
    /** How long yielding stays on once switched on. */
    static final long YIELD_FOR_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private int quickWakes;
    private boolean yieldingOn;
    private long yieldUntil;

    /** Records a wait that ended after it blocked at {@code blockedAt}, done at {@code now}. */
    void waitEndedAfterBlocking(long blockedAt, long now) {
        if (now - blockedAt <= QUICK_WAKE_NANOS) {
            if (++quickWakes >= QUICK_WAKES_TO_YIELD) {
                quickWakes = 0;
                yieldingOn = true;
                yieldUntil = now + YIELD_FOR_NANOS;
            }
        } else {
            quickWakes = 0;
        }
    }

    /** Records a wait that ended while the waiter still spun. */
    void waitEndedSpinning() {
        quickWakes = 0;
    }

    /** Whether a spinning waiter should yield between polls at {@code now}. */
    boolean yielding(long now) {
        if (yieldingOn && now - yieldUntil >= 0) {
            yieldingOn = false;
        }
        return yieldingOn;
    }
}
