package dev.jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class MedianIntervalTest {

    @Test
    void knownTableValues() {
        assertArrayEquals(new int[] {0, 4}, MedianInterval.ranks95(5), "5 samples: no 95 % interval, whole range");
        assertArrayEquals(new int[] {0, 5}, MedianInterval.ranks95(6));
        assertArrayEquals(new int[] {1, 8}, MedianInterval.ranks95(10));
        assertArrayEquals(new int[] {13, 27}, MedianInterval.ranks95(41));
        assertArrayEquals(new int[] {0, 0}, MedianInterval.ranks95(1));
    }

    /** Against exact binomial tails: the interval covers at least 95 %, and one step narrower would not. */
    @Test
    void intervalIsTheNarrowestThatCovers95PercentExactly() {
        for (int n = 6; n <= 300; n++) {
            int[] r = MedianInterval.ranks95(n);
            int k = r[0] + 1;
            assertTrue(r[1] == n - k, "symmetric at n=" + n);
            assertTrue(
                    tailAtMost(n, k - 1).multiply(BigInteger.valueOf(40)).compareTo(twoToThe(n)) <= 0,
                    "P(B <= k-1) <= 2.5 % at n=" + n);
            assertTrue(
                    tailAtMost(n, k).multiply(BigInteger.valueOf(40)).compareTo(twoToThe(n)) > 0,
                    "k is the largest at n=" + n);
        }
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> MedianInterval.ranks95(0));
    }

    /** 2^n * P(B <= j) for B ~ binomial(n, 1/2), exactly. */
    private static BigInteger tailAtMost(int n, int j) {
        BigInteger sum = BigInteger.ZERO;
        BigInteger c = BigInteger.ONE;
        for (int i = 0; i <= j; i++) {
            sum = sum.add(c);
            c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return sum;
    }

    private static BigInteger twoToThe(int n) {
        return BigInteger.ONE.shiftLeft(n);
    }
}
