package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PeerLivenessHandler} with a hand-driven clock: time advances, nothing sleeps. */
class PeerLivenessHandlerTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private PeerLivenessHandler handler;
    private EmbeddedChannel ch;
    private ChannelHandlerContext ctx;

    @BeforeEach
    void setUp() {
        handler = new PeerLivenessHandler(1_000, 10_000, clock::get);
        ch = new EmbeddedChannel(handler);
        ctx = ch.pipeline().context(handler);
    }

    private void advanceMs(long ms) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
        handler.check(ctx);
    }

    @Test
    void sendsAHeartbeatOnlyAfterAnIdleInterval() {
        advanceMs(999);
        assertNull(ch.readOutbound());
        advanceMs(1);
        OutboundFrame hb = ch.readOutbound();
        assertTrue(hb.control().hasHeartbeat());
        advanceMs(500);
        assertNull(ch.readOutbound(), "the heartbeat itself counts as a write");
    }

    @Test
    void silenceBeyondTheTimeoutFailsTheConnectionNamingBothDurations() {
        advanceMs(9_999);
        ch.checkException();
        assertTrue(ch.isOpen());
        advanceMs(1);
        PeerLivenessHandler.LivenessTimeoutException e =
                assertThrows(PeerLivenessHandler.LivenessTimeoutException.class, ch::checkException);
        assertEquals("no traffic for 10000 ms (timeout 10000 ms)", e.getMessage());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void anyReadResetsTheSilence() {
        advanceMs(9_000);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        ((io.netty.buffer.ByteBuf) ch.readInbound()).release();
        advanceMs(9_000);
        ch.checkException();
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void theScheduledCheckRunsOnTheEventLoop() {
        clock.addAndGet(TimeUnit.SECONDS.toNanos(11));
        ch.advanceTimeBy(600, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThrows(PeerLivenessHandler.LivenessTimeoutException.class, ch::checkException);
        ch.finishAndReleaseAll();
    }
}
