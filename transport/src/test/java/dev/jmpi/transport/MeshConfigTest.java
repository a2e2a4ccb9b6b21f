package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.transport.config.ConfigSource;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** {@link MeshConfig}: defaults, system properties and validation messages. */
class MeshConfigTest {

    private static MeshConfig.Builder valid() {
        return MeshConfig.builder().rank(1).size(4).jobId("j").secret(NettyMeshes.SECRET);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        MeshConfig c = valid().bindHost("127.0.0.1").build();
        assertEquals(16 * 1024 * 1024, c.maxFrameBytes());
        assertEquals(1024 * 1024, c.chunkBytes());
        assertEquals(1_000, c.heartbeatIntervalMs());
        assertEquals(30_000, c.heartbeatTimeoutMs());
        assertEquals(60_000, c.connectTimeoutMs());
        assertEquals(0, c.firstPort());
        assertEquals("127.0.0.1", c.advertisedHost(), "advertises the bind host when it is not a wildcard");
        assertEquals(TlsConfig.Mode.OFF, c.tls().mode());
    }

    @Test
    void settingsOverrideTunablesUnderOldAndNewNames() {
        Properties p = new Properties();
        p.setProperty("jmpi.heartbeatIntervalMs", "250");
        p.setProperty("jmpi.heartbeatTimeout", "3s");
        p.setProperty("jmpi.port", "7100-7199");
        p.setProperty("jmpi.ioMode", "nio");
        p.setProperty("jmpi.tls", "job");
        p.setProperty("jmpi.chunkBytes", "64k");
        MeshConfig c = MeshConfig.builder()
                .settings(ConfigSource.of(Map.of("JMPI_SPIN", "5us"), p))
                .rank(0)
                .size(4)
                .jobId("j")
                .secret(new byte[16])
                .build();
        assertEquals(64 * 1024, c.chunkBytes());
        assertEquals(5_000, c.spinNanos());
        assertEquals(250, c.heartbeatIntervalMs());
        assertEquals(3000, c.heartbeatTimeoutMs());
        assertEquals(7100, c.firstPort());
        assertEquals(7199, c.lastPort());
        assertEquals(MeshConfig.IoMode.NIO, c.ioMode());
        assertEquals(TlsConfig.Mode.JOB_CERTIFICATE, c.tls().mode());
    }

    @Test
    void invalidSettingsAreNamedWithTheirExpectation() {
        assertEquals(
                "invalid MeshConfig: rank=4 (expected: 0 <= rank < size=4)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().rank(4).build())
                        .getMessage());
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> valid().chunkBytes(16 * 1024 * 1024).build())
                .getMessage()
                .startsWith(
                        "invalid MeshConfig: chunkBytes=16777216 (expected: 1 <= chunkBytes <= maxFrameBytes - 4096"));
        assertEquals(
                "invalid MeshConfig: heartbeatTimeoutMs=1500 (expected: >= 2 * heartbeatIntervalMs=2000)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().heartbeatTimeoutMs(1500).build())
                        .getMessage());
        assertEquals(
                "invalid MeshConfig: secret of 3 bytes (expected: >= 16 bytes)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().secret(new byte[3]).build())
                        .getMessage());
        assertEquals(
                "jmpi.heartbeatTimeout=1500ms (system property jmpi.heartbeatTimeoutMs) with"
                        + " jmpi.heartbeatInterval=1s (default) (expected: jmpi.heartbeatTimeout >= 2 * jmpi.heartbeatInterval)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().settings(
                                                ConfigSource.of(Map.of(), Map.of("jmpi.heartbeatTimeoutMs", "1500"))))
                        .getMessage());
        assertEquals(
                "jmpi.port=x from environment variable JMPI_PORT"
                        + " (expected: a port, or first-last with 1 <= first <= last <= 65535)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> valid().settings(ConfigSource.of(Map.of("JMPI_PORT", "x"), Map.of())))
                        .getMessage());
    }
}
