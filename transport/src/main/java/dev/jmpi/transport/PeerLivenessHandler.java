package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Heartbeat;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps an authenticated connection provably alive. Every half heartbeat interval it
 * checks two clocks: if nothing was written for {@code heartbeatIntervalMs} it sends a
 * {@code Control.heartbeat}; if nothing was read for {@code heartbeatTimeoutMs} it fires a
 * {@link LivenessTimeoutException} ("no traffic for N ms (timeout M ms)") and closes the
 * connection. Any bytes count as traffic, so a peer busy streaming a large frame is alive.
 *
 * <p>Sits right after the TLS handler (or first), so it sees raw reads; heartbeats are
 * written from the pipeline's tail so they pass through {@link FrameEncoder}. The clock is
 * injectable so tests advance time instead of sleeping. One instance per channel; state is
 * owned by the channel's event loop.
 */
final class PeerLivenessHandler extends ChannelDuplexHandler {

    /** The peer has been silent for longer than the timeout. */
    static final class LivenessTimeoutException extends Exception {
        private static final long serialVersionUID = 1L;

        LivenessTimeoutException(String message) {
            super(message, null, false, false);
        }
    }

    private final long intervalNs;
    private final long timeoutNs;
    private final long timeoutMs;
    private final LongSupplier nanoClock;

    private long lastReadNs;
    private long lastWriteNs;
    private ScheduledFuture<?> checkTask;
    private boolean expired;

    PeerLivenessHandler(long heartbeatIntervalMs, long heartbeatTimeoutMs, LongSupplier nanoClock) {
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs);
        this.timeoutNs = TimeUnit.MILLISECONDS.toNanos(heartbeatTimeoutMs);
        this.timeoutMs = heartbeatTimeoutMs;
        this.nanoClock = nanoClock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long now = nanoClock.getAsLong();
        lastReadNs = now;
        lastWriteNs = now;
        long periodNs = Math.max(TimeUnit.MILLISECONDS.toNanos(1), intervalNs / 2);
        checkTask = ctx.executor().scheduleAtFixedRate(() -> check(ctx), periodNs, periodNs, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNs = nanoClock.getAsLong();
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastWriteNs = nanoClock.getAsLong();
        ctx.write(msg, promise);
    }

    /** One liveness check; runs on the event loop (scheduled, or called by tests). */
    void check(ChannelHandlerContext ctx) {
        if (expired || !ctx.channel().isActive()) {
            return;
        }
        long now = nanoClock.getAsLong();
        long silentNs = now - lastReadNs;
        if (silentNs >= timeoutNs) {
            expired = true;
            cancel();
            ctx.fireExceptionCaught(new LivenessTimeoutException("no traffic for "
                    + TimeUnit.NANOSECONDS.toMillis(silentNs) + " ms (timeout " + timeoutMs + " ms)"));
            ctx.close();
            return;
        }
        if (now - lastWriteNs >= intervalNs) {
            Control heartbeat = Control.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setSentAtNanos(now)).build();
            ctx.channel().writeAndFlush(OutboundFrame.control(heartbeat));
        }
    }

    private void cancel() {
        if (checkTask != null) {
            checkTask.cancel(false);
            checkTask = null;
        }
    }
}
