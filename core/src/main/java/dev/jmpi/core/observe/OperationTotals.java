package dev.jmpi.core.observe;

import dev.jmpi.OperationStatistics;
import java.time.Duration;

/**
 * One operation's running totals on one rank (calls, bytes, time, a histogram of times).
 * Updated by whichever thread completes a call, so every method locks this object; the lock
 * is uncontended unless several threads complete the same operation at once. Public only
 * because {@link RankObservation} holds it.
 */
public final class OperationTotals {

    final String operation;
    private long calls;
    private long bytes;
    private long totalNanos;
    private long maxNanos;
    private final Histogram histogram;

    OperationTotals(String operation) {
        this(operation, 0, 0, 0, 0, new Histogram());
    }

    OperationTotals(String operation, long calls, long bytes, long totalNanos, long maxNanos, Histogram h) {
        this.operation = operation;
        this.calls = calls;
        this.bytes = bytes;
        this.totalNanos = totalNanos;
        this.maxNanos = maxNanos;
        this.histogram = h;
    }

    synchronized void add(long callBytes, long nanos) {
        calls++;
        bytes += callBytes;
        totalNanos += nanos;
        if (nanos > maxNanos) {
            maxNanos = nanos;
        }
        histogram.add(nanos);
    }

    synchronized void addAll(OperationTotals o) {
        calls += o.calls;
        bytes += o.bytes;
        totalNanos += o.totalNanos;
        maxNanos = Math.max(maxNanos, o.maxNanos);
        histogram.addAll(o.histogram);
    }

    synchronized OperationTotals copy() {
        return new OperationTotals(operation, calls, bytes, totalNanos, maxNanos, new Histogram(histogram.counts()));
    }

    synchronized long calls() {
        return calls;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized long totalNanos() {
        return totalNanos;
    }

    synchronized long maxNanos() {
        return maxNanos;
    }

    synchronized long[] histogramCounts() {
        return histogram.counts();
    }

    /** The p50/p99 come from the histogram, capped at the exact maximum. */
    synchronized OperationStatistics toStatistics() {
        return new OperationStatistics(operation, calls, bytes, Duration.ofNanos(totalNanos),
            Duration.ofNanos(Math.min(maxNanos, histogram.quantile(0.50))),
            Duration.ofNanos(Math.min(maxNanos, histogram.quantile(0.99))), Duration.ofNanos(maxNanos));
    }
}
