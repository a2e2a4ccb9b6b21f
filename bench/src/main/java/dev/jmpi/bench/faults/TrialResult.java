package dev.jmpi.bench.faults;

/**
 * The outcome of one trial.
 *
 * @param hung          jmpirun (for {@link FaultKind#LAUNCHER}: some rank) was still running
 *                      at the deadline
 * @param faultToEndMs  from the fault to jmpirun's exit (for LAUNCHER: to the last rank's exit)
 * @param causeNamed    jmpirun's summary named the broken rank first (LAUNCHER: every rank
 *                      said it lost its launcher)
 * @param leftBehind    rank processes still alive 10 s after the end
 * @param exitCode      jmpirun's exit status (-1 for LAUNCHER)
 * @param detail        what to read when a check failed
 */
public record TrialResult(
        FaultKind kind,
        int victim,
        boolean hung,
        long faultToEndMs,
        boolean causeNamed,
        int leftBehind,
        int exitCode,
        String detail) {

    /** True when nothing hung, nothing was left behind, a failure was reported and its cause named. */
    public boolean ok() {
        return !hung && leftBehind == 0 && causeNamed && (kind == FaultKind.LAUNCHER || exitCode != 0);
    }
}
