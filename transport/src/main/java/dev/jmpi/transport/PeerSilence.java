package dev.jmpi.transport;

/**
 * How long a peer has been silent <em>while this rank was running</em>. A rank that is itself
 * paused (a multi-second GC safepoint, a SIGSTOP, a starved VM) reads nothing meanwhile, so the
 * wall-clock silence of its peers grows through no fault of theirs; judging them on it blames a
 * healthy peer for our own stall.
 *
 * <p>The stall is measured on the local clock by the ticks of the liveness check itself: they
 * are scheduled every {@code tickNs}, and the event loop that runs them is the one that reads
 * the peer's bytes. A tick that comes later than {@code tickNs} after the previous one means
 * the loop did not run for the excess, and that excess, where it falls after the last byte
 * heard, is discounted from the peer's silence. A stall too short to be noticed between two
 * ticks costs at most one tick of precision; overcounting (a loop merely late) only delays a
 * verdict, it never causes a false one. On a rank that is not itself stalling, the running
 * silence is the wall-clock silence, so a frozen peer is still named within the timeout.
 *
 * <p>Times are nanoseconds from one monotonic clock. Not thread-safe: owned by the channel's
 * event loop, like the {@link PeerLivenessHandler} that holds it.
 */
final class PeerSilence {

    private final long tickNs;
    private long lastTickNs;
    private long lastHeardNs;
    private long stalledNs;

    PeerSilence(long tickNs, long nowNs) {
        this.tickNs = tickNs;
        this.lastTickNs = nowNs;
        this.lastHeardNs = nowNs;
    }

    /** The peer sent something: its silence starts over, and so does our stall inside it. */
    void heard(long nowNs) {
        lastHeardNs = nowNs;
        stalledNs = 0;
    }

    /** One liveness tick: accounts for our own lateness and returns {@link #runningSilenceNs}. */
    long tick(long nowNs) {
        long dueNs = lastTickNs + tickNs;
        long stallFromNs = Math.max(dueNs, lastHeardNs);
        if (nowNs > stallFromNs) {
            stalledNs += nowNs - stallFromNs;
        }
        lastTickNs = nowNs;
        return runningSilenceNs(nowNs);
    }

    /**
     * How late the next tick is already: a stall still going on (or just ended, before the
     * tick that would measure it), whatever was heard meanwhile.
     */
    long overdueNs(long nowNs) {
        return Math.max(0, nowNs - lastTickNs - tickNs);
    }

    /** Wall-clock time since the peer was last heard. */
    long silenceNs(long nowNs) {
        return nowNs - lastHeardNs;
    }

    /** The part of the current silence during which this rank itself was stalled. */
    long stalledNs() {
        return stalledNs;
    }

    /** The peer's silence minus our own stall within it: what the peer can be blamed for. */
    long runningSilenceNs(long nowNs) {
        return Math.max(0, silenceNs(nowNs) - stalledNs);
    }
}
