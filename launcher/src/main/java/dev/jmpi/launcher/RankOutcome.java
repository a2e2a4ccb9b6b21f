package dev.jmpi.launcher;

import java.util.List;

/**
 * One rank as the failure report sees it, taken once the job has been stopped.
 *
 * @param rank               world rank
 * @param name               {@code rank 3 (host h, pid p)}
 * @param registered         whether it registered with the rendezvous
 * @param finalized          whether it reported closing its world communicator
 * @param failure            its FAILED report, or null
 * @param ownExitStatus      its exit status if it exited before jmpirun began stopping the job, else null
 * @param ownExit            that status in words ({@code exited with status 1}), or null
 * @param exitSequence       1 for the first rank to exit, 2 for the next...; 0 if stopped by jmpirun or running
 * @param verdict            how the supervisor judged its exit
 * @param othersRunningAtExit how many other ranks were still running when it exited
 * @param stopped            whether its process was stopped ({@code /proc} state T) when the job failed
 * @param pid                its pid on its host, or -1
 * @param exceptionLines     the headline lines of the latest exception on its stderr
 * @param tail               its last stderr lines
 */
record RankOutcome(
        int rank,
        String name,
        boolean registered,
        boolean finalized,
        RankState.Failure failure,
        Integer ownExitStatus,
        String ownExit,
        long exitSequence,
        RankState.Verdict verdict,
        int othersRunningAtExit,
        boolean stopped,
        long pid,
        List<String> exceptionLines,
        List<String> tail) {

    /** Whether it failed by itself: a FAILED report naming itself as the origin. */
    boolean originalFailure() {
        return failure != null && failure.originRank() == rank;
    }

    /** Whether it exited non-zero before jmpirun stopped the job. */
    boolean exitedNonZero() {
        return ownExitStatus != null && ownExitStatus != 0;
    }
}
