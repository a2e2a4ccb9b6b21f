package dev.jmpi.transport;

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

/**
 * Dials one lower rank until a connection to it is authenticated or the mesh deadline
 * passes. Refused connections and unreachable hosts are retried with exponential backoff
 * (a peer may not be listening yet, or its DNS name may not exist yet); a handshake
 * refusal (wrong job, wrong secret, bad version) is final. Names are resolved on the dial
 * scheduler's thread, never on an event loop.
 */
final class PeerDialer implements HandshakeHandler.Listener {

    private static final long FIRST_BACKOFF_MS = 20;
    private static final long MAX_BACKOFF_MS = 1_000;
    private static final int MAX_ATTEMPT_CONNECT_MS = 10_000;

    /** What the dialer needs from the mesh. */
    interface Mesh {
        /** See {@link HandshakeHandler.Listener#onAuthenticated}. */
        String admit(ChannelHandlerContext ctx, int peerRank);

        /** Dialing {@code peerRank} failed for good. */
        void dialFailed(int peerRank, String message);

        boolean isClosed();
    }

    private final Bootstrap bootstrap;
    private final MeshConfig cfg;
    private final MeshTls tls;
    private final SecureRandom random;
    private final ChannelGroup channels;
    private final RankAddress target;
    private final long deadlineNanos;
    private final ScheduledExecutorService scheduler;
    private final Mesh mesh;
    private final long startNanos = System.nanoTime();
    private long backoffMs = FIRST_BACKOFF_MS;
    private volatile int attempts;
    private volatile String lastError = "none";

    PeerDialer(Bootstrap bootstrap, MeshConfig cfg, MeshTls tls, SecureRandom random, ChannelGroup channels,
               RankAddress target, long deadlineNanos, ScheduledExecutorService scheduler, Mesh mesh) {
        this.bootstrap = bootstrap;
        this.cfg = cfg;
        this.tls = tls;
        this.random = random;
        this.channels = channels;
        this.target = target;
        this.deadlineNanos = deadlineNanos;
        this.scheduler = scheduler;
        this.mesh = mesh;
    }

    void start() {
        schedule(0);
    }

    private void attempt() {
        if (mesh.isClosed()) {
            return;
        }
        attempts++;
        long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(target.host()), target.port());
        } catch (UnknownHostException e) {
            retry("cannot resolve host " + target.host());
            return;
        }
        Bootstrap b = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, Math.min(remainingMs, MAX_ATTEMPT_CONNECT_MS)))
                .handler(new MeshInitializer(cfg, tls, random, target.rank(), target.host(), target.port(), this, channels));
        b.connect(address).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                Throwable c = f.cause();
                retry(c.getClass().getSimpleName() + ": " + c.getMessage());
            }
        });
    }

    @Override
    public String onAuthenticated(ChannelHandlerContext ctx, int peerRank) {
        return mesh.admit(ctx, peerRank);
    }

    @Override
    public void onHandshakeFailed(Channel channel, int claimedRank, HandshakeHandler.Failure failure, String reason) {
        if (failure == HandshakeHandler.Failure.CLOSED) {
            retry(reason);
        } else {
            mesh.dialFailed(target.rank(), "rank " + cfg.rank() + ": handshake with rank " + target.rank() + " at "
                    + target.hostPort() + " failed: " + reason);
        }
    }

    private void retry(String error) {
        lastError = error;
        if (mesh.isClosed()) {
            return;
        }
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= deadlineNanos) {
            mesh.dialFailed(target.rank(), "rank " + cfg.rank() + ": could not connect to rank " + target.rank()
                    + " at " + target.hostPort() + " within "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos) + " ms (" + attempts
                    + " attempts, connectTimeoutMs=" + cfg.connectTimeoutMs() + "; last error: " + lastError + ")");
            return;
        }
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
