package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a test body on {@code n} ranks at once, one {@link Communicator} per rank, and returns
 * each rank's result in rank order; the first failure is rethrown naming its rank. The
 * collective contract tests ({@link ReductionContract}, {@link DataMovementContract}, {@link CollectiveSemanticsContract}) are written against this, so they
 * run over the thread fake ({@link ThreadRanks}) and over real communicators alike.
 */
@FunctionalInterface
public interface RankRunner {

    /** Runs {@code body} on ranks {@code 0 .. n-1}; returns their results in rank order. */
    List<Object> run(int n, Function<Communicator, Object> body);
}
