package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link StackedWaiterDetector}: when a waiter starts yielding between polls, and when it stops. */
class StackedWaiterDetectorTest {

    private static final long US = 1_000L;
    /** Close to where System.nanoTime() wraps, so the arithmetic must use differences. */
    private static final long T0 = Long.MAX_VALUE - 50_000 * US;

    @Test
    void twoWaitsInARowWhoseMessageCameRightAfterTheBlockTurnYieldingOnForAWhile() {
        StackedWaiterDetector d = new StackedWaiterDetector();
        assertFalse(d.yielding(T0));
        d.waitEndedAfterBlocking(T0, T0 + 10 * US);
        assertFalse(d.yielding(T0 + 11 * US), "one quick wake is chance");
        long second = T0 + 240 * US;
        d.waitEndedAfterBlocking(second - 8 * US, second);
        assertTrue(d.yielding(second + 1));
        assertTrue(d.yielding(second + StackedWaiterDetector.YIELD_FOR_NANOS - 1));
        assertFalse(d.yielding(second + StackedWaiterDetector.YIELD_FOR_NANOS), "yielding ends on its own");
        assertFalse(d.yielding(second + 2 * StackedWaiterDetector.YIELD_FOR_NANOS));
    }

    @Test
    void aSlowWakeOrAWaitThatEndedSpinningBreaksTheRun() {
        StackedWaiterDetector d = new StackedWaiterDetector();
        long t = T0;
        d.waitEndedAfterBlocking(t, t + 10 * US);
        d.waitEndedAfterBlocking(t + 100 * US, t + 100 * US + StackedWaiterDetector.QUICK_WAKE_NANOS + 1);
        d.waitEndedAfterBlocking(t + 900 * US, t + 910 * US);
        assertFalse(d.yielding(t + 911 * US), "a message that came well after the block is a peer that was busy");
        d.waitEndedSpinning();
        d.waitEndedAfterBlocking(t + 2000 * US, t + 2010 * US);
        assertFalse(d.yielding(t + 2011 * US), "a wait that ended while spinning is not stacked");
        d.waitEndedAfterBlocking(t + 3000 * US, t + 3010 * US);
        assertTrue(d.yielding(t + 3011 * US));
    }
}
