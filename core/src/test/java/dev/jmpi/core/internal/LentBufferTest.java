package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LentBufferTest {

    @Test
    void aLentBufferReadsTheUsersMemoryWithoutACopyAndReportsItsReturnOnlyOnRelease() {
        ByteBuffer user = ByteBuffer.allocateDirect(16);
        user.position(4);
        AtomicInteger returned = new AtomicInteger();
        LentBuffer lent = new LentBuffer(user, 2, 8, returned::incrementAndGet);
        assertEquals(8, lent.readableBytes());
        user.put(4 + 2 + 3, (byte) 42); // written after lending: seen through the lent buffer
        assertEquals(42, lent.getByte(3));
        lent.retain();
        lent.release();
        assertEquals(0, returned.get(), "returned while the transport still held a reference");
        assertTrue(lent.release());
        assertEquals(1, returned.get());
        user.put(0, (byte) 7); // still the user's memory, not freed
        assertEquals(7, user.get(0));
        assertEquals(4, user.position(), "lending moved the user's position");
    }

    @Test
    void onlyWritableDirectBuffersAreLent() {
        assertTrue(LentBuffer.canLend(ByteBuffer.allocateDirect(8)));
        assertFalse(LentBuffer.canLend(ByteBuffer.allocate(8)));
        assertFalse(LentBuffer.canLend(ByteBuffer.allocateDirect(8).asReadOnlyBuffer()));
        assertFalse(LentBuffer.canLend(new byte[8]));
    }
}
