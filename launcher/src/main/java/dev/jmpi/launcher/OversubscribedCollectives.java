package dev.jmpi.launcher;

import dev.jmpi.core.internal.CoreSettings;
import dev.jmpi.transport.config.ConfigSource;
import dev.jmpi.transport.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes every bcast and reduce use the binomial tree when a job puts more ranks on this host than
 * it has cores. The pipelined chains, chosen for large bcasts and reduces, move each segment
 * through every rank in turn, so they run at the pace of the slowest-scheduled rank: with ranks
 * waiting for a core, each segment waits for a context switch at every hop. The tree needs only
 * log2(P) rounds, and a rank that has its part done goes on without waiting for the rest
 * (measured at np=4 on 2 cores: the bcast tree beat the chain in 5 of 6 rounds at about half the
 * CPU; the reduce tree beat it in 7 of 7 rounds at 1 MiB, by about a quarter, and tied at 8 MiB).
 * jmpirun therefore gives every rank {@code JMPI_BCAST_PIPELINE_THRESHOLD_BYTES} and
 * {@code JMPI_REDUCE_PIPELINE_THRESHOLD_BYTES} of {@link Long#MAX_VALUE}, a size no call reaches.
 *
 * <p>Only when every rank runs on this host: cores elsewhere are not known here, and every rank of
 * a job must pick the same algorithm, so a threshold must be one value for the whole job. The
 * user's own value of either wins, wherever it was set: {@code -x}, {@code --jvm-opt=-D...}, or
 * jmpirun's own environment and properties.
 */
final class OversubscribedCollectives {

    /** A rank setting jmpirun changes, and the collective whose algorithm it chooses. */
    record ChainThreshold(String collective, Setting<Long> setting) {}

    /** The rank settings jmpirun changes. */
    static final List<ChainThreshold> CHAIN_THRESHOLDS = List.of(
            new ChainThreshold("bcast", CoreSettings.BCAST_PIPELINE_THRESHOLD_BYTES),
            new ChainThreshold("reduce", CoreSettings.REDUCE_PIPELINE_THRESHOLD_BYTES));

    /** A threshold no call reaches (its bytes are at most 2^31 elements of 8 bytes): the tree at every size. */
    static final String TREE_ALWAYS = Long.toString(Long.MAX_VALUE);

    /** Fewest ranks at which a chain can be chosen (a chain of two is one message). */
    private static final int CHAIN_MIN_RANKS = 3;

    private OversubscribedCollectives() {}

    /**
     * The variables jmpirun adds to every rank's environment for {@code spec} (empty: none), and
     * with {@code -v} one line per threshold saying what it did and why, or why it left the
     * threshold alone.
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
        Map<String, String> env = new LinkedHashMap<>();
        for (ChainThreshold chain : CHAIN_THRESHOLDS) {
            String collective = chain.collective();
            Setting<Long> threshold = chain.setting();
            String userValue = userValue(threshold, spec, launcher);
            if (userValue != null) {
                log.verbose(
                        1,
                        collective + ": " + crowded + ", but " + threshold.property() + " is set (" + userValue
                                + "); jmpirun leaves it as given");
                continue;
            }
            log.verbose(
                    1,
                    collective + ": " + crowded + ", so ranks get " + threshold.env() + "=" + TREE_ALWAYS
                            + " (binomial tree at every size: the pipelined chain needs every rank running at once);"
                            + " to choose yourself, pass -x " + threshold.env() + "=SIZE (default "
                            + threshold.defaultText() + ")");
            env.put(threshold.env(), TREE_ALWAYS);
        }
        return env;
    }

    /** Where the user set {@code threshold}, as they would write it, or null if nowhere. */
    private static String userValue(Setting<Long> threshold, JobSpec spec, ConfigSource launcher) {
        for (String name : threshold.names()) {
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
