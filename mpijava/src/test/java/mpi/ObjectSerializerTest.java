package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.core.internal.JmpiConfig;
import dev.jmpi.transport.config.ConfigSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MPI.OBJECT decoding through core's allow-list, without ranks. */
class ObjectSerializerTest {

    @Test
    void jdkClassesRoundTripUnderTheDefaultAllowList() {
        Object[] sent = {"s", 3, new int[] {1, 2}, List.of("a", 1), null};
        assertArrayEquals(sent, ObjectSerializer.read(ObjectSerializer.write(sent, 0, sent.length)));
    }

    @Test
    void theOldDenyListPropertyIsRefusedAtInitNotIgnored() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> JmpiConfig.from(ConfigSource.of(Map.of(), Map.of("jmpi.mpijava.serialFilter", "!com.evil.*"))));
        assertTrue(
                e.getMessage().startsWith("system property jmpi.mpijava.serialFilter is no longer read"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Codecs.allowJavaSerialization("), e.getMessage());
    }
}
