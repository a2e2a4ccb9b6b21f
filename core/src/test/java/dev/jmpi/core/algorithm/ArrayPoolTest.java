package dev.jmpi.core.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jmpi.Datatype;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ArrayPoolTest {

    @Test
    void releasedArrayIsHandedOutAgainForTheSameTypeAndSizeClass() {
        ArrayPool pool = new ArrayPool(1 << 20);
        double[] a = (double[]) pool.acquire(Datatype.DOUBLE, 1000);
        assertEquals(1024, a.length);
        pool.release(a);
        assertEquals(1024 * 8, pool.retainedBytes());
        assertSame(a, pool.acquire(Datatype.DOUBLE, 600));
        assertEquals(0, pool.retainedBytes());
        pool.release(a);
        assertNotSame(a, pool.acquire(Datatype.LONG, 600), "another type never shares an array");
    }

    @Test
    void smallRequestsAreRoundedUpAndForeignArraysAreNotKept() {
        ArrayPool pool = new ArrayPool(1 << 20);
        assertEquals(ArrayPool.MIN_LENGTH, ((int[]) pool.acquire(Datatype.INT, 0)).length);
        pool.release(new int[100]);
        pool.release(null);
        assertEquals(0, pool.retainedBytes());
    }

    @Test
    void retentionIsBoundedPerSizeClassAndInBytes() {
        ArrayPool pool = new ArrayPool(3 * 4096);
        for (int i = 0; i < 10; i++) {
            pool.release(new byte[4096]);
        }
        assertEquals(3 * 4096, pool.retainedBytes());
        ArrayPool roomy = new ArrayPool(1 << 30);
        for (int i = 0; i < 10; i++) {
            roomy.release(new byte[4096]);
        }
        assertEquals(ArrayPool.ARRAYS_PER_CLASS * 4096, roomy.retainedBytes());
    }

    @Test
    void anArrayAsLargeAsTheBoundIsKeptInPlaceOfSmallerOnesSoALoopStopsAllocatingIt() {
        // As a chain reduce of 8 Mi doubles at an inner rank with the 64 MiB default: its
        // scratch is the whole bound, and any small array kept before used to make it refused,
        // so every call allocated (and zeroed) a new one.
        ArrayPool pool = new ArrayPool(8 * 1024);
        pool.release(new byte[128]);
        pool.release(new double[64]);
        long[] big = (long[]) pool.acquire(Datatype.LONG, 1024);
        pool.release(big);
        assertEquals(8 * 1024, pool.retainedBytes());
        for (int call = 0; call < 3; call++) {
            long[] again = (long[]) pool.acquire(Datatype.LONG, 1000);
            assertSame(big, again, "call " + call);
            pool.release(again);
        }
        // The small scratch of a barrier or a one-double allreduce between two such calls
        // must not push the large array out.
        pool.release(new double[64]);
        assertEquals(8 * 1024, pool.retainedBytes());
        assertSame(big, pool.acquire(Datatype.LONG, 1024));
        ArrayPool tight = new ArrayPool(4096);
        tight.release(new byte[1024]);
        tight.release(new byte[8192]);
        assertEquals(1024, tight.retainedBytes(), "an array larger than the bound is never kept");
    }
}
