package dev.jmpi.core.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void quantilesAreWithinAnEighthOfTheTrueValue() {
        Histogram h = new Histogram();
        for (long v = 1; v <= 100_000; v++) {
            h.add(v * 1000);
        }
        assertWithin(50_000_000L, h.quantile(0.50));
        assertWithin(99_000_000L, h.quantile(0.99));
        assertWithin(100_000_000L, h.quantile(1.0));
    }

    @Test
    void smallValuesAreExactAndBucketsRoundTrip() {
        Histogram h = new Histogram();
        h.add(3);
        assertEquals(3, h.quantile(0.5));
        for (long v : new long[] {16, 17, 1000, 1L << 40, Long.MAX_VALUE / 2}) {
            int b = Histogram.bucketOf(v);
            assertTrue(b < Histogram.BUCKETS);
            assertEquals(b, Histogram.bucketOf(Histogram.valueOf(b)), "value " + v);
        }
    }

    private static void assertWithin(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected / 8, "expected ~" + expected + ", got " + actual);
    }
}
