package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.core.internal.JmpiConfig;
import dev.jmpi.transport.config.ConfigSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * jmpirun makes every bcast and reduce use the binomial tree when all ranks share this host and
 * outnumber its cores, says so with -v, and leaves each threshold alone otherwise or when the user
 * set it.
 */
@Timeout(30)
class OversubscribedCollectivesTest {

    private static final String VAR = "JMPI_BCAST_PIPELINE_THRESHOLD_BYTES";
    private static final String REDUCE_VAR = "JMPI_REDUCE_PIPELINE_THRESHOLD_BYTES";
    private static final String TREE = "9223372036854775807";
    private static final ConfigSource NOTHING_SET = ConfigSource.of(Map.of(), Map.of());

    private final StringWriter err = new StringWriter();
    private final Log verbose = new Log(new Console(new PrintWriter(new StringWriter()), new PrintWriter(err)), 1);

    /** {@code ranks} ranks on "here" (this host), the last one on {@code lastHost}. */
    private static JobSpec job(int ranks, String lastHost, Map<String, String> extraEnv, List<String> jvmOptions) {
        return TestJobs.job(ranks, lastHost, extraEnv, jvmOptions, false);
    }

    private static JobSpec localJob(int ranks) {
        return job(ranks, "here", Map.of(), List.of());
    }

    @Test
    void moreLocalRanksThanCoresGetTheTreeAtEverySizeAndVerboseSaysWhyAndHowToOverride() {
        Map<String, String> env = OversubscribedCollectives.rankEnvironment(localJob(6), 2, NOTHING_SET, verbose);

        assertEquals(Map.of(VAR, TREE, REDUCE_VAR, TREE), env);
        // What a rank resolves from those variables: thresholds no call's byte count reaches.
        var algorithms = JmpiConfig.from(ConfigSource.of(env, Map.of())).algorithms();
        assertEquals(Long.MAX_VALUE, algorithms.bcastPipelineThresholdBytes());
        assertEquals(Long.MAX_VALUE, algorithms.reducePipelineThresholdBytes());
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err.toString());
        for (String part :
                new String[] {"bcast: 6 ranks on this host, which has 2 cores", "binomial tree", "-x " + VAR}) {
            assertTrue(lines.get(0).contains(part), "missing '" + part + "': " + lines.get(0));
        }
        for (String part : new String[] {"reduce: 6 ranks", "binomial tree", "-x " + REDUCE_VAR}) {
            assertTrue(lines.get(1).contains(part), "missing '" + part + "': " + lines.get(1));
        }
    }

    @Test
    void ranksNoMoreThanCoresKeepTheDefault() {
        assertEquals(Map.of(), OversubscribedCollectives.rankEnvironment(localJob(4), 4, NOTHING_SET, verbose));
        assertEquals(Map.of(), OversubscribedCollectives.rankEnvironment(localJob(3), 8, NOTHING_SET, verbose));
        assertEquals("", err.toString());
    }

    @Test
    void aRankOnAnotherHostKeepsTheDefault() {
        JobSpec spread = job(6, "elsewhere", Map.of(), List.of());

        assertEquals(Map.of(), OversubscribedCollectives.rankEnvironment(spread, 1, NOTHING_SET, verbose));
        assertEquals("", err.toString());
    }

    @Test
    void theUsersOwnThresholdWinsWhereverItWasSet() {
        JobSpec byX = job(6, "here", Map.of(VAR, "1m"), List.of());
        JobSpec byJvmOpt = job(6, "here", Map.of(), List.of("-Djmpi.bcast.pipelineThresholdBytes=1m"));
        ConfigSource inJmpirunsEnvironment = ConfigSource.of(Map.of(VAR, "1m"), Map.of());
        Map<String, String> reduceOnly = Map.of(REDUCE_VAR, TREE);

        assertEquals(reduceOnly, OversubscribedCollectives.rankEnvironment(byX, 2, NOTHING_SET, verbose));
        assertEquals(reduceOnly, OversubscribedCollectives.rankEnvironment(byJvmOpt, 2, NOTHING_SET, verbose));
        assertEquals(
                reduceOnly, OversubscribedCollectives.rankEnvironment(localJob(6), 2, inJmpirunsEnvironment, verbose));
        List<String> bcastLines = err.toString()
                .lines()
                .filter(l -> l.startsWith("jmpirun: bcast:"))
                .toList();
        assertEquals(3, bcastLines.size(), err.toString());
        assertTrue(
                bcastLines.get(0).contains("is set (-x " + VAR + "); jmpirun leaves it as given"), bcastLines.get(0));
        assertTrue(bcastLines.get(1).contains("--jvm-opt=-Djmpi.bcast.pipelineThresholdBytes=1m"), bcastLines.get(1));
        assertTrue(
                bcastLines.get(2).contains("is set (jmpirun's environment variable " + VAR + ")"), bcastLines.get(2));
    }

    @Test
    void eachThresholdGivesWayToTheUserOnItsOwn() {
        JobSpec reduceByX = job(6, "here", Map.of(REDUCE_VAR, "2m"), List.of());

        assertEquals(Map.of(VAR, TREE), OversubscribedCollectives.rankEnvironment(reduceByX, 2, NOTHING_SET, verbose));
        assertTrue(
                err.toString()
                        .contains(
                                "reduce: 6 ranks on this host, which has 2 cores, but jmpi.reduce.pipelineThresholdBytes is set (-x "
                                        + REDUCE_VAR + ")"),
                err.toString());
    }
}
