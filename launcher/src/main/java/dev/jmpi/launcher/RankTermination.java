package dev.jmpi.launcher;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops ranks: SIGTERM (a launched rank then reports what it is blocked in), SIGKILL after the grace period. */
final class RankTermination {

    private RankTermination() {}

    /**
     * Stops {@code ranks} and waits for them to exit.
     *
     * @param grace    time between SIGTERM and SIGKILL
     * @param killWait how long to wait for the exit after SIGKILL
     */
    static void stop(List<RankProcess> ranks, Duration grace, Duration killWait, Log log) {
        if (ranks.isEmpty()) {
            return;
        }
        for (RankProcess rank : ranks) {
            rank.terminate();
        }
        if (awaitExit(ranks, grace)) {
            return;
        }
        for (RankProcess rank : ranks) {
            if (rank.alive()) {
                log.verbose(
                        1,
                        rank.describe() + " still running " + DurationConverter.format(grace)
                                + " after SIGTERM; sending SIGKILL");
                rank.kill();
            }
        }
        if (!awaitExit(ranks, killWait)) {
            for (RankProcess rank : ranks) {
                if (rank.alive()) {
                    log.warn(rank.describe() + " did not exit after SIGKILL");
                }
            }
        }
    }

    private static boolean awaitExit(List<RankProcess> ranks, Duration timeout) {
        CompletableFuture<?>[] exits = ranks.stream().map(RankProcess::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return ranks.stream().noneMatch(RankProcess::alive);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
