package dev.jmpi.transport;

import dev.jmpi.transport.internal.Backoff;
import dev.jmpi.transport.rendezvous.RankAddress;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials one rank until a connection to it is authenticated or the deadline passes (the
 * mesh's with eager connections; {@code connectTimeoutMs} from the first message with lazy
 * ones). Whatever may only be late is retried with exponential backoff ({@link Backoff}):
 * refused connections and unreachable hosts (a peer may not be listening yet, or its DNS
 * name may not exist yet), connections dropped during the handshake, and handshakes that
 * timed out on either side (a loaded host). Each attempt's handshake has
 * {@code handshakeTimeoutMs}, or what is left of the deadline if less. A refusal of who we
 * are (wrong job, wrong secret, bad version, duplicate rank) is final and fails the mesh at
 * once with its reason. Names are resolved on the dial scheduler's thread, never on an event
 * loop.
 */
final class PeerDialer implements HandshakeHandler.Listener {

    private static final Logger log = LoggerFactory.getLogger(PeerDialer.class);
    private static final int MAX_ATTEMPT_CONNECT_MS = 10_000;

    /** What the dialer needs from the mesh. */
    interface Mesh {
        /** See {@link HandshakeHandler.Listener#onAuthenticated}. */
        @Nullable
        String admit(ChannelHandlerContext ctx, int peerRank);

        /**
         * Dialing {@code peerRank} failed for good: {@code message} names both ranks and the
         * address, {@code reason} only what happened.
         */
        void dialFailed(int peerRank, String message, String reason);

        boolean isClosed();
    }

    private final Bootstrap bootstrap;
    private final MeshConfig cfg;
    private final @Nullable MeshTls tls;
    private final SecureRandom random;
    private final ChannelGroup channels;
    private final RankAddress target;
    private final ScheduledExecutorService scheduler;
    private final Mesh mesh;
    private final long startNanos = System.nanoTime();
    private final Backoff backoff;
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile String lastError = "none";

    PeerDialer(
            Bootstrap bootstrap,
            MeshConfig cfg,
            @Nullable MeshTls tls,
            SecureRandom random,
            ChannelGroup channels,
            RankAddress target,
            long deadlineNanos,
            ScheduledExecutorService scheduler,
            Mesh mesh) {
        this.bootstrap = bootstrap;
        this.cfg = cfg;
        this.tls = tls;
        this.random = random;
        this.channels = channels;
        this.target = target;
        this.scheduler = scheduler;
        this.mesh = mesh;
        this.backoff = Backoff.connecting(deadlineNanos, System::nanoTime);
    }

    void start() {
        schedule(0);
    }

    private void attempt() {
        if (mesh.isClosed()) {
            return;
        }
        attempts.incrementAndGet();
        long remainingMs = Math.max(1, backoff.remainingMs());
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
        } catch (UnknownHostException e) {
            retry("cannot resolve host " + target.host());
            return;
        }
        Bootstrap b = bootstrap
                .clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.max(1, Math.min(remainingMs, MAX_ATTEMPT_CONNECT_MS)))
                .handler(new MeshInitializer(
                        cfg,
                        tls,
                        random,
                        target.rank(),
                        target.host(),
                        target.port(),
                        this,
                        channels,
                        Math.min(cfg.handshakeTimeoutMs(), remainingMs)));
        b.connect(address).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                Throwable c = f.cause();
                retry(c.getClass().getSimpleName() + ": " + c.getMessage());
            }
        });
    }

    @Override
    public @Nullable String onAuthenticated(ChannelHandlerContext ctx, int peerRank) {
        return mesh.admit(ctx, peerRank);
    }

    @Override
    public void onHandshakeFailed(Channel channel, int claimedRank, HandshakeHandler.Failure failure, String reason) {
        if (failure == HandshakeHandler.Failure.CLOSED || failure == HandshakeHandler.Failure.TIMED_OUT) {
            retry("handshake: " + reason);
        } else {
            mesh.dialFailed(
                    target.rank(),
                    "rank " + cfg.rank() + ": handshake with rank " + target.rank() + " at " + target.hostPort()
                            + " failed: " + reason,
                    "handshake failed: " + reason);
        }
    }

    private void retry(String error) {
        lastError = error;
        if (mesh.isClosed()) {
            return;
        }
        long delay = backoff.nextDelayMs();
        if (delay < 0) {
            String what = " within " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms ("
                    + attempts + " attempts, connectTimeoutMs=" + cfg.connectTimeoutMs() + "; last error: "
                    + lastError + ")";
            mesh.dialFailed(
                    target.rank(),
                    "rank " + cfg.rank() + ": could not connect to rank " + target.rank() + " at " + target.hostPort()
                            + what,
                    "could not connect" + what + "; it exited or is unreachable");
            return;
        }
        log.debug(
                "rank {}: attempt {} to reach rank {} at {} failed ({}); retrying in {} ms",
                cfg.rank(),
                attempts,
                target.rank(),
                target.hostPort(),
                error,
                delay);
        schedule(delay);
    }

    private void schedule(long delayMs) {
        try {
            scheduler.schedule(this::attempt, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The mesh finished connecting (or closed) meanwhile; nothing left to do.
        }
    }
}
