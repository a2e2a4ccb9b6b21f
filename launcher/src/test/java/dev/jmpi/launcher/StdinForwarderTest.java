package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Forwarding jmpirun's stdin to a rank, and stopping it when the job ends. */
@Timeout(60)
class StdinForwarderTest {

    @Test
    void forwardsWhatArrivesAndStopsWhileBlockedOnAnOpenInput() throws Exception {
        Pipe pipe = Pipe.open();
        InputStream in = Channels.newInputStream(pipe.source());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread forwarder = StdinForwarder.start(in, out, 0);
        pipe.sink().write(ByteBuffer.wrap("line\n".getBytes(StandardCharsets.UTF_8)));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (out.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("line\n", out.toString(StandardCharsets.UTF_8));
        // The input stays open (a terminal, a pipe nobody closes): the thread is blocked in read.
        StdinForwarder.stop(forwarder);
        forwarder.join(30_000);
        assertFalse(forwarder.isAlive(), "the forwarder still blocks in read after stop: the JVM's exit would wait");
        pipe.sink().close();
    }
}
