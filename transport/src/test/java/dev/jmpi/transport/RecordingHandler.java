package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records what a transport delivers: each message's header, length and CRC (the payload is
 * released at once), controls and failures, in arrival order.
 */
final class RecordingHandler implements InboundHandler {

    record Received(Header header, int length, long crc, String thread) {}

    record ControlEvent(int source, Control control) {}

    final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<ControlEvent> controls = new LinkedBlockingQueue<>();
    final BlockingQueue<PeerFailure> failures = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(Header header, ByteBuf payload) {
        try {
            messages.add(new Received(
                    header,
                    payload.readableBytes(),
                    TestPayloads.crc(payload),
                    Thread.currentThread().getName()));
        } finally {
            payload.release();
        }
    }

    @Override
    public void onControl(int source, Control control) {
        controls.add(new ControlEvent(source, control));
    }

    @Override
    public void onPeerFailure(PeerFailure failure) {
        failures.add(failure);
    }

    Received nextMessage(long timeoutMs) throws InterruptedException {
        Received r = messages.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (r == null) {
            fail("no message within " + timeoutMs + " ms");
        }
        return r;
    }

    PeerFailure nextFailure(long timeoutMs) throws InterruptedException {
        PeerFailure f = failures.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (f == null) {
            fail("no peer failure within " + timeoutMs + " ms");
        }
        return f;
    }
}
