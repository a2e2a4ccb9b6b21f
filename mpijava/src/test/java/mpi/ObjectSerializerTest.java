package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MPI.OBJECT decoding through core's allow-list, without ranks. */
class ObjectSerializerTest {

    @Test
    void jdkClassesRoundTripUnderTheDefaultAllowList() {
        Object[] sent = {"s", 3, new int[] {1, 2}, List.of("a", 1), null};
        assertArrayEquals(sent, ObjectSerializer.read(ObjectSerializer.write(sent, 0, sent.length)));
    }

    @Test
    void theOldDenyListPropertyIsRefusedNotIgnored() {
        byte[] bytes = ObjectSerializer.write(new Object[] {"s"}, 0, 1);
        System.setProperty(ObjectSerializer.REMOVED_FILTER_PROP, "!com.evil.*");
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ObjectSerializer.read(bytes));
            assertTrue(e.getMessage().contains("-Djmpi.mpijava.serialFilter is no longer read"), e.getMessage());
            assertTrue(e.getMessage().contains("Codecs.allowJavaSerialization("), e.getMessage());
        } finally {
            System.clearProperty(ObjectSerializer.REMOVED_FILTER_PROP);
        }
    }
}
