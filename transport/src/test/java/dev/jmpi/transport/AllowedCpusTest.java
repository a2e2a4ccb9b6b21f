package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link AllowedCpus}: the affinity mask's CPU count, from the kernel's list format. */
class AllowedCpusTest {

    @Test
    void aKernelCpuListCountsEachCpuOfItsRangesAndSingles() {
        assertEquals(1, AllowedCpus.countList("1"));
        assertEquals(2, AllowedCpus.countList("0-1"));
        assertEquals(7, AllowedCpus.countList("0-3,8,10-11"));
    }

    @Test
    void aMalformedOrEmptyListCountsNothing() {
        assertEquals(0, AllowedCpus.countList(""));
        assertEquals(0, AllowedCpus.countList("3-1"));
        assertEquals(0, AllowedCpus.countList("0-1,,4"));
        assertEquals(0, AllowedCpus.countList("zero"));
    }

    @Test
    void thisProcessesAffinityHoldsAtLeastOneCpuAndEveryCpuTheJvmCounts() {
        int n = AllowedCpus.count(-1);
        assertTrue(n == -1 || n >= 1, "count " + n);
        if (n > 0) {
            // The JVM's count is the affinity mask's unless a quota or -XX:ActiveProcessorCount lowers it.
            assertTrue(
                    Runtime.getRuntime().availableProcessors() <= n,
                    "affinity " + n + ", JVM " + Runtime.getRuntime().availableProcessors());
        }
    }
}
