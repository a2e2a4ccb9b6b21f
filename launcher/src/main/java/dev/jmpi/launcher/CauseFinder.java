package dev.jmpi.launcher;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides which rank started a failed job, from what every rank reported and how it ended,
 * rather than from which rank happened to exit first. In order:
 * <ol>
 *   <li>an original failure: a FAILED report whose origin is the reporter itself (the
 *       earliest, if several); a failure because of another rank is only a consequence;</li>
 *   <li>a rank that exited 0 without finalizing while others still ran;</li>
 *   <li>a rank that exited before joining (never registered) while others waited;</li>
 *   <li>a stopped process (SIGSTOP or a debugger), which its peers declare dead;</li>
 *   <li>the origin most named by the consequential FAILED reports;</li>
 *   <li>the first rank to exit non-zero by itself;</li>
 *   <li>the rank whose exit ended the job.</li>
 * </ol>
 */
final class CauseFinder {

    private CauseFinder() {}

    /** The rank that started the failure; {@code trigger} is the rank whose exit ended the job. */
    static RankOutcome find(List<RankOutcome> ranks, RankOutcome trigger) {
        return first(ranks, RankOutcome::originalFailure, o -> o.failure().sequence())
                .or(() -> first(
                        ranks,
                        o -> o.verdict() == RankState.Verdict.EXITED_WITHOUT_FINALIZING,
                        RankOutcome::exitSequence))
                .or(() -> first(
                        ranks, o -> o.verdict() == RankState.Verdict.EXITED_BEFORE_JOINING, RankOutcome::exitSequence))
                .or(() -> first(ranks, RankOutcome::stopped, RankOutcome::rank))
                .or(() -> mostNamedOrigin(ranks))
                .or(() -> first(ranks, RankOutcome::exitedNonZero, RankOutcome::exitSequence))
                .orElse(trigger);
    }

    private static Optional<RankOutcome> first(
            List<RankOutcome> ranks,
            Predicate<RankOutcome> which,
            java.util.function.ToLongFunction<RankOutcome> order) {
        return ranks.stream().filter(which).min(Comparator.comparingLong(order));
    }

    private static Optional<RankOutcome> mostNamedOrigin(List<RankOutcome> ranks) {
        Map<Integer, Integer> votes = new HashMap<>();
        for (RankOutcome o : ranks) {
            if (o.failure() != null && o.failure().originRank() != o.rank()) {
                votes.merge(o.failure().originRank(), 1, Integer::sum);
            }
        }
        return votes.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .flatMap(e -> ranks.stream().filter(o -> o.rank() == e.getKey()).findFirst());
    }
}
