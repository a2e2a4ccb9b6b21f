package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Heartbeat;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Keeps an authenticated connection provably alive. Every half heartbeat interval it
 * checks two clocks: if nothing was written for {@code heartbeatIntervalMs} it sends a
 * {@code Control.heartbeat}; if the peer sent nothing for {@code heartbeatTimeoutMs} <em>while
 * this rank was running</em> ({@link PeerSilence}: our own stalls, measured by how late these
 * checks come, are not counted) it fires a {@link LivenessTimeoutException} ("sent nothing for
 * 31 s while this rank was running; it is frozen or unreachable ...") and closes the
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

    /** Our own stall within a silence is mentioned in the verdict from 1 s on; below, it is scheduling jitter. */
    private static final long STALL_WORTH_MENTIONING_NS = TimeUnit.SECONDS.toNanos(1);

    private final long intervalNs;
    private final long timeoutNs;
    private final long timeoutMs;
    private final long periodNs;
    private final LongSupplier nanoClock;

    private PeerSilence silence; // set in handlerAdded, a NullAway initializer (parent POM)
    private long lastWriteNs;
    private @Nullable ScheduledFuture<?> checkTask;
    private boolean expired;

    PeerLivenessHandler(long heartbeatIntervalMs, long heartbeatTimeoutMs, LongSupplier nanoClock) {
        this.intervalNs = TimeUnit.MILLISECONDS.toNanos(heartbeatIntervalMs);
        this.timeoutNs = TimeUnit.MILLISECONDS.toNanos(heartbeatTimeoutMs);
        this.timeoutMs = heartbeatTimeoutMs;
        this.periodNs = Math.max(TimeUnit.MILLISECONDS.toNanos(1), intervalNs / 2);
        this.nanoClock = nanoClock;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long now = nanoClock.getAsLong();
        silence = new PeerSilence(periodNs, now);
        lastWriteNs = now;
        // Fixed delay, not fixed rate: after a stall one late check measures it and the next
        // comes a period later, instead of a burst of catch-up checks.
        checkTask = ctx.executor().scheduleWithFixedDelay(() -> check(ctx), periodNs, periodNs, TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        long overdueNs = silence == null || expired ? 0 : silence.overdueNs(nanoClock.getAsLong());
        if (overdueNs >= 2 * intervalNs) {
            // We find the connection closed on waking from a stall long enough for the peer to
            // have declared us silent: say so, rather than only "closed by peer", which reads
            // as the peer's fault.
            expired = true;
            ctx.fireExceptionCaught(new LivenessTimeoutException("connection closed by peer without goodbye,"
                    + " found on waking from a stall of this rank of " + Durations.seconds(overdueNs)
                    + " (the peer probably declared this rank silent)"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        silence.heard(nanoClock.getAsLong());
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
        long runningSilenceNs = silence.tick(now);
        if (runningSilenceNs >= timeoutNs) {
            expired = true;
            cancel();
            ctx.fireExceptionCaught(new LivenessTimeoutException(verdict(runningSilenceNs)));
            ctx.close();
            return;
        }
        if (now - lastWriteNs >= intervalNs) {
            Control heartbeat = Control.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setSentAtNanos(now))
                    .build();
            ctx.channel().writeAndFlush(OutboundFrame.control(heartbeat));
        }
    }

    private String verdict(long runningSilenceNs) {
        StringBuilder b = new StringBuilder("sent nothing for ")
                .append(Durations.seconds(runningSilenceNs))
                .append(" while this rank was running; it is frozen or unreachable (")
                .append(TransportSettings.HEARTBEAT_TIMEOUT.key())
                .append('=')
                .append(dev.jmpi.transport.config.Units.formatDuration(java.time.Duration.ofMillis(timeoutMs)));
        long stalledNs = silence.stalledNs();
        if (stalledNs >= STALL_WORTH_MENTIONING_NS) {
            b.append("; this rank was itself stalled for ")
                    .append(Durations.seconds(stalledNs))
                    .append(" meanwhile, not counted");
        }
        return b.append(')').toString();
    }

    private void cancel() {
        if (checkTask != null) {
            checkTask.cancel(false);
            checkTask = null;
        }
    }
}
