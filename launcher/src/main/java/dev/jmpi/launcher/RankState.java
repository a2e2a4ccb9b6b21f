package dev.jmpi.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What jmpirun knows about one rank beyond its process: whether it registered with the
 * rendezvous, what it reported on its lifeline (finalized, or failed and because of whom),
 * when its process exited relative to the others, and how the supervisor judged that exit.
 * Written by the rendezvous' handler thread of the rank and by the supervisor; read by
 * the failure report. Fields are volatile; each is written by one thread.
 */
final class RankState {

    /** A FAILED report: the rank whose failure started it, the cause line, more lines. */
    record Failure(int originRank, String cause, String detail, long sequence) {}

    /** How the supervisor judged an exit with status 0 (or a failing exit) of this rank. */
    enum Verdict {
        /** Nothing special: the exit status speaks for itself. */
        NONE,
        /** Exited 0 after registering, without a FINALIZED report, while other ranks still ran. */
        EXITED_WITHOUT_FINALIZING,
        /** Exited without registering while other ranks waited in the rendezvous. */
        EXITED_BEFORE_JOINING,
    }

    private final CountDownLatch lifelineClosed = new CountDownLatch(1);
    private volatile boolean registered;
    private volatile boolean finalized;
    private volatile Failure failure;
    private volatile long exitSequence;
    private volatile Verdict verdict = Verdict.NONE;
    private volatile int othersRunningAtExit;

    void registered() {
        registered = true;
    }

    boolean isRegistered() {
        return registered;
    }

    void finalized() {
        finalized = true;
    }

    boolean isFinalized() {
        return finalized;
    }

    /** Keeps the first FAILED report: later ones are follow-ups of the same end. */
    void failed(Failure f) {
        if (failure == null) {
            failure = f;
        }
    }

    Failure failure() {
        return failure;
    }

    void lifelineClosed() {
        lifelineClosed.countDown();
    }

    /**
     * Waits until every report the rank sent has arrived (its lifeline ended), up to
     * {@code millis}; an exit is judged only after that, as a FINALIZED report sent just
     * before exiting may still be in flight when the exit is seen.
     */
    boolean awaitLifelineClosed(long millis) throws InterruptedException {
        return lifelineClosed.await(millis, TimeUnit.MILLISECONDS);
    }

    void exited(long sequence) {
        exitSequence = sequence;
    }

    /** 1 for the first rank process to exit, 2 for the next...; 0 while running. */
    long exitSequence() {
        return exitSequence;
    }

    void judged(Verdict v, int othersRunning) {
        verdict = v;
        othersRunningAtExit = othersRunning;
    }

    Verdict verdict() {
        return verdict;
    }

    int othersRunningAtExit() {
        return othersRunningAtExit;
    }
}
