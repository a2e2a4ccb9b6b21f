package dev.jmpi.transport;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a transport whose own threads move the bytes ({@link InJvmFabric}): spin for
 * the {@link SpinPolicy} budget, then park until {@link #wake}. Parks are sliced so a missed
 * wake-up costs at most one slice.
 */
final class ParkingProgress implements Progress {

    private static final long PARK_SLICE_NANOS = 50_000_000L;

    private final long spinNanos;

    ParkingProgress(long spinNanos) {
        this.spinNanos = spinNanos;
    }

    @Override
    public boolean await(BooleanSupplier done, long deadlineNanos) {
        if (done.getAsBoolean()) {
            return true;
        }
        long spinUntil = System.nanoTime() + spinNanos;
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
            LockSupport.parkNanos(Math.min(deadlineNanos - now, PARK_SLICE_NANOS));
        }
        return true;
    }

    @Override
    public void wake(Thread waiter) {
        if (waiter != Thread.currentThread()) {
            LockSupport.unpark(waiter);
        }
    }

    @Override
    public void poll() {}
}
