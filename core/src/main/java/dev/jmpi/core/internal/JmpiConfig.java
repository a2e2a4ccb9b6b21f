package dev.jmpi.core.internal;

import dev.jmpi.core.algorithm.AlgorithmThresholds;
import dev.jmpi.core.observe.ObserveConfig;
import dev.jmpi.transport.TransportSettings;
import dev.jmpi.transport.config.ConfigException;
import dev.jmpi.transport.config.ConfigSource;
import dev.jmpi.transport.config.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Everything a rank's core is configured with, resolved and validated once, at init, from a
 * {@link ConfigSource} ({@link #from}), and passed by constructor to the {@link World} and from
 * there to whatever needs it. Immutable. The transport's tunables are resolved from
 * {@link #source()} into the mesh's {@link dev.jmpi.transport.MeshConfig} when the mesh is built.
 *
 * @param source        what the values were resolved from (the mesh reads its settings from it)
 * @param flow          point-to-point flow control
 * @param checks        collective call checking
 * @param algorithms    collective algorithm thresholds
 * @param poolMaxBytes  most bytes of scratch arrays kept by the world's pool
 * @param observe       what the rank records
 * @param joinTimeout   how long joining may take
 * @param finalizeGrace grace after a peer's finalize before its unmatched receives fail
 * @param timeline      send start-up and end marks to jmpirun
 * @param hostname      this host's name as the launcher gives it, or null
 */
public record JmpiConfig(
        ConfigSource source,
        FlowConfig flow,
        CollectiveChecks checks,
        AlgorithmThresholds algorithms,
        long poolMaxBytes,
        ObserveConfig observe,
        Duration joinTimeout,
        Duration finalizeGrace,
        boolean timeline,
        @Nullable String hostname) {

    /**
     * Resolves every core setting from {@code source}.
     *
     * @throws dev.jmpi.transport.config.ConfigException naming the first bad setting, its value,
     *                                                   where it came from and what was expected
     */
    public static JmpiConfig from(ConfigSource source) {
        for (var removed : CoreSettings.REMOVED.entrySet()) {
            String where = source.whereSet(removed.getKey());
            if (where != null) {
                throw new ConfigException(where + " is no longer read (" + removed.getValue() + ")");
            }
        }
        FlowConfig flow =
                new FlowConfig(source.get(CoreSettings.EAGER_LIMIT_BYTES), source.get(CoreSettings.UNEXPECTED_BYTES));
        CollectiveChecks checks = new CollectiveChecks(
                source.get(CoreSettings.CHECK_COLLECTIVES),
                source.get(CoreSettings.COLLECTIVE_STALL).toNanos());
        AlgorithmThresholds algorithms = new AlgorithmThresholds(
                source.get(CoreSettings.BCAST_PIPELINE_THRESHOLD_BYTES),
                source.get(CoreSettings.BCAST_SEGMENT_BYTES).intValue(),
                source.get(CoreSettings.REDUCE_PIPELINE_THRESHOLD_BYTES),
                source.get(CoreSettings.REDUCE_SEGMENT_BYTES).intValue(),
                source.get(CoreSettings.ALLREDUCE_RING_THRESHOLD_BYTES),
                source.get(CoreSettings.ALLREDUCE_ALGORITHM));
        String dir = source.getOrNull(CoreSettings.OBSERVE_DIR);
        ObserveConfig observe = new ObserveConfig(
                source.get(CoreSettings.STATS),
                source.getOrNull(CoreSettings.TRACE),
                dir == null ? null : Path.of(dir),
                source.get(CoreSettings.JFR) || ObserveConfig.jfrRecording(),
                source.get(CoreSettings.STATUS_EVERY).toMillis(),
                source.get(CoreSettings.TRACE_MAX_SPANS).intValue());
        return new JmpiConfig(
                source,
                flow,
                checks,
                algorithms,
                source.get(CoreSettings.POOL_MAX_RETAINED_BYTES),
                observe,
                source.get(CoreSettings.JOIN_TIMEOUT),
                source.get(CoreSettings.FINALIZE_GRACE),
                source.get(CoreSettings.TIMELINE),
                source.getOrNull(CoreSettings.HOSTNAME));
    }

    /**
     * The rank setting (core or transport) named {@code name}, by property, variable or old name.
     *
     * @throws dev.jmpi.InvalidArgumentException naming {@code name} if no setting has it
     */
    public static Setting<?> requireKnown(String name) {
        for (List<Setting<?>> group : List.of(TransportSettings.ALL, CoreSettings.ALL)) {
            for (Setting<?> s : group) {
                if (s.names().contains(name)) {
                    return s;
                }
            }
        }
        throw new dev.jmpi.InvalidArgumentException(
                "setting " + name + " (expected: a jmpi.* or JMPI_* name listed in docs/configuration.md)");
    }

    /** The defaults, with nothing read from the process (tests). */
    public static JmpiConfig defaults() {
        return from(ConfigSource.defaults());
    }

    /** {@link #finalizeGrace} in nanoseconds. */
    long finalizeGraceNanos() {
        return TimeUnit.NANOSECONDS.convert(finalizeGrace);
    }
}
