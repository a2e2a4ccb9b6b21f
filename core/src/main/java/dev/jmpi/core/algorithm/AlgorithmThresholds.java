package dev.jmpi.core.algorithm;

import dev.jmpi.InvalidArgumentException;

/**
 * The message sizes at which collectives switch from latency-bound algorithms (few rounds,
 * whole buffers) to bandwidth-bound ones (many rounds, pieces of the buffer). Immutable;
 * resolved once per world at init from the settings {@code jmpi.bcast.*}, {@code jmpi.reduce.*}
 * and {@code jmpi.allreduce.*} (see {@code docs/configuration.md}). See
 * {@code docs/algorithms.md} for what each algorithm costs and why the defaults are what they
 * are. Every rank must use the same values, or ranks would pick different algorithms for one
 * call: the launcher passes the environment to every rank.
 *
 * @param bcastPipelineThresholdBytes  bcasts of at least this many bytes on 3 or more ranks
 *                                     use the pipelined chain instead of the binomial tree
 * @param bcastSegmentBytes            segment size of the pipelined chain bcast
 * @param reducePipelineThresholdBytes reduces with a predefined op of at least this many bytes
 *                                     on 3 or more ranks use the pipelined chain instead of
 *                                     the binomial tree
 * @param reduceSegmentBytes           segment size of the pipelined chain reduce
 * @param allreduceRingThresholdBytes  allreduces with a predefined op of at least this many
 *                                     bytes use a bandwidth-bound algorithm (Rabenseifner's or
 *                                     the ring) instead of recursive doubling
 * @param allreduceAlgorithm           {@link AllreduceAlgorithm#AUTO}, or the allreduce
 *                                     algorithm forced at every size
 */
public record AlgorithmThresholds(
        long bcastPipelineThresholdBytes,
        int bcastSegmentBytes,
        long reducePipelineThresholdBytes,
        int reduceSegmentBytes,
        long allreduceRingThresholdBytes,
        AllreduceAlgorithm allreduceAlgorithm) {

    /** Default of {@link #bcastPipelineThresholdBytes}: 512 KiB. */
    public static final long BCAST_PIPELINE_THRESHOLD_BYTES_DEFAULT = 512 << 10;

    /** Default of {@link #bcastSegmentBytes}: 64 KiB. */
    public static final int BCAST_SEGMENT_BYTES_DEFAULT = 64 << 10;

    /** Default of {@link #reducePipelineThresholdBytes}: 512 KiB. */
    public static final long REDUCE_PIPELINE_THRESHOLD_BYTES_DEFAULT = 512 << 10;

    /** Default of {@link #reduceSegmentBytes}: 64 KiB. */
    public static final int REDUCE_SEGMENT_BYTES_DEFAULT = 64 << 10;

    /** Default of {@link #allreduceRingThresholdBytes}: 256 KiB. */
    public static final long ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT = 256 << 10;

    /** The defaults. */
    public static final AlgorithmThresholds DEFAULTS = new AlgorithmThresholds(
            BCAST_PIPELINE_THRESHOLD_BYTES_DEFAULT,
            BCAST_SEGMENT_BYTES_DEFAULT,
            REDUCE_PIPELINE_THRESHOLD_BYTES_DEFAULT,
            REDUCE_SEGMENT_BYTES_DEFAULT,
            ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT,
            AllreduceAlgorithm.AUTO);

    /** Thresholds as given, with the allreduce algorithm chosen automatically. */
    public AlgorithmThresholds(
            long bcastPipelineThresholdBytes,
            int bcastSegmentBytes,
            long reducePipelineThresholdBytes,
            int reduceSegmentBytes,
            long allreduceRingThresholdBytes) {
        this(
                bcastPipelineThresholdBytes,
                bcastSegmentBytes,
                reducePipelineThresholdBytes,
                reduceSegmentBytes,
                allreduceRingThresholdBytes,
                AllreduceAlgorithm.AUTO);
    }

    /** Validates: thresholds {@code >= 0}, segments {@code >= 8} bytes. */
    public AlgorithmThresholds {
        requireAtLeast("bcastPipelineThresholdBytes", bcastPipelineThresholdBytes, 0);
        requireAtLeast("bcastSegmentBytes", bcastSegmentBytes, 8);
        requireAtLeast("reducePipelineThresholdBytes", reducePipelineThresholdBytes, 0);
        requireAtLeast("reduceSegmentBytes", reduceSegmentBytes, 8);
        requireAtLeast("allreduceRingThresholdBytes", allreduceRingThresholdBytes, 0);
        if (allreduceAlgorithm == null) {
            throw new InvalidArgumentException(
                    "allreduceAlgorithm=null (expected: one of auto, recursive-doubling," + " ring, rabenseifner)");
        }
    }

    /** These thresholds with {@code algorithm} forced for every allreduce it applies to. */
    public AlgorithmThresholds withAllreduceAlgorithm(AllreduceAlgorithm algorithm) {
        return new AlgorithmThresholds(
                bcastPipelineThresholdBytes,
                bcastSegmentBytes,
                reducePipelineThresholdBytes,
                reduceSegmentBytes,
                allreduceRingThresholdBytes,
                algorithm);
    }

    /** Thresholds that always pick the latency-bound algorithms (binomial trees, recursive doubling). */
    public static AlgorithmThresholds latencyBoundAlways() {
        return new AlgorithmThresholds(
                Long.MAX_VALUE,
                BCAST_SEGMENT_BYTES_DEFAULT,
                Long.MAX_VALUE,
                REDUCE_SEGMENT_BYTES_DEFAULT,
                Long.MAX_VALUE);
    }

    /**
     * Thresholds that pick the bandwidth-bound algorithms (pipelined chains, ring) wherever they
     * apply, with {@code segmentBytes}-byte segments; for tests and benchmarks.
     */
    public static AlgorithmThresholds bandwidthBoundAlways(int segmentBytes) {
        return new AlgorithmThresholds(0, segmentBytes, 0, segmentBytes, 0);
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new InvalidArgumentException(name + "=" + value + " (expected: >= " + min + ")");
        }
    }
}
