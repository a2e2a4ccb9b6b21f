package dev.jmpi.core.observe;

/**
 * Durations in log-linear buckets: exact below 16 ns, then 8 buckets per power of two, so a
 * percentile is within 12.5% of the true value. Fixed size (496 longs), no allocation per
 * value. Not thread-safe: its owner ({@link OperationTotals}) locks.
 */
final class Histogram {

    static final int BUCKETS = 16 + 59 * 8;

    private final long[] counts;

    Histogram() {
        this.counts = new long[BUCKETS];
    }

    Histogram(long[] counts) {
        if (counts.length != BUCKETS) {
            throw new IllegalArgumentException("buckets=" + counts.length + " (expected: " + BUCKETS + ")");
        }
        this.counts = counts;
    }

    static int bucketOf(long v) {
        if (v < 16) {
            return (int) Math.max(0, v);
        }
        int exp = 63 - Long.numberOfLeadingZeros(v);
        int sub = (int) ((v >>> (exp - 3)) & 7);
        return 16 + (exp - 4) * 8 + sub;
    }

    /** A representative value of bucket {@code b}: its middle. */
    static long valueOf(int b) {
        if (b < 16) {
            return b;
        }
        int exp = (b - 16) / 8 + 4;
        int sub = (b - 16) % 8;
        long lower = (8L + sub) << (exp - 3);
        return lower + ((1L << (exp - 3)) >> 1);
    }

    void add(long v) {
        counts[bucketOf(v)]++;
    }

    void addAll(Histogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** The value at quantile {@code q} (0..1), 0 if empty. */
    long quantile(double q) {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        if (n == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return valueOf(i);
            }
        }
        return valueOf(BUCKETS - 1);
    }

    long[] counts() {
        return counts.clone();
    }
}
