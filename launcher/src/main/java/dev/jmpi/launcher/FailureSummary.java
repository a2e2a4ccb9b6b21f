package dev.jmpi.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * The report jmpirun prints when a job fails, and the status it exits with. It leads with
 * the rank that started the failure ({@link CauseFinder}), its host and the cause line (the
 * exception class and message, else how the rank ended), then that exception's lines (the
 * headline and each {@code Caused by:}), then the rank's last stderr lines.
 */
final class FailureSummary {

    /** The printed lines, jmpirun's exit status, and the rank named as the cause. */
    record Result(List<String> lines, int exitCode, int causeRank) {}

    private FailureSummary() {}

    /**
     * @param ranks         every rank, taken after the job was stopped
     * @param trigger       the rank whose exit ended the job
     * @param triggerStatus its exit status
     * @param tailLines     how many stderr lines to show
     */
    static Result of(List<RankOutcome> ranks, RankOutcome trigger, int triggerStatus, int tailLines) {
        RankOutcome cause = CauseFinder.find(ranks, trigger);
        List<String> out = new ArrayList<>();
        String exception = exceptionCause(cause);
        String ending = ending(cause);
        out.add("jmpirun: " + cause.name() + " failed first: " + (exception != null ? exception : ending));
        if (exception != null) {
            out.add("jmpirun: rank " + cause.rank() + " " + ending);
        }
        consequences(ranks, cause, out);
        if (cause.rank() != trigger.rank()) {
            out.add("jmpirun: (the job ended when " + trigger.name() + " " + trigger.ownExit() + ")");
        }
        List<String> exceptionLines = exceptionLines(cause);
        if (!exceptionLines.isEmpty()) {
            out.add("jmpirun: exception on rank " + cause.rank() + ":");
            for (String line : exceptionLines) {
                out.add("  | " + line);
            }
        }
        addTail(out, cause, tailLines, "");
        int exit = cause.exitedNonZero() ? cause.ownExitStatus() : triggerStatus != 0 ? triggerStatus : 1;
        return new Result(out, exit, cause.rank());
    }

    /** The cause line: the rank's own FAILED report, else the latest exception on its stderr. */
    static String exceptionCause(RankOutcome o) {
        if (o.originalFailure() && !o.failure().cause().isBlank()) {
            return o.failure().cause();
        }
        return o.exceptionLines().isEmpty()
                ? null
                : ExceptionLines.causeOf(o.exceptionLines().get(0));
    }

    private static List<String> exceptionLines(RankOutcome o) {
        if (o.originalFailure() && !o.failure().detail().isBlank()) {
            return List.of(o.failure().detail().split("\\R"));
        }
        return o.exceptionLines();
    }

    /** How the rank ended, in words. */
    static String ending(RankOutcome o) {
        return switch (o.verdict()) {
            case EXITED_WITHOUT_FINALIZING ->
                "exited with status 0 without finalizing (closing its world" + " communicator) while "
                        + plural(o.othersRunningAtExit(), "other rank") + " still ran";
            case EXITED_BEFORE_JOINING ->
                o.ownExit() + " before joining the job (it never registered with the"
                        + " rendezvous, so the other ranks could not start)";
            case NONE ->
                o.stopped()
                        ? "was stopped (state T in /proc/" + o.pid() + "/stat: SIGSTOP, or a debugger holds it), so"
                                + " its peers found it unresponsive"
                        : o.ownExit() != null
                                ? o.ownExit()
                                : "was still running when the job failed (hung or unreachable?)";
        };
    }

    private static void consequences(List<RankOutcome> ranks, RankOutcome cause, List<String> out) {
        List<RankOutcome> followers = ranks.stream()
                .filter(o -> o.rank() != cause.rank()
                        && o.failure() != null
                        && o.failure().originRank() == cause.rank())
                .toList();
        if (!followers.isEmpty()) {
            RankOutcome first = followers.get(0);
            out.add("jmpirun: " + plural(followers.size(), "other rank") + " failed because of rank " + cause.rank()
                    + " (rank " + first.rank() + ": " + first.failure().cause() + ")");
        }
    }

    /** Appends {@code rank}'s last stderr lines, indented by {@code indent}. */
    static void addTail(List<String> out, RankOutcome rank, int lines, String indent) {
        addTail(
                out,
                rank.rank(),
                rank.tail()
                        .subList(
                                Math.max(0, rank.tail().size() - lines),
                                rank.tail().size()),
                indent);
    }

    /**
     * Appends {@code tail}, the last stderr lines of {@code rank}, indented by {@code indent}: the
     * one format of failure and timeout reports, for processes and threads alike.
     */
    static void addTail(List<String> out, int rank, List<String> tail, String indent) {
        if (tail.isEmpty()) {
            out.add("jmpirun: " + indent + "(rank " + rank + " wrote nothing to stderr)");
            return;
        }
        out.add("jmpirun: " + indent + "last " + plural(tail.size(), "stderr line") + " of rank " + rank + ":");
        for (String line : tail) {
            out.add("  " + indent + "| " + line);
        }
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
