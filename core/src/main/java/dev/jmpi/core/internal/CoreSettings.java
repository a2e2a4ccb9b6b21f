package dev.jmpi.core.internal;

import dev.jmpi.core.algorithm.AlgorithmThresholds;
import dev.jmpi.core.algorithm.AllreduceAlgorithm;
import dev.jmpi.transport.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The core's settings: flow control, collective checks, algorithm thresholds, observation and
 * init. Resolved once per world into a {@link JmpiConfig}. Every rank of a job must use the
 * same flow, check and algorithm values (the launcher passes the environment to every rank).
 */
public final class CoreSettings {

    private static final String FLOW = "flow control";
    private static final String COLLECTIVES = "collectives and algorithms";
    private static final String OBSERVE = "observability";
    private static final String INIT = "init and finalize";

    /** Largest payload sent eagerly. */
    public static final Setting<Long> EAGER_LIMIT_BYTES = Setting.bytes(
            FLOW,
            "jmpi.eagerLimitBytes",
            FlowConfig.DEFAULT_EAGER_LIMIT_BYTES,
            "Largest payload sent eagerly; larger messages go by rendezvous.");
    /** Eager data a rank may hold for receives not yet posted. */
    public static final Setting<Long> UNEXPECTED_BYTES = Setting.bytes(
            FLOW,
            "jmpi.unexpectedBytes",
            FlowConfig.DEFAULT_UNEXPECTED_BYTES,
            "Eager data a rank may hold for receives not yet posted, all senders "
                    + "together, split evenly across the world's ranks.");

    /** How collective calls are checked. */
    public static final Setting<CollectiveChecks.Mode> CHECK_COLLECTIVES = Setting.of(
            COLLECTIVES,
            "jmpi.checkCollectives",
            CollectiveChecks.Mode.ON,
            "on",
            "strict, on or off",
            "strict, on or off",
            new Parser<>(true),
            "Whether ranks check that their collective calls agree: on (signatures on every "
                    + "collective frame), strict (plus a confirming round after each collective) or off; jmpirun "
                    + "--check-collectives sets it.");
    /** Wait before a stalled collective receive announces its signature. */
    public static final Setting<Duration> COLLECTIVE_STALL = Setting.duration(
                    COLLECTIVES,
                    "jmpi.collectiveStall",
                    Duration.ofMillis(CollectiveChecks.DEFAULT_STALL_MS),
                    ChronoUnit.MILLIS,
                    "How long a collective receive waits before sending its signature to the rank it waits for, so that "
                            + "ranks in different calls fail instead of hanging.")
            .aliases("jmpi.collectiveStallMs", "JMPI_COLLECTIVE_STALL_MS")
            .atLeast(Duration.ofNanos(1), "> 0");
    /** See {@link AlgorithmThresholds#bcastPipelineThresholdBytes()}. */
    public static final Setting<Long> BCAST_PIPELINE_THRESHOLD_BYTES = Setting.bytes(
            COLLECTIVES,
            "jmpi.bcast.pipelineThresholdBytes",
            AlgorithmThresholds.BCAST_PIPELINE_THRESHOLD_BYTES_DEFAULT,
            "Bcasts of at least this size on 3 or more ranks use the pipelined chain, not the binomial tree.");
    /** See {@link AlgorithmThresholds#bcastSegmentBytes()}. */
    public static final Setting<Long> BCAST_SEGMENT_BYTES = Setting.bytes(
                    COLLECTIVES,
                    "jmpi.bcast.segmentBytes",
                    AlgorithmThresholds.BCAST_SEGMENT_BYTES_DEFAULT,
                    "Segment size of the pipelined chain bcast.")
            .range(8, Integer.MAX_VALUE, ">= 8 and < 2g");
    /** See {@link AlgorithmThresholds#reducePipelineThresholdBytes()}. */
    public static final Setting<Long> REDUCE_PIPELINE_THRESHOLD_BYTES = Setting.bytes(
            COLLECTIVES,
            "jmpi.reduce.pipelineThresholdBytes",
            AlgorithmThresholds.REDUCE_PIPELINE_THRESHOLD_BYTES_DEFAULT,
            "Reduces with a predefined op of at least this size on 3 or more ranks use the pipelined chain.");
    /** See {@link AlgorithmThresholds#reduceSegmentBytes()}. */
    public static final Setting<Long> REDUCE_SEGMENT_BYTES = Setting.bytes(
                    COLLECTIVES,
                    "jmpi.reduce.segmentBytes",
                    AlgorithmThresholds.REDUCE_SEGMENT_BYTES_DEFAULT,
                    "Segment size of the pipelined chain reduce.")
            .range(8, Integer.MAX_VALUE, ">= 8 and < 2g");
    /** See {@link AlgorithmThresholds#allreduceRingThresholdBytes()}. */
    public static final Setting<Long> ALLREDUCE_RING_THRESHOLD_BYTES = Setting.bytes(
            COLLECTIVES,
            "jmpi.allreduce.ringThresholdBytes",
            AlgorithmThresholds.ALLREDUCE_RING_THRESHOLD_BYTES_DEFAULT,
            "Allreduces with a predefined op of at least this size use Rabenseifner's algorithm (power-of-two rank"
                    + " counts) or the ring (others), not recursive doubling.");
    /** See {@link AlgorithmThresholds#allreduceAlgorithm()}. */
    public static final Setting<AllreduceAlgorithm> ALLREDUCE_ALGORITHM = Setting.of(
            COLLECTIVES,
            "jmpi.allreduce.algorithm",
            AllreduceAlgorithm.AUTO,
            "auto",
            "auto, recursive-doubling, ring or rabenseifner",
            "auto, recursive-doubling, ring or rabenseifner",
            new Parser<>(false),
            "Allreduce algorithm for predefined ops: auto (by size and rank count, see docs/algorithms.md) or one"
                    + " forced at every size where it applies (user ops, and buffers with fewer operands than ranks,"
                    + " always use recursive doubling).");
    /** Most bytes of scratch arrays a world keeps for its collectives. */
    public static final Setting<Long> POOL_MAX_RETAINED_BYTES = Setting.bytes(
            COLLECTIVES,
            "jmpi.pool.maxRetainedBytes",
            64L << 20,
            "Most bytes of scratch arrays a rank keeps for reuse by its "
                    + "collectives; arrays beyond it are left to the garbage collector.");

    /** Per-operation statistics. */
    public static final Setting<Boolean> STATS = Setting.flag(
            OBSERVE,
            "jmpi.stats",
            false,
            "Per-operation statistics, to the observation directory or else the rank's stderr.");
    /** Trace file. */
    public static final Setting<String> TRACE = Setting.text(
            OBSERVE,
            "jmpi.trace",
            null,
            "file",
            "Trace spans to this file (with .rank-N before the extension when there is no observation directory).");
    /** Observation directory. */
    public static final Setting<String> OBSERVE_DIR = Setting.text(
            OBSERVE,
            "jmpi.observeDir",
            null,
            "directory",
            "Where each rank writes its observations at finalize (rank-N.obs), for jmpirun to merge.");
    /** JFR events. */
    public static final Setting<Boolean> JFR = Setting.flag(
            OBSERVE, "jmpi.jfr", false, "JFR events for jmpi calls; also on when a JFR recording runs at init.");
    /** Status printer period. */
    public static final Setting<Duration> STATUS_EVERY = Setting.duration(
                    OBSERVE,
                    "jmpi.statusEvery",
                    Duration.ZERO,
                    ChronoUnit.MILLIS,
                    "Print what the rank is in at this period; 0 for never.")
            .aliases("jmpi.statusEveryMs", "JMPI_STATUS_EVERY_MS");
    /** Trace span cap. */
    public static final Setting<Long> TRACE_MAX_SPANS = Setting.number(
                    OBSERVE,
                    "jmpi.traceMaxSpans",
                    1_000_000,
                    "Most trace spans kept per rank; later ones are counted as dropped.")
            .range(0, Integer.MAX_VALUE, ">= 0 and < 2^31");

    /** How long joining may take. */
    public static final Setting<Duration> JOIN_TIMEOUT = Setting.duration(
                    INIT,
                    "jmpi.joinTimeout",
                    Duration.ofMillis(Bootstrap.JOIN_TIMEOUT_MS_DEFAULT),
                    ChronoUnit.MILLIS,
                    "How long Jmpi.init may take to join the job (rendezvous and mesh) before it fails naming what is missing.")
            .aliases("jmpi.joinTimeoutMs")
            .atLeast(Duration.ofMillis(1), ">= 1ms");
    /** Grace after a peer's finalize. */
    public static final Setting<Duration> FINALIZE_GRACE = Setting.duration(
                    INIT,
                    "jmpi.finalizeGrace",
                    Duration.ofMillis(World.FINALIZE_GRACE_MS_DEFAULT),
                    ChronoUnit.MILLIS,
                    "How long after a peer's finalize its unmatched receives fail, so that the peer's own error, sent a "
                            + "moment later, is what they report.")
            .aliases("jmpi.finalizeGraceMs");
    /** Start-up and end timeline for jmpirun. */
    public static final Setting<Boolean> TIMELINE = Setting.flag(
            INIT,
            "jmpi.timeline",
            false,
            "Send the times of the start-up and end steps to jmpirun (jmpirun --timeline sets it).");
    /** Host name as MPI_Get_processor_name gives it. */
    public static final Setting<String> HOSTNAME = Setting.text(
                    INIT,
                    "jmpi.hostname",
                    null,
                    "host",
                    "This host's name for Jmpi.processorName() (jmpirun sets it); default: the resolver's name.")
            .defaultText("the resolver's");

    /** Every core setting. */
    public static final List<Setting<?>> ALL = List.of(
            EAGER_LIMIT_BYTES,
            UNEXPECTED_BYTES,
            CHECK_COLLECTIVES,
            COLLECTIVE_STALL,
            BCAST_PIPELINE_THRESHOLD_BYTES,
            BCAST_SEGMENT_BYTES,
            REDUCE_PIPELINE_THRESHOLD_BYTES,
            REDUCE_SEGMENT_BYTES,
            ALLREDUCE_RING_THRESHOLD_BYTES,
            ALLREDUCE_ALGORITHM,
            POOL_MAX_RETAINED_BYTES,
            STATS,
            TRACE,
            OBSERVE_DIR,
            JFR,
            STATUS_EVERY,
            TRACE_MAX_SPANS,
            JOIN_TIMEOUT,
            FINALIZE_GRACE,
            TIMELINE,
            HOSTNAME);

    /** Settings of earlier versions that are refused at init, not ignored, with what to do instead. */
    public static final java.util.Map<String, String> REMOVED = java.util.Map.of(
            "jmpi.mpijava.serialFilter",
            "it was a deny-list; expected: an allow-list set in code on every rank, "
                    + "Codecs.allowJavaSerialization(ObjectInputFilter.Config.createFilter(\"com.example.model.*;java.base/*;!*\"))");

    private CoreSettings() {}

    /**
     * The two parsers above as one class, not a method reference each: every rank initialises
     * these settings at start-up, where a lambda call site's first run costs about twice a class's
     * load (issue 16; see {@link Setting#range}).
     */
    private static final class Parser<T> implements Function<String, T> {
        private final boolean checkMode;

        Parser(boolean checkMode) {
            this.checkMode = checkMode;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T apply(String s) {
            return (T) (checkMode ? checkMode(s) : AllreduceAlgorithm.parse(s));
        }
    }

    private static CollectiveChecks.Mode checkMode(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "strict" -> CollectiveChecks.Mode.STRICT;
            case "on", "true" -> CollectiveChecks.Mode.ON;
            case "off", "false" -> CollectiveChecks.Mode.OFF;
            default -> throw new IllegalArgumentException(value);
        };
    }
}
