package dev.jmpi.core.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Thresholds parsing and how they steer the algorithm choice. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AlgorithmThresholdsTest {

    @Test
    void systemPropertyOverridesTheDefaultAndAcceptsBinarySuffixes() {
        String key = AlgorithmThresholds.ALLREDUCE_RING_THRESHOLD_BYTES_PROP_NAME;
        String old = System.getProperty(key);
        try {
            System.setProperty(key, "64k");
            assertEquals(64 << 10, AlgorithmThresholds.fromEnvironment().allreduceRingThresholdBytes());
            System.setProperty(key, "2M");
            assertEquals(2 << 20, AlgorithmThresholds.fromEnvironment().allreduceRingThresholdBytes());
            System.setProperty(key, "12345");
            assertEquals(12345, AlgorithmThresholds.fromEnvironment().allreduceRingThresholdBytes());
            System.setProperty(key, "lots");
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                AlgorithmThresholds::fromEnvironment);
            assertEquals("jmpi.allreduce.ringThresholdBytes=lots (expected: a number of bytes >= 0, optionally "
                + "with suffix k, m or g)", e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, old);
            }
        }
    }

    @Test
    void invalidValuesAreRejectedNamingTheField() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
            () -> new AlgorithmThresholds(0, 4, 0, 64, 0));
        assertEquals("bcastSegmentBytes=4 (expected: >= 8)", e.getMessage());
        assertEquals(-1 >>> 1, AlgorithmThresholds.parseBytes("x", "2147483647"));
    }

    @Test
    void choicesFollowSizeRankCountAndOp() {
        Algorithms a = new Algorithms(AlgorithmThresholds.DEFAULTS, new ArrayPool(0));
        long ring = AlgorithmThresholds.ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT;
        int doubles = (int) (ring / 8);
        assertTrue(a.ringAllreduce(4, doubles, Datatype.DOUBLE, Op.SUM));
        assertFalse(a.ringAllreduce(4, doubles - 1, Datatype.DOUBLE, Op.SUM), "below the threshold");
        assertFalse(a.ringAllreduce(4, doubles, Datatype.DOUBLE, CollectiveReference.HEX_CONCAT), "user op");
        assertFalse(a.ringAllreduce(1, doubles, Datatype.DOUBLE, Op.SUM), "one rank");
        int bytes = (int) AlgorithmThresholds.BCAST_PIPELINE_THRESHOLD_BYTES_DEFAULT;
        assertTrue(a.pipelinedBcast(3, bytes, Datatype.BYTE));
        assertFalse(a.pipelinedBcast(2, bytes, Datatype.BYTE), "a chain of two is one message");
        assertFalse(a.pipelinedBcast(8, bytes - 1, Datatype.BYTE));
        int ints = (int) (AlgorithmThresholds.REDUCE_PIPELINE_THRESHOLD_BYTES_DEFAULT / 4);
        assertTrue(a.pipelinedReduce(5, ints, Datatype.INT, Op.MAX));
        assertFalse(a.pipelinedReduce(5, ints, Datatype.INT, CollectiveReference.MATMUL_2X2), "user op");
        assertTrue(a.ringReduceScatter(Op.SUM));
        assertFalse(a.ringReduceScatter(CollectiveReference.HEX_CONCAT));
    }

    @Test
    void blocksAndSegmentsNeverSplitAnOperand() {
        int[][] split = Blocks.split(14, 4, 2);
        assertEquals(java.util.List.of(4, 4, 4, 2), java.util.Arrays.stream(split[0]).boxed().toList());
        assertEquals(java.util.List.of(0, 4, 8, 12), java.util.Arrays.stream(split[1]).boxed().toList());
        assertEquals(8190, Blocks.segmentElements(65535, Datatype.LONG, 2));
        assertEquals(2, Blocks.segmentElements(8, Datatype.DOUBLE, 2));
        assertEquals(3, Blocks.segments(7, 3));
        assertEquals(1, Blocks.segmentLength(7, 3, 2));
    }
}
