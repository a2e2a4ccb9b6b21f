package dev.jmpi.launcher;

import dev.jmpi.core.internal.CoreSettings;
import dev.jmpi.transport.config.ConfigSource;
import dev.jmpi.transport.config.Setting;
import java.util.Map;

/**
 * Makes every bcast use the binomial tree when a job puts more ranks on this host than it has
 * cores. The pipelined chain, chosen for large bcasts, moves each segment through every rank in
 * turn, so it runs at the pace of the slowest-scheduled rank: with ranks waiting for a core, each
 * segment waits for a context switch at every hop. The tree needs only log2(P) rounds, and a rank
 * that has its data goes on without waiting for the rest (measured before: the tree beat the chain
 * in 5 of 6 rounds, at about half the CPU per bcast). jmpirun therefore gives every rank
 * {@code JMPI_BCAST_PIPELINE_THRESHOLD_BYTES=}{@link Long#MAX_VALUE}, a size no bcast reaches.
 *
 * <p>Only when every rank runs on this host: cores elsewhere are not known here, and every rank of
 * a job must pick the same algorithm, so the threshold must be one value for the whole job. The
 * user's own value wins, wherever it was set: {@code -x}, {@code --jvm-opt=-D...}, or jmpirun's
 * own environment and properties.
 */
final class OversubscribedCollectives {

    /** The rank setting jmpirun changes. */
    static final Setting<Long> BCAST_THRESHOLD = CoreSettings.BCAST_PIPELINE_THRESHOLD_BYTES;

    /** A threshold no bcast reaches (its bytes are at most 2^31 elements of 8 bytes): the tree at every size. */
    static final String TREE_ALWAYS = Long.toString(Long.MAX_VALUE);

    /** Fewest ranks at which a bcast can use the chain (a chain of two is one message). */
    private static final int CHAIN_MIN_RANKS = 3;

    private OversubscribedCollectives() {}

    /**
     * The variables jmpirun adds to every rank's environment for {@code spec} (empty: none), and
     * with {@code -v} one line saying what it did and why, or why it left the threshold alone.
     *
     * @param cores    cores of this host that the ranks may use
     * @param launcher jmpirun's own settings (its environment and {@code jmpi.*} properties)
     */
    static Map<String, String> rankEnvironment(JobSpec spec, int cores, ConfigSource launcher, Log log) {
        int ranks = spec.size();
        if (ranks < CHAIN_MIN_RANKS
                || ranks <= cores
                || spec.placements().stream().anyMatch(spec::remote)) {
            return Map.of();
        }
        String crowded = ranks + " ranks on this host, which has " + cores + " core" + (cores == 1 ? "" : "s");
        String userValue = userValue(spec, launcher);
        if (userValue != null) {
            log.verbose(
                    1,
                    "bcast: " + crowded + ", but " + BCAST_THRESHOLD.property() + " is set (" + userValue
                            + "); jmpirun leaves it as given");
            return Map.of();
        }
        log.verbose(
                1,
                "bcast: " + crowded + ", so ranks get " + BCAST_THRESHOLD.env() + "=" + TREE_ALWAYS
                        + " (binomial tree at every size: the pipelined chain needs every rank running at once);"
                        + " to choose yourself, pass -x " + BCAST_THRESHOLD.env() + "=SIZE (default "
                        + BCAST_THRESHOLD.defaultText() + ")");
        return Map.of(BCAST_THRESHOLD.env(), TREE_ALWAYS);
    }

    /** Where the user set the threshold, as they would write it, or null if nowhere. */
    private static String userValue(JobSpec spec, ConfigSource launcher) {
        for (String name : BCAST_THRESHOLD.names()) {
            String where = launcher.whereSet(name);
            if (where != null) {
                return "jmpirun's " + where; // passed on to the ranks (RankEnvironment.inheritedSettings)
            }
            if (spec.extraEnv().containsKey(name)) {
                return "-x " + name;
            }
            for (String option : spec.jvmOptions()) {
                if (option.startsWith("-D" + name + "=")) {
                    return "--jvm-opt=" + option;
                }
            }
        }
        return null;
    }
}
