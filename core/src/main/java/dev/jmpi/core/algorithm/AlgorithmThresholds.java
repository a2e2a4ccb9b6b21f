package dev.jmpi.core.algorithm;

import dev.jmpi.InvalidArgumentException;

/**
 * The message sizes at which collectives switch from latency-bound algorithms (few rounds,
 * whole buffers) to bandwidth-bound ones (many rounds, pieces of the buffer). Immutable;
 * built once per communicator by {@link #fromEnvironment()}, which reads each value from a
 * system property, else from an environment variable, else the default. See
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
 *                                     bytes use the ring instead of recursive doubling
 */
public record AlgorithmThresholds(long bcastPipelineThresholdBytes, int bcastSegmentBytes,
                                  long reducePipelineThresholdBytes, int reduceSegmentBytes,
                                  long allreduceRingThresholdBytes) {

    /** System property for {@link #bcastPipelineThresholdBytes}. */
    public static final String BCAST_PIPELINE_THRESHOLD_BYTES_PROP_NAME = "jmpi.bcast.pipelineThresholdBytes";
    /** Environment variable for {@link #bcastPipelineThresholdBytes}. */
    public static final String BCAST_PIPELINE_THRESHOLD_BYTES_ENV_NAME = "JMPI_BCAST_PIPELINE_THRESHOLD_BYTES";
    /** Default of {@link #bcastPipelineThresholdBytes}: 512 KiB. */
    public static final long BCAST_PIPELINE_THRESHOLD_BYTES_DEFAULT = 512 << 10;

    /** System property for {@link #bcastSegmentBytes}. */
    public static final String BCAST_SEGMENT_BYTES_PROP_NAME = "jmpi.bcast.segmentBytes";
    /** Environment variable for {@link #bcastSegmentBytes}. */
    public static final String BCAST_SEGMENT_BYTES_ENV_NAME = "JMPI_BCAST_SEGMENT_BYTES";
    /** Default of {@link #bcastSegmentBytes}: 64 KiB. */
    public static final int BCAST_SEGMENT_BYTES_DEFAULT = 64 << 10;

    /** System property for {@link #reducePipelineThresholdBytes}. */
    public static final String REDUCE_PIPELINE_THRESHOLD_BYTES_PROP_NAME = "jmpi.reduce.pipelineThresholdBytes";
    /** Environment variable for {@link #reducePipelineThresholdBytes}. */
    public static final String REDUCE_PIPELINE_THRESHOLD_BYTES_ENV_NAME = "JMPI_REDUCE_PIPELINE_THRESHOLD_BYTES";
    /** Default of {@link #reducePipelineThresholdBytes}: 512 KiB. */
    public static final long REDUCE_PIPELINE_THRESHOLD_BYTES_DEFAULT = 512 << 10;

    /** System property for {@link #reduceSegmentBytes}. */
    public static final String REDUCE_SEGMENT_BYTES_PROP_NAME = "jmpi.reduce.segmentBytes";
    /** Environment variable for {@link #reduceSegmentBytes}. */
    public static final String REDUCE_SEGMENT_BYTES_ENV_NAME = "JMPI_REDUCE_SEGMENT_BYTES";
    /** Default of {@link #reduceSegmentBytes}: 64 KiB. */
    public static final int REDUCE_SEGMENT_BYTES_DEFAULT = 64 << 10;

    /** System property for {@link #allreduceRingThresholdBytes}. */
    public static final String ALLREDUCE_RING_THRESHOLD_BYTES_PROP_NAME = "jmpi.allreduce.ringThresholdBytes";
    /** Environment variable for {@link #allreduceRingThresholdBytes}. */
    public static final String ALLREDUCE_RING_THRESHOLD_BYTES_ENV_NAME = "JMPI_ALLREDUCE_RING_THRESHOLD_BYTES";
    /** Default of {@link #allreduceRingThresholdBytes}: 256 KiB. */
    public static final long ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT = 256 << 10;

    /** The defaults. */
    public static final AlgorithmThresholds DEFAULTS = new AlgorithmThresholds(
        BCAST_PIPELINE_THRESHOLD_BYTES_DEFAULT, BCAST_SEGMENT_BYTES_DEFAULT,
        REDUCE_PIPELINE_THRESHOLD_BYTES_DEFAULT, REDUCE_SEGMENT_BYTES_DEFAULT,
        ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT);

    /** Validates: thresholds {@code >= 0}, segments {@code >= 8} bytes. */
    public AlgorithmThresholds {
        requireAtLeast("bcastPipelineThresholdBytes", bcastPipelineThresholdBytes, 0);
        requireAtLeast("bcastSegmentBytes", bcastSegmentBytes, 8);
        requireAtLeast("reducePipelineThresholdBytes", reducePipelineThresholdBytes, 0);
        requireAtLeast("reduceSegmentBytes", reduceSegmentBytes, 8);
        requireAtLeast("allreduceRingThresholdBytes", allreduceRingThresholdBytes, 0);
    }

    /** Reads each value from its system property, else its environment variable, else the default. */
    public static AlgorithmThresholds fromEnvironment() {
        return new AlgorithmThresholds(
            longSetting(BCAST_PIPELINE_THRESHOLD_BYTES_PROP_NAME, BCAST_PIPELINE_THRESHOLD_BYTES_ENV_NAME,
                BCAST_PIPELINE_THRESHOLD_BYTES_DEFAULT),
            (int) Math.min(Integer.MAX_VALUE, longSetting(BCAST_SEGMENT_BYTES_PROP_NAME, BCAST_SEGMENT_BYTES_ENV_NAME,
                BCAST_SEGMENT_BYTES_DEFAULT)),
            longSetting(REDUCE_PIPELINE_THRESHOLD_BYTES_PROP_NAME, REDUCE_PIPELINE_THRESHOLD_BYTES_ENV_NAME,
                REDUCE_PIPELINE_THRESHOLD_BYTES_DEFAULT),
            (int) Math.min(Integer.MAX_VALUE, longSetting(REDUCE_SEGMENT_BYTES_PROP_NAME, REDUCE_SEGMENT_BYTES_ENV_NAME,
                REDUCE_SEGMENT_BYTES_DEFAULT)),
            longSetting(ALLREDUCE_RING_THRESHOLD_BYTES_PROP_NAME, ALLREDUCE_RING_THRESHOLD_BYTES_ENV_NAME,
                ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT));
    }

    /** Thresholds that always pick the latency-bound algorithms (binomial trees, recursive doubling). */
    public static AlgorithmThresholds latencyBoundAlways() {
        return new AlgorithmThresholds(Long.MAX_VALUE, BCAST_SEGMENT_BYTES_DEFAULT, Long.MAX_VALUE,
            REDUCE_SEGMENT_BYTES_DEFAULT, Long.MAX_VALUE);
    }

    /**
     * Thresholds that pick the bandwidth-bound algorithms (pipelined chains, ring) wherever they
     * apply, with {@code segmentBytes}-byte segments; for tests and benchmarks.
     */
    public static AlgorithmThresholds bandwidthBoundAlways(int segmentBytes) {
        return new AlgorithmThresholds(0, segmentBytes, 0, segmentBytes, 0);
    }

    /**
     * A setting from system property {@code property}, else environment variable {@code env},
     * else {@code defaultValue}. Accepts a plain number of bytes or a number with suffix
     * {@code k}, {@code m} or {@code g} (binary: 64k = 65536).
     */
    static long longSetting(String property, String env, long defaultValue) {
        String raw = System.getProperty(property);
        String source = property;
        if (raw == null) {
            raw = System.getenv(env);
            source = env;
        }
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        return parseBytes(source, raw.trim());
    }

    static long parseBytes(String name, String value) {
        char last = Character.toLowerCase(value.charAt(value.length() - 1));
        int shift = last == 'k' ? 10 : last == 'm' ? 20 : last == 'g' ? 30 : 0;
        String digits = shift == 0 ? value : value.substring(0, value.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n < 0 || n > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException("out of range");
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(name + "=" + value
                + " (expected: a number of bytes >= 0, optionally with suffix k, m or g)");
        }
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new InvalidArgumentException(name + "=" + value + " (expected: >= " + min + ")");
        }
    }
}
