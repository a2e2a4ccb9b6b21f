package dev.jmpi.core.observe;

import dev.jmpi.OperationStatistics;
import java.time.Duration;

/**
 * One operation's totals on one rank (calls, bytes, time, a histogram of times), for one
 * algorithm or, merged, for several (their names sorted and joined with ", "). Made from a
 * {@link Lane}'s arrays when observations are read, and merged by one thread at a time (the
 * report's); not shared while it changes. Public only because {@link RankObservation} holds it.
 */
public final class OperationTotals {

    final String operation;
    final String algorithm;
    private long calls;
    private long bytes;
    private long totalNanos;
    private long maxNanos;
    private final Histogram histogram;

    OperationTotals(String operation, String algorithm) {
        this(operation, algorithm, 0, 0, 0, 0, new Histogram());
    }

    OperationTotals(
            String operation, String algorithm, long calls, long bytes, long totalNanos, long maxNanos, Histogram h) {
        this.operation = operation;
        this.algorithm = algorithm;
        this.calls = calls;
        this.bytes = bytes;
        this.totalNanos = totalNanos;
        this.maxNanos = maxNanos;
        this.histogram = h;
    }

    /** Adds {@code o}'s calls (of the same operation) to these. */
    void addAll(OperationTotals o) {
        calls += o.calls;
        bytes += o.bytes;
        totalNanos += o.totalNanos;
        maxNanos = Math.max(maxNanos, o.maxNanos);
        histogram.addAll(o.histogram);
    }

    /** These totals and {@code o}'s (the same operation, maybe another algorithm) as new totals. */
    OperationTotals plus(OperationTotals o) {
        OperationTotals sum = new OperationTotals(operation, joinAlgorithms(algorithm, o.algorithm));
        sum.addAll(this);
        sum.addAll(o);
        return sum;
    }

    /** {@code a} and {@code b}'s algorithm names (each "" or a list), each once, sorted, joined with ", ". */
    static String joinAlgorithms(String a, String b) {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        for (String list : new String[] {a, b}) {
            for (String name : list.split(", ")) {
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return String.join(", ", names);
    }

    /** The algorithm ("" for none, as point-to-point calls). */
    public String algorithm() {
        return algorithm;
    }

    long calls() {
        return calls;
    }

    long bytes() {
        return bytes;
    }

    long totalNanos() {
        return totalNanos;
    }

    long maxNanos() {
        return maxNanos;
    }

    long[] histogramCounts() {
        return histogram.counts();
    }

    /** The p50/p99 come from the histogram, capped at the exact maximum. */
    OperationStatistics toStatistics() {
        return new OperationStatistics(
                operation,
                algorithm,
                calls,
                bytes,
                Duration.ofNanos(totalNanos),
                Duration.ofNanos(Math.min(maxNanos, histogram.quantile(0.50))),
                Duration.ofNanos(Math.min(maxNanos, histogram.quantile(0.99))),
                Duration.ofNanos(maxNanos));
    }
}
