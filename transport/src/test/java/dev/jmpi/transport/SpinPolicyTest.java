package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.transport.config.ConfigException;
import dev.jmpi.transport.config.ConfigSource;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** {@link SpinPolicy}: busy spin with a core per rank, polling with yields when oversubscribed. */
class SpinPolicyTest {

    @Test
    void aCorePerRankSpinsBusyFor200Micros() {
        assertEquals(200_000, SpinPolicy.spinNanos(null, 2, 2));
        assertFalse(SpinPolicy.yields(null, 2, 2));
        assertFalse(SpinPolicy.yields(null, 1, 8));
    }

    @Test
    void moreRanksThanCoresPollWithYieldsInsteadOfBlockingAtOnce() {
        assertEquals(1_000_000, SpinPolicy.spinNanos(null, 4, 2));
        assertTrue(SpinPolicy.yields(null, 4, 2));
        assertTrue(SpinPolicy.yields(null, 3, 2));
    }

    @Test
    void configuredValuesWinOverTheAdaptiveDefault() {
        assertEquals(0, SpinPolicy.spinNanos(Duration.ZERO, 4, 2));
        assertEquals(5_000, SpinPolicy.spinNanos(Duration.ofNanos(5_000), 2, 2));
        assertFalse(SpinPolicy.yields(Boolean.FALSE, 4, 2));
        assertTrue(SpinPolicy.yields(Boolean.TRUE, 1, 2));
    }

    @Test
    void meshConfigReadsSpinYieldAsAutoOrAFlag() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(
                config(Map.of("JMPI_LOCAL_SIZE", Integer.toString(cores + 1))).spinYields());
        assertFalse(config(Map.of("JMPI_LOCAL_SIZE", Integer.toString(cores))).spinYields());
        assertTrue(
                config(Map.of("JMPI_LOCAL_SIZE", "1", "JMPI_SPIN_YIELD", "on")).spinYields());
        assertFalse(config(Map.of("JMPI_LOCAL_SIZE", Integer.toString(cores + 1), "JMPI_SPIN_YIELD", "false"))
                .spinYields());
        assertFalse(config(Map.of("JMPI_LOCAL_SIZE", "1", "JMPI_SPIN_YIELD", "auto"))
                .spinYields());
        Executable bad = () -> config(Map.of("JMPI_SPIN_YIELD", "sometimes"));
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, bad);
        assertTrue(e.getMessage().contains("auto, true or false"), e.getMessage());
    }

    @Test
    void aRankBoundToItsShareOfTheCoresJudgesOversubscriptionByTheHostsCores() {
        // jmpirun binds each of 2 ranks on a 2-core host to one core and says the host has 2:
        // the rank's JVM sees 1 CPU, but every rank still has a core, so it spins busy.
        MeshConfig bound = config(Map.of("JMPI_LOCAL_SIZE", "2", "JMPI_HOST_CORES", "2"));
        assertFalse(bound.spinYields());
        assertEquals(200_000, bound.spinNanos());
        MeshConfig crowded = config(Map.of("JMPI_LOCAL_SIZE", "3", "JMPI_HOST_CORES", "2"));
        assertTrue(crowded.spinYields());
        assertEquals(1_000_000, crowded.spinNanos());
    }

    private static MeshConfig config(Map<String, String> env) {
        return MeshConfig.builder()
                .settings(ConfigSource.of(env, new Properties()))
                .rank(0)
                .size(2)
                .jobId("j")
                .secret(new byte[16])
                .build();
    }
}
