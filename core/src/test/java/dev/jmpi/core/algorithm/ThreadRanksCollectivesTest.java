package dev.jmpi.core.algorithm;

import org.junit.jupiter.api.Nested;

/**
 * Every collective contract over the thread fake ({@link ThreadRanks}), twice: once with
 * thresholds that force the latency-bound algorithms (binomial trees, recursive doubling),
 * once with thresholds that force the bandwidth-bound ones (pipelined chains with tiny
 * segments; allreduce by Rabenseifner's algorithm at power-of-two rank counts, by the ring at
 * the others), so each algorithm meets every rank count, type, op and count. The reduction
 * and semantics contracts run twice more with the allreduce forced to the ring and to
 * Rabenseifner's at every rank count (folding included).
 */
class ThreadRanksCollectivesTest {

    private static final RankRunner LATENCY_BOUND = ThreadRanks.runner(AlgorithmThresholds.latencyBoundAlways());
    /** 64-byte segments: a 1000-double buffer travels as 125 segments. */
    private static final RankRunner BANDWIDTH_BOUND = ThreadRanks.runner(AlgorithmThresholds.bandwidthBoundAlways(64));
    /** For the million-element tests: 64 KiB segments. */
    private static final RankRunner BANDWIDTH_BOUND_LARGE_SEGMENTS =
            ThreadRanks.runner(AlgorithmThresholds.bandwidthBoundAlways(64 << 10));

    private static final RankRunner RING_ALLREDUCE = ThreadRanks.runner(
            AlgorithmThresholds.bandwidthBoundAlways(64 << 10).withAllreduceAlgorithm(AllreduceAlgorithm.RING));
    private static final RankRunner RABENSEIFNER_ALLREDUCE = ThreadRanks.runner(
            AlgorithmThresholds.bandwidthBoundAlways(64 << 10).withAllreduceAlgorithm(AllreduceAlgorithm.RABENSEIFNER));

    @Nested
    class LatencyBoundReductions extends ReductionContract {
        @Override
        protected RankRunner runner() {
            return LATENCY_BOUND;
        }
    }

    @Nested
    class BandwidthBoundReductions extends ReductionContract {
        @Override
        protected RankRunner runner() {
            return BANDWIDTH_BOUND;
        }
    }

    @Nested
    class LatencyBoundDataMovement extends DataMovementContract {
        @Override
        protected RankRunner runner() {
            return LATENCY_BOUND;
        }
    }

    @Nested
    class BandwidthBoundDataMovement extends DataMovementContract {
        @Override
        protected RankRunner runner() {
            return BANDWIDTH_BOUND;
        }
    }

    @Nested
    class LatencyBoundSemantics extends CollectiveSemanticsContract {
        @Override
        protected RankRunner runner() {
            return LATENCY_BOUND;
        }
    }

    @Nested
    class BandwidthBoundSemantics extends CollectiveSemanticsContract {
        @Override
        protected RankRunner runner() {
            return BANDWIDTH_BOUND_LARGE_SEGMENTS;
        }
    }

    @Nested
    class Arguments extends CollectiveArgumentsContract {
        @Override
        protected RankRunner runner() {
            return LATENCY_BOUND;
        }
    }

    @Nested
    class RingAllreduceReductions extends ReductionContract {
        @Override
        protected RankRunner runner() {
            return RING_ALLREDUCE;
        }
    }

    @Nested
    class RingAllreduceSemantics extends CollectiveSemanticsContract {
        @Override
        protected RankRunner runner() {
            return RING_ALLREDUCE;
        }
    }

    @Nested
    class RabenseifnerAllreduceReductions extends ReductionContract {
        @Override
        protected RankRunner runner() {
            return RABENSEIFNER_ALLREDUCE;
        }
    }

    @Nested
    class RabenseifnerAllreduceSemantics extends CollectiveSemanticsContract {
        @Override
        protected RankRunner runner() {
            return RABENSEIFNER_ALLREDUCE;
        }
    }
}
