package dev.jmpi.bench;

/**
 * A distribution-free confidence interval for a median: of n sorted samples, the k-th smallest
 * and the k-th largest, with k the largest count for which fewer than k samples fall below the
 * true median with probability at most 2.5 % (a binomial(n, 1/2) tail). It assumes nothing of
 * the samples' distribution, which suits benchmark times with their stalls.
 */
final class MedianInterval {

    private MedianInterval() {}

    /**
     * The 0-based indices, into {@code n} sorted samples, of a 95 % interval's ends; below 6
     * samples no interval reaches 95 %, and the whole range is returned.
     */
    static int[] ranks95(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n=" + n + " (expected: at least one sample)");
        }
        if (n > 1000) {
            // 0.5^n underflows a double past 1074; the normal approximation is exact enough here.
            int k = (int) Math.floor(n / 2.0 - 1.959964 * Math.sqrt(n) / 2);
            return new int[] {k - 1, n - k};
        }
        // P(B <= j) for B ~ binomial(n, 1/2), summed term by term in doubles.
        double term = Math.pow(0.5, n);
        double below = 0;
        int k = 0;
        for (int j = 0; j < n; j++) {
            below += term;
            if (below > 0.025) {
                break;
            }
            k = j + 1;
            term = term * (n - j) / (j + 1);
        }
        return k == 0 ? new int[] {0, n - 1} : new int[] {k - 1, n - k};
    }
}
