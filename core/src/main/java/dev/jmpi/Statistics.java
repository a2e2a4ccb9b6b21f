package dev.jmpi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What this rank did inside jmpi since {@code init}, per operation: see
 * {@link Communicator#statistics()}. Recorded only when statistics are on ({@code jmpirun
 * --stats}, or {@code JMPI_STATS=1} / {@code -Djmpi.stats=true} for jobs started otherwise);
 * otherwise {@link #recording()} is false and the list is empty. A value: later calls do
 * not change it.
 *
 * <pre>
 * Statistics s = world.statistics();
 * s.operation("allreduce").ifPresent(o -&gt; System.out.println(o.calls() + " allreduces, p99 " + o.p99()));
 * </pre>
 *
 * @param rank world rank of this process
 * @param recording whether statistics were recorded
 * @param elapsed time since recording started
 * @param operations one entry per operation called at least once, by name
 */
public record Statistics(int rank, boolean recording, Duration elapsed, List<OperationStatistics> operations) {

    /**
     * Copies {@code operations}.
     *
     * @param rank world rank of this process
     * @param recording whether statistics were recorded
     * @param elapsed time since recording started
     * @param operations one entry per operation called at least once
     */
    public Statistics {
        operations = List.copyOf(operations);
    }

    /**
     * The totals of {@code name}, if it was called.
     *
     * @param name an operation name, as in {@link OperationStatistics#operation()}
     * @return its totals, or empty
     */
    public Optional<OperationStatistics> operation(String name) {
        return operations.stream().filter(o -> o.operation().equals(name)).findFirst();
    }
}
