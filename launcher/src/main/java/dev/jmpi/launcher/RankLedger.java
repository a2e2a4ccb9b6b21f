package dev.jmpi.launcher;

import dev.jmpi.proto.RankReport;
import dev.jmpi.transport.rendezvous.LifelineListener;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * The {@link RankState} of every rank, fed by the rendezvous: registrations and the reports
 * ranks send on their lifelines. Thread-safe (see {@link RankState}).
 */
final class RankLedger implements LifelineListener {

    private final RankState[] states;
    private final IntConsumer onRegistered;
    private final LaunchTimeline timeline;
    private final AtomicInteger registeredCount = new AtomicInteger();
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong exits = new AtomicLong();

    /**
     * @param onRegistered told each rank that registers (from a rendezvous thread)
     */
    RankLedger(int size, IntConsumer onRegistered) {
        this(size, onRegistered, LaunchTimeline.off());
    }

    /**
     * @param onRegistered told each rank that registers (from a rendezvous thread)
     * @param timeline     records registrations, lifelines' ends and the start-up and end marks ranks report
     */
    RankLedger(int size, IntConsumer onRegistered, LaunchTimeline timeline) {
        this.timeline = timeline;
        this.states = new RankState[size];
        for (int r = 0; r < size; r++) {
            states[r] = new RankState();
        }
        this.onRegistered = onRegistered;
    }

    RankState of(int rank) {
        return states[rank];
    }

    /** Whether any rank registered (so the job uses jmpi and ranks wait in the rendezvous). */
    boolean anyRegistered() {
        return registeredCount.get() > 0;
    }

    /** Whether every rank registered (the table went out). */
    boolean allRegistered() {
        return registeredCount.get() == states.length;
    }

    /** Records that {@code rank}'s process exited, in the order exits are seen. */
    void exited(int rank) {
        states[rank].exited(exits.incrementAndGet());
    }

    @Override
    public void registered(int rank, String hostname, long pid) {
        if (rank < 0 || rank >= states.length) {
            return;
        }
        timeline.rank(rank, LaunchTimeline.REGISTERED);
        if (!states[rank].isRegistered()) {
            states[rank].registered();
            registeredCount.incrementAndGet();
        }
        onRegistered.accept(rank);
    }

    @Override
    public void reported(int rank, RankReport report) {
        if (rank < 0 || rank >= states.length) {
            return;
        }
        switch (report.getState()) {
            case FINALIZED -> states[rank].finalized();
            case STARTED, TIMELINE -> timeline.rank(rank, report.getStartupList());
            case FAILED ->
                states[rank].failed(new RankState.Failure(
                        report.getOriginRank(), report.getCause(), report.getDetail(), reports.incrementAndGet()));
            default -> {
                // A state this jmpirun does not know (a newer rank); nothing to record.
            }
        }
    }

    @Override
    public void closed(int rank) {
        if (rank >= 0 && rank < states.length) {
            // Before the latch: the job waits on it for the rank's last reports, then prints the timeline.
            timeline.rank(rank, LaunchTimeline.LIFELINE_CLOSED);
            states[rank].lifelineClosed();
        }
    }
}
