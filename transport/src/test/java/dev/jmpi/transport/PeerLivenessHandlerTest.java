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

    /** Runs {@code ms} of time with a check every 500 ms (the check period): this rank runs. */
    private void runMs(long ms) {
        for (long t = 0; t < ms; t += 500) {
            advanceMs(Math.min(500, ms - t));
        }
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
        runMs(9_999);
        ch.checkException();
        assertTrue(ch.isOpen());
        advanceMs(1);
        PeerLivenessHandler.LivenessTimeoutException e =
                assertThrows(PeerLivenessHandler.LivenessTimeoutException.class, ch::checkException);
        assertEquals(
                "sent nothing for 10 s while this rank was running; it is frozen or unreachable"
                        + " (jmpi.heartbeatTimeout=10s)",
                e.getMessage());
        assertFalse(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void anyReadResetsTheSilence() {
        runMs(9_000);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        ((io.netty.buffer.ByteBuf) ch.readInbound()).release();
        runMs(9_000);
        ch.checkException();
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    /** Advances the clock by {@code ms} in one jump with no check in between: this rank stood still. */
    private void stallMs(long ms) {
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void ownPauseLongerThanTheTimeoutDoesNotBlameThePeer() {
        advanceMs(500);
        stallMs(11_000);
        handler.check(ctx);
        ch.checkException();
        assertTrue(ch.isOpen(), "a rank paused for 11 s blamed its peer for the silence");
    }

    @Test
    void silenceAroundOwnPauseIsStillCountedOnlyWhileRunning() {
        runMs(6_000);
        stallMs(20_000);
        handler.check(ctx);
        ch.checkException();
        assertTrue(ch.isOpen(), "6.5 s of running silence is below the 10 s timeout");
        runMs(3_000);
        ch.checkException();
        assertTrue(ch.isOpen());
        advanceMs(500);
        PeerLivenessHandler.LivenessTimeoutException e =
                assertThrows(PeerLivenessHandler.LivenessTimeoutException.class, ch::checkException);
        assertEquals(
                "sent nothing for 10 s while this rank was running; it is frozen or unreachable"
                        + " (jmpi.heartbeatTimeout=10s; this rank was itself stalled for 20 s meanwhile, not counted)",
                e.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void ownPauseBeforeTheLastReadGivesThePeerNoExtraCredit() {
        advanceMs(500);
        stallMs(11_000);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        ((io.netty.buffer.ByteBuf) ch.readInbound()).release();
        handler.check(ctx);
        runMs(9_500);
        ch.checkException();
        assertTrue(ch.isOpen());
        advanceMs(500);
        assertThrows(PeerLivenessHandler.LivenessTimeoutException.class, ch::checkException);
        ch.finishAndReleaseAll();
    }

    @Test
    void connectionFoundClosedOnWakingFromALongStallSaysThisRankStalled() {
        advanceMs(500);
        stallMs(40_000);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        ((io.netty.buffer.ByteBuf) ch.readInbound()).release();
        ch.close();
        PeerLivenessHandler.LivenessTimeoutException e =
                assertThrows(PeerLivenessHandler.LivenessTimeoutException.class, ch::checkException);
        assertEquals(
                "connection closed by peer without goodbye, found on waking from a stall of this rank of 40 s"
                        + " (the peer probably declared this rank silent)",
                e.getMessage());
        ch.finishAndReleaseAll();
    }

    @Test
    void connectionClosedWhileThisRankRunsIsLeftToThePeerHandler() {
        runMs(3_000);
        ch.close();
        ch.checkException();
        ch.finishAndReleaseAll();
    }

    @Test
    void frozenPeerIsBlamedWithinTheTimeoutWhileThisRankRuns() {
        long elapsedMs = 0;
        while (ch.isOpen() && elapsedMs < 60_000) {
            advanceMs(500);
            elapsedMs += 500;
        }
        assertEquals(10_000, elapsedMs);
        assertThrows(PeerLivenessHandler.LivenessTimeoutException.class, ch::checkException);
        ch.finishAndReleaseAll();
    }

    @Test
    void theScheduledCheckRunsOnTheEventLoop() {
        for (int i = 0; i < 20; i++) {
            clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(500));
            ch.advanceTimeBy(500, TimeUnit.MILLISECONDS);
            ch.runScheduledPendingTasks();
        }
        assertThrows(PeerLivenessHandler.LivenessTimeoutException.class, ch::checkException);
        ch.finishAndReleaseAll();
    }
}
