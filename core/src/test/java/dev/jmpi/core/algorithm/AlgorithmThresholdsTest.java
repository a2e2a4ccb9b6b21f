package dev.jmpi.core.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import dev.jmpi.core.internal.CoreSettings;
import dev.jmpi.core.internal.JmpiConfig;
import dev.jmpi.transport.config.ConfigSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Thresholds parsing and how they steer the algorithm choice. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class AlgorithmThresholdsTest {

    @Test
    void settingsOverrideTheDefaultAndAcceptBinarySuffixes() {
        String key = CoreSettings.ALLREDUCE_RING_THRESHOLD_BYTES.property();
        assertEquals(64 << 10, thresholds(key, "64k").allreduceRingThresholdBytes());
        assertEquals(2 << 20, thresholds(key, "2M").allreduceRingThresholdBytes());
        assertEquals(12345, thresholds(key, "12345").allreduceRingThresholdBytes());
        assertEquals(
                AlgorithmThresholds.ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT,
                JmpiConfig.defaults().algorithms().allreduceRingThresholdBytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> thresholds(key, "lots"));
        assertEquals(
                "jmpi.allreduce.ringThresholdBytes=lots from system property jmpi.allreduce.ringThresholdBytes"
                        + " (expected: a size such as 4096, 1k, 64m or 2g (binary units))",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> thresholds("jmpi.bcast.segmentBytes", "4"));
        assertTrue(e.getMessage().endsWith(">= 8 and < 2g)"), e.getMessage());
    }

    @Test
    void allreduceAlgorithmSettingIsParsedAndBadValuesNamed() {
        String key = CoreSettings.ALLREDUCE_ALGORITHM.property();
        assertEquals(
                AllreduceAlgorithm.RABENSEIFNER, thresholds(key, "rabenseifner").allreduceAlgorithm());
        assertEquals(
                AllreduceAlgorithm.RECURSIVE_DOUBLING,
                thresholds(key, "Recursive-Doubling").allreduceAlgorithm());
        assertEquals(AllreduceAlgorithm.AUTO, JmpiConfig.defaults().algorithms().allreduceAlgorithm());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> thresholds(key, "tree"));
        assertTrue(e.getMessage().startsWith("jmpi.allreduce.algorithm=tree from system property"), e.getMessage());
        assertTrue(
                e.getMessage().endsWith("(expected: auto, recursive-doubling, ring or rabenseifner)"), e.getMessage());
    }

    private static AlgorithmThresholds thresholds(String property, String value) {
        return JmpiConfig.from(ConfigSource.of(Map.of(), Map.of(property, value)))
                .algorithms();
    }

    @Test
    void invalidValuesAreRejectedNamingTheField() {
        InvalidArgumentException e =
                assertThrows(InvalidArgumentException.class, () -> new AlgorithmThresholds(0, 4, 0, 64, 0));
        assertEquals("bcastSegmentBytes=4 (expected: >= 8)", e.getMessage());
    }

    @Test
    void choicesFollowSizeRankCountAndOp() {
        Algorithms a = new Algorithms(AlgorithmThresholds.DEFAULTS, new ArrayPool(0));
        long ring = AlgorithmThresholds.ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT;
        int doubles = (int) (ring / 8);
        AllreduceAlgorithm rd = AllreduceAlgorithm.RECURSIVE_DOUBLING;
        assertEquals(AllreduceAlgorithm.RABENSEIFNER, a.allreduceAlgorithm(4, doubles, Datatype.DOUBLE, Op.SUM));
        assertEquals(AllreduceAlgorithm.RING, a.allreduceAlgorithm(6, doubles, Datatype.DOUBLE, Op.SUM));
        assertEquals(rd, a.allreduceAlgorithm(4, doubles - 1, Datatype.DOUBLE, Op.SUM), "below the threshold");
        assertEquals(rd, a.allreduceAlgorithm(4, doubles, Datatype.DOUBLE, CollectiveReference.HEX_CONCAT), "user op");
        assertEquals(rd, a.allreduceAlgorithm(1, doubles, Datatype.DOUBLE, Op.SUM), "one rank");
        Algorithms forcedRing = new Algorithms(
                AlgorithmThresholds.DEFAULTS.withAllreduceAlgorithm(AllreduceAlgorithm.RING), new ArrayPool(0));
        assertEquals(AllreduceAlgorithm.RING, forcedRing.allreduceAlgorithm(4, 4, Datatype.DOUBLE, Op.SUM), "forced");
        assertEquals(rd, forcedRing.allreduceAlgorithm(4, 7, Datatype.INT, Op.MINLOC), "fewer operands than ranks");
        int bytes = (int) AlgorithmThresholds.BCAST_PIPELINE_THRESHOLD_BYTES_DEFAULT;
        assertTrue(a.pipelinedBcast(3, bytes, Datatype.BYTE));
        assertFalse(a.pipelinedBcast(2, bytes, Datatype.BYTE), "a chain of two is one message");
        assertFalse(a.pipelinedBcast(8, bytes - 1, Datatype.BYTE));
        int ints = (int) (AlgorithmThresholds.REDUCE_PIPELINE_THRESHOLD_BYTES_DEFAULT / 4);
        assertTrue(a.pipelinedReduce(5, ints, Datatype.INT, Op.MAX));
        assertTrue(a.pipelinedReduce(3, ints, Datatype.INT, Op.SUM));
        assertFalse(a.pipelinedReduce(2, ints, Datatype.INT, Op.SUM), "at two ranks the tree is one message");
        assertFalse(a.pipelinedReduce(5, ints - 1, Datatype.INT, Op.MAX), "below the threshold");
        assertFalse(a.pipelinedReduce(5, ints, Datatype.INT, CollectiveReference.MATMUL_2X2), "user op");
        assertTrue(a.ringReduceScatter(Op.SUM));
        assertFalse(a.ringReduceScatter(CollectiveReference.HEX_CONCAT));
    }

    @Test
    void bcastThresholdOfLongMaxValueNeverPicksTheChain() {
        // jmpirun passes this value to the ranks of an oversubscribed job (OversubscribedCollectives).
        AlgorithmThresholds tree = new AlgorithmThresholds(
                Long.MAX_VALUE,
                AlgorithmThresholds.BCAST_SEGMENT_BYTES_DEFAULT,
                AlgorithmThresholds.REDUCE_PIPELINE_THRESHOLD_BYTES_DEFAULT,
                AlgorithmThresholds.REDUCE_SEGMENT_BYTES_DEFAULT,
                AlgorithmThresholds.ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT);
        Algorithms a = new Algorithms(tree, new ArrayPool(0));
        assertFalse(a.pipelinedBcast(1024, Integer.MAX_VALUE, Datatype.DOUBLE));
        assertFalse(a.pipelinedBcast(3, Integer.MAX_VALUE, Datatype.LONG));
    }

    @Test
    void blocksAndSegmentsNeverSplitAnOperand() {
        int[][] split = Blocks.split(14, 4, 2);
        assertEquals(
                java.util.List.of(4, 4, 4, 2),
                java.util.Arrays.stream(split[0]).boxed().toList());
        assertEquals(
                java.util.List.of(0, 4, 8, 12),
                java.util.Arrays.stream(split[1]).boxed().toList());
        assertEquals(8190, Blocks.segmentElements(65535, Datatype.LONG, 2));
        assertEquals(2, Blocks.segmentElements(8, Datatype.DOUBLE, 2));
        assertEquals(3, Blocks.segments(7, 3));
        assertEquals(1, Blocks.segmentLength(7, 3, 2));
    }
}
