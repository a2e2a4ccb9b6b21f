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

/** {@link SpinPolicy}: a long busy spin when bound apart, a short one when not, polling with yields when oversubscribed. */
class SpinPolicyTest {

    @Test
    void aCorePerRankNotBoundApartSpinsBusyFor200Micros() {
        assertEquals(200_000, SpinPolicy.spinNanos(null, 2, 2, 2));
        assertEquals(200_000, SpinPolicy.spinNanos(null, 1, 8, 8));
        assertFalse(SpinPolicy.yields(null, 2, 2));
        assertFalse(SpinPolicy.yields(null, 1, 8));
    }

    @Test
    void aRankBoundToItsShareOfTheHostSpinsBusyFor10Millis() {
        assertEquals(10_000_000, SpinPolicy.spinNanos(null, 2, 2, 1));
        assertEquals(10_000_000, SpinPolicy.spinNanos(null, 4, 16, 4));
    }

    @Test
    void moreRanksThanCoresPollWithYieldsInsteadOfBlockingAtOnce() {
        assertEquals(1_000_000, SpinPolicy.spinNanos(null, 4, 2, 2));
        assertEquals(1_000_000, SpinPolicy.spinNanos(null, 4, 2, 1), "bound, but sharing a CPU with another rank");
        assertTrue(SpinPolicy.yields(null, 4, 2));
        assertTrue(SpinPolicy.yields(null, 3, 2));
    }

    @Test
    void configuredValuesWinOverTheAdaptiveDefault() {
        assertEquals(0, SpinPolicy.spinNanos(Duration.ZERO, 4, 2, 2));
        assertEquals(5_000, SpinPolicy.spinNanos(Duration.ofNanos(5_000), 2, 2, 1));
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
    void aRankBoundToItsShareOfTheHostSpinsLongAndJudgesOversubscriptionByTheHostsCores() {
        // jmpirun pins each rank to its share of the host's CPUs and says how many the host
        // has: the rank's affinity mask then holds fewer CPUs than the host, and every rank has a core.
        int pinned = AllowedCpus.count(Runtime.getRuntime().availableProcessors());
        String host = Integer.toString(2 * pinned);
        MeshConfig bound = config(Map.of("JMPI_LOCAL_SIZE", "2", "JMPI_HOST_CORES", host));
        assertFalse(bound.spinYields());
        assertEquals(10_000_000, bound.spinNanos());
        String all = Integer.toString(pinned);
        MeshConfig unbound = config(Map.of("JMPI_LOCAL_SIZE", "1", "JMPI_HOST_CORES", all));
        assertFalse(unbound.spinYields());
        assertEquals(200_000, unbound.spinNanos());
        MeshConfig crowded = config(Map.of("JMPI_LOCAL_SIZE", host + "1", "JMPI_HOST_CORES", host));
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
