package dev.jmpi.transport.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ConfigSource}: precedence, old names, and errors that say where a value came from. */
class ConfigSourceTest {

    private static final Setting<Long> SIZE =
            Setting.bytes("test", "jmpi.test.bufferBytes", 1024, "A size.").check(v -> v >= 16, ">= 16");
    private static final Setting<Duration> WAIT = Setting.duration(
                    "test", "jmpi.test.wait", Duration.ofSeconds(1), ChronoUnit.MILLIS, "A wait.")
            .aliases("jmpi.test.waitMs", "JMPI_TEST_WAIT_MILLIS");
    private static final Setting<String> HOST = Setting.text("test", "jmpi.test.host", null, "host", "A host.");

    @Test
    void environmentNamesFollowOneRule() {
        assertEquals("JMPI_TEST_BUFFER_BYTES", SIZE.env());
        assertEquals("JMPI_FLOW_UNEXPECTED_BYTES", Setting.envNameOf("jmpi.flow.unexpectedBytes"));
        assertEquals("JMPI_TLS_KEY_STORE", Setting.envNameOf("jmpi.tls.keyStore"));
        assertEquals("JMPI_CHECK_COLLECTIVES", Setting.envNameOf("jmpi.checkCollectives"));
    }

    @Test
    void codeBeatsPropertiesBeatEnvironmentBeatsDefault() {
        assertEquals(1024, ConfigSource.defaults().get(SIZE));
        assertEquals("default", ConfigSource.defaults().resolve(SIZE).origin());
        ConfigSource env = ConfigSource.of(Map.of("JMPI_TEST_BUFFER_BYTES", "2k"), Map.of());
        assertEquals(2048, env.get(SIZE));
        assertEquals(
                "environment variable JMPI_TEST_BUFFER_BYTES", env.resolve(SIZE).origin());
        ConfigSource props =
                ConfigSource.of(Map.of("JMPI_TEST_BUFFER_BYTES", "2k"), Map.of("jmpi.test.bufferBytes", "4k"));
        assertEquals(4096, props.get(SIZE));
        ConfigSource code = props.with(SIZE, 64L);
        assertEquals(64, code.get(SIZE));
        assertEquals("code", code.resolve(SIZE).origin());
        assertNull(ConfigSource.defaults().getOrNull(HOST));
        assertNull(ConfigSource.of(Map.of("JMPI_TEST_HOST", "  "), Map.of()).getOrNull(HOST), "blank is unset");
        // get() is for settings that have a value: an optional one that is unset fails naming it.
        ConfigException unset = assertThrows(
                ConfigException.class, () -> ConfigSource.defaults().get(HOST));
        assertTrue(unset.getMessage().contains("jmpi.test.host is not set"), unset.getMessage());
        assertEquals(
                "h", ConfigSource.of(Map.of("JMPI_TEST_HOST", "h"), Map.of()).get(HOST));
    }

    @Test
    void oldNamesAreReadAfterTheCurrentOneAtTheSameLevelWithTheirBareUnit() {
        assertEquals(
                Duration.ofMillis(250),
                ConfigSource.of(Map.of(), Map.of("jmpi.test.waitMs", "250")).get(WAIT));
        assertEquals(
                Duration.ofSeconds(2),
                ConfigSource.of(Map.of(), Map.of("jmpi.test.waitMs", "250", "jmpi.test.wait", "2s"))
                        .get(WAIT));
        assertEquals(
                Duration.ofMillis(250),
                ConfigSource.of(Map.of("JMPI_TEST_WAIT", "9s"), Map.of("jmpi.test.waitMs", "250"))
                        .get(WAIT),
                "a property, even under an old name, beats the environment");
        assertEquals(
                Duration.ofMillis(7),
                ConfigSource.of(Map.of("JMPI_TEST_WAIT_MILLIS", "7"), Map.of()).get(WAIT));
    }

    @Test
    void errorsNameTheSettingTheValueItsSourceAndTheExpectation() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> ConfigSource.of(Map.of(), Map.of("jmpi.test.bufferBytes", "lots"))
                        .get(SIZE));
        assertEquals(
                "jmpi.test.bufferBytes=lots from system property jmpi.test.bufferBytes (expected: a size such as"
                        + " 4096, 1k, 64m or 2g (binary units), >= 16)",
                e.getMessage());
        e = assertThrows(
                ConfigException.class,
                () -> ConfigSource.of(Map.of("JMPI_TEST_BUFFER_BYTES", "8"), Map.of())
                        .get(SIZE));
        assertEquals(
                "jmpi.test.bufferBytes=8 from environment variable JMPI_TEST_BUFFER_BYTES (expected: a size such"
                        + " as 4096, 1k, 64m or 2g (binary units), >= 16)",
                e.getMessage());
        e = assertThrows(
                ConfigException.class,
                () -> ConfigSource.of(Map.of(), Map.of("jmpi.test.waitMs", "soon"))
                        .get(WAIT));
        assertEquals(
                "jmpi.test.wait=soon from system property jmpi.test.waitMs (old name of jmpi.test.wait)"
                        + " (expected: a duration such as 500ms, 30s or 5m, or a bare number of milliseconds (deprecated),"
                        + " not negative)",
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigSource.defaults().with(SIZE, 3L));
        assertEquals(
                "jmpi.test.bufferBytes=3 set in code (expected: a size such as 4096, 1k, 64m or 2g"
                        + " (binary units), >= 16)",
                e.getMessage());
    }

    @Test
    void rangeAndAtLeastAcceptTheirEndsAndRefuseOneBeyondWithTheExpectation() {
        Setting<Long> count =
                Setting.number("test", "jmpi.test.count", 8, "A count.").range(8, Integer.MAX_VALUE, ">= 8 and < 2g");
        assertEquals(8L, props("jmpi.test.count", "8").get(count));
        assertEquals(
                (long) Integer.MAX_VALUE, props("jmpi.test.count", "2147483647").get(count));
        for (String bad : new String[] {"7", "2147483648", "-1"}) {
            ConfigException e = assertThrows(
                    ConfigException.class, () -> props("jmpi.test.count", bad).get(count));
            assertEquals(
                    "jmpi.test.count=" + bad + " from system property jmpi.test.count (expected: a whole number,"
                            + " >= 8 and < 2g)",
                    e.getMessage());
        }
        Setting<Duration> beat = Setting.duration("test", "jmpi.test.beat", Duration.ofSeconds(1), null, "A beat.")
                .atLeast(Duration.ofMillis(1), ">= 1ms");
        assertEquals(Duration.ofMillis(1), props("jmpi.test.beat", "1ms").get(beat));
        assertEquals(Duration.ofMinutes(5), props("jmpi.test.beat", "5m").get(beat));
        ConfigException e = assertThrows(
                ConfigException.class, () -> props("jmpi.test.beat", "999us").get(beat));
        assertEquals(
                "jmpi.test.beat=999us from system property jmpi.test.beat (expected: a duration such as 500ms, 30s"
                        + " or 5m, not negative, >= 1ms)",
                e.getMessage());
        assertThrows(ConfigException.class, () -> ConfigSource.defaults().with(beat, Duration.ZERO));
        assertThrows(ConfigException.class, () -> ConfigSource.defaults().with(count, 7L));
        assertEquals(9L, ConfigSource.defaults().with(count, 9L).get(count));
    }

    private static ConfigSource props(String property, String value) {
        return ConfigSource.of(Map.of(), Map.of(property, value));
    }
}
