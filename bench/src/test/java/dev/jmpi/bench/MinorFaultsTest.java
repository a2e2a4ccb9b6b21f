package dev.jmpi.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MinorFaultsTest {

    @Test
    void touchingFreshMemoryCountsMinorFaults() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "no /proc/self/stat (not Linux)");
        long before = MinorFaults.count();
        // Above glibc's largest mmap threshold (32 MiB), so fresh pages from the kernel, which
        // allocateDirect touches as it zeroes them.
        ByteBuffer fresh = ByteBuffer.allocateDirect(64 << 20);
        long after = MinorFaults.count();
        assertTrue(before >= 0, "before=" + before);
        assertTrue(after > before, "before=" + before + " after=" + after + " capacity=" + fresh.capacity());
    }
}
