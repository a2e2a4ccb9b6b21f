package dev.jmpi.core.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Eager-send credit, both directions, per peer world rank. As a sender, {@code available[d]}
 * is what rank d still has room for from us: an eager message takes its cost from it, and
 * it grows back when d returns credit. As a receiver, {@code owed[s]} is the cost of rank
 * s's eager messages we have matched (or dropped) since we last told s; it rides on the
 * next frame we send s, or goes alone in a CREDIT frame once it reaches half the budget,
 * so a ping-pong never pays an extra frame and a one-way stream pays one per half budget.
 *
 * <p>Invariant: for each pair, the sender's {@code available} plus the cost of its eager
 * messages not yet matched plus what is owed or in flight back equals the budget, so the
 * receiver never holds more than the budget of unmatched eager data from one sender.
 *
 * <p>Threads: any; lock-free.
 */
final class Credits {

    private final long budgetBytes;
    private final long returnAtBytes;
    private final AtomicLongArray available;
    private final AtomicLongArray owed;

    Credits(int size, long budgetBytes) {
        this.budgetBytes = budgetBytes;
        this.returnAtBytes = Math.max(1, budgetBytes / 2);
        this.available = new AtomicLongArray(size);
        this.owed = new AtomicLongArray(size);
        for (int r = 0; r < size; r++) {
            available.set(r, budgetBytes);
        }
    }

    /** The budget each receiver grants each sender. */
    long budgetBytes() {
        return budgetBytes;
    }

    /** Takes {@code cost} of the credit for {@code dest}; false (and nothing taken) if short. */
    boolean tryTake(int dest, long cost) {
        while (true) {
            long now = available.get(dest);
            if (now < cost) {
                return false;
            }
            if (available.compareAndSet(dest, now, now - cost)) {
                return true;
            }
        }
    }

    /** Gives back {@code cost} taken for a message that was not sent after all. */
    void untake(int dest, long cost) {
        available.addAndGet(dest, cost);
    }

    /** {@code source} returned {@code bytes} of our credit. */
    void returned(int source, long bytes) {
        available.addAndGet(source, bytes);
    }

    /** Credit we may still spend on {@code dest}. */
    long available(int dest) {
        return available.get(dest);
    }

    /**
     * We matched or dropped an eager message of {@code cost} from {@code source}; returns the
     * credit to send back now in a frame of its own (0: keep owing, a later frame carries it).
     */
    long consumed(int source, long cost) {
        if (owed.addAndGet(source, cost) < returnAtBytes) {
            return 0;
        }
        return owed.getAndSet(source, 0);
    }

    /** All credit owed to {@code peer}, to piggyback on a frame being sent there. */
    long takeOwed(int peer) {
        return owed.get(peer) == 0 ? 0 : owed.getAndSet(peer, 0);
    }

    /** Puts back credit taken for a frame that could not be sent. */
    void reowe(int peer, long bytes) {
        if (bytes > 0) {
            owed.addAndGet(peer, bytes);
        }
    }
}
