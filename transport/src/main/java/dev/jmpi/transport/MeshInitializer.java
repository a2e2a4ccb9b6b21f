package dev.jmpi.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import java.security.SecureRandom;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sets up a new connection's pipeline: TLS (when enabled; the dialer is the TLS client)
 * and the {@link HandshakeHandler}. Once the handshake admits the peer,
 * {@link #installFramePipeline} replaces it with the steady-state handlers:
 *
 * <pre>
 *   [ssl] → liveness → frameDecoder → frameEncoder → peer
 * </pre>
 *
 * The liveness handler sits first so that any bytes read count as traffic. Without TLS the
 * channel reads through a {@link LandingRecvAllocator}, so the decoder can have a large
 * payload read straight into the memory of the receive it is for ({@link PayloadLanding}).
 */
final class MeshInitializer extends ChannelInitializer<Channel> {

    private final MeshConfig cfg;
    private final @Nullable MeshTls tls;
    private final SecureRandom random;
    private final int expectedPeer;
    private final @Nullable String dialHost;
    private final int dialPort;
    private final HandshakeHandler.Listener listener;
    private final ChannelGroup channels;
    private final long handshakeTimeoutMs;

    /**
     * @param expectedPeer the rank being dialed, or -1 for accepted connections
     * @param dialHost     host being dialed (TLS peer host), or null when accepting
     * @param handshakeTimeoutMs time the handshake has on each connection
     */
    MeshInitializer(
            MeshConfig cfg,
            @Nullable MeshTls tls,
            SecureRandom random,
            int expectedPeer,
            @Nullable String dialHost,
            int dialPort,
            HandshakeHandler.Listener listener,
            ChannelGroup channels,
            long handshakeTimeoutMs) {
        this.cfg = cfg;
        this.tls = tls;
        this.random = random;
        this.expectedPeer = expectedPeer;
        this.dialHost = dialHost;
        this.dialPort = dialPort;
        this.listener = listener;
        this.channels = channels;
        this.handshakeTimeoutMs = handshakeTimeoutMs;
    }

    @Override
    protected void initChannel(Channel ch) {
        channels.add(ch);
        if (tls == null && cfg.zeroCopyReceive()) {
            // Before the first read: Netty keeps the handle it makes then.
            ch.config()
                    .setRecvByteBufAllocator(
                            new LandingRecvAllocator(ch.config().getRecvByteBufAllocator()));
        }
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            p.addLast(
                    "ssl",
                    expectedPeer >= 0
                            ? tls.clientHandler(ch.alloc(), Objects.requireNonNull(dialHost, "dialHost"), dialPort)
                            : tls.serverHandler(ch.alloc()));
        }
        p.addLast(
                "handshake",
                new HandshakeHandler(
                        cfg.rank(),
                        cfg.size(),
                        cfg.jobId(),
                        cfg.secret(),
                        expectedPeer,
                        handshakeTimeoutMs,
                        random,
                        listener,
                        cfg.connectMode() == TransportSettings.ConnectMode.LAZY));
    }

    /** Adds the steady-state handlers after {@code after} (the handshake handler). */
    static void installFramePipeline(ChannelPipeline p, String after, MeshConfig cfg, PeerChannelHandler peer) {
        p.addAfter(
                after,
                "liveness",
                new PeerLivenessHandler(cfg.heartbeatIntervalMs(), cfg.heartbeatTimeoutMs(), System::nanoTime));
        LandingReads reads =
                p.channel().config().getRecvByteBufAllocator() instanceof LandingRecvAllocator a ? a.reads() : null;
        p.addAfter("liveness", "frameDecoder", new FrameDecoder(cfg.maxFrameBytes(), reads, peer));
        p.addAfter("frameDecoder", "frameEncoder", new FrameEncoder(cfg.maxFrameBytes()));
        p.addAfter("frameEncoder", "peer", peer);
    }
}
