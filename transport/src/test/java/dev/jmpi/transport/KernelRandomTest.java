package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class KernelRandomTest {

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsTheKernelsDeviceWhereThereIsOne() {
        SecureRandom random = KernelRandom.create();
        assertEquals("urandom", random.getAlgorithm());
    }

    @Test
    void neverGivesTheSameThirtyTwoBytesTwiceNorAllZeros() {
        SecureRandom random = KernelRandom.create();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] nonce = new byte[32];
            random.nextBytes(nonce);
            assertFalse(Arrays.equals(new byte[32], nonce), "all zeros");
            assertTrue(seen.add(Arrays.toString(nonce)), "a repeated nonce after " + i);
        }
    }

    @Test
    void spreadsItsBitsEvenly() {
        SecureRandom random = KernelRandom.create();
        byte[] bytes = new byte[1 << 16];
        random.nextBytes(bytes);
        long ones = 0;
        for (byte b : bytes) {
            ones += Integer.bitCount(b & 0xff);
        }
        // 524,288 fair bits: mean 262,144, standard deviation 362; 10 deviations either side.
        assertTrue(Math.abs(ones - 262_144) < 3_620, "ones: " + ones);
        assertEquals(16, random.generateSeed(16).length);
        random.setSeed(42L); // ignored: the next values still come from the device
        assertFalse(random.nextLong() == new java.util.Random(42L).nextLong());
    }
}
