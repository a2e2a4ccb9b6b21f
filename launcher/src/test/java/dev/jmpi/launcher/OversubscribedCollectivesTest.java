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
 * jmpirun makes every bcast use the binomial tree when all ranks share this host and outnumber its
 * cores, says so with -v, and leaves the threshold alone otherwise or when the user set it.
 */
@Timeout(30)
class OversubscribedCollectivesTest {

    private static final String VAR = "JMPI_BCAST_PIPELINE_THRESHOLD_BYTES";
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

        assertEquals(Map.of(VAR, "9223372036854775807"), env);
        // What a rank resolves from that variable: a threshold no bcast's byte count reaches.
        assertEquals(
                Long.MAX_VALUE,
                JmpiConfig.from(ConfigSource.of(env, Map.of())).algorithms().bcastPipelineThresholdBytes());
        String line = err.toString();
        assertEquals(1, line.lines().count(), line);
        for (String part : new String[] {"6 ranks on this host, which has 2 cores", "binomial tree", "-x " + VAR}) {
            assertTrue(line.contains(part), "missing '" + part + "': " + line);
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

        assertEquals(Map.of(), OversubscribedCollectives.rankEnvironment(byX, 2, NOTHING_SET, verbose));
        assertEquals(Map.of(), OversubscribedCollectives.rankEnvironment(byJvmOpt, 2, NOTHING_SET, verbose));
        assertEquals(
                Map.of(), OversubscribedCollectives.rankEnvironment(localJob(6), 2, inJmpirunsEnvironment, verbose));
        List<String> lines = err.toString().lines().toList();
        assertEquals(3, lines.size(), err.toString());
        assertTrue(lines.get(0).contains("is set (-x " + VAR + "); jmpirun leaves it as given"), lines.get(0));
        assertTrue(lines.get(1).contains("--jvm-opt=-Djmpi.bcast.pipelineThresholdBytes=1m"), lines.get(1));
        assertTrue(lines.get(2).contains("is set (jmpirun's environment variable " + VAR + ")"), lines.get(2));
    }
}
