package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Goodbye;
import dev.jmpi.proto.Header;
import dev.jmpi.transport.rendezvous.RankAddress;
import dev.jmpi.transport.rendezvous.Rendezvous;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty TCP mesh: at most one authenticated connection between each pair of ranks,
 * opened on the first message between them (lazy, the default) or all at init (eager,
 * {@link TransportSettings#CONNECT}).
 *
 * <pre>{@code
 * MeshConfig cfg = MeshConfig.builder().rank(rank).size(size).jobId(jobId).secret(secret).build();
 * try (NettyMesh mesh = NettyMesh.start(cfg, new TcpRendezvousClient(host, port, jobId, secret, size))) {
 *     mesh.start(handler);
 *     mesh.send(dest, header, payload);
 * }
 * }</pre>
 *
 * <p>{@link #start(MeshConfig, Rendezvous)} binds the listener (a fixed port, the first
 * free port of a range, or an ephemeral port), publishes its address through the
 * rendezvous, and learns every rank's address. With eager connections it then builds the
 * mesh: rank i dials every rank j &lt; i (retrying with backoff until {@code connectTimeoutMs})
 * and accepts every rank j &gt; i, so each pair has exactly one connection whatever the start
 * order; it returns when all {@code size - 1} connections are authenticated, or throws
 * {@link MeshStartException} naming the missing rank and address. With lazy connections it
 * returns at once; the first message (or abort) to a peer dials it ({@link PeerSlot} queues
 * what is sent meanwhile, in order, and hands it to the connection once it is admitted), a
 * peer's first message to us is accepted, and when both dial at once the lower rank's
 * connection is kept and the other refused as a retryable simultaneous dial, so each pair
 * still has one connection and no message is lost or reordered. A dial that does not succeed
 * within {@code connectTimeoutMs} fails that peer (reported like a lost connection). Each
 * connection runs the {@link HandshakeHandler} (HMAC over the job secret; optional TLS in
 * front), then carries length-prefixed frames and heartbeats.
 *
 * <p>Sends from user threads wait while the connection is not writable (write-buffer water
 * marks), so nothing buffers without bound; payloads above {@code chunkBytes} are chunked
 * and reassembled by the receiver. Event loops never block. Peer failures (closed
 * connection without goodbye, I/O error, protocol violation, liveness timeout) reach the
 * handler once per peer. Epoll is used when available, NIO otherwise.
 *
 * <p>Threads: every public method is thread-safe. The handler is called by whichever thread
 * runs the rank's event loop at the time (a user thread waiting in {@code progress}, or the
 * progress daemon; see {@code DrivenEventLoop}), one call at a time: messages from one peer
 * arrive in the order sent, but not always on the same thread.
 */
public final class NettyMesh implements Transport {

    static {
        NettyLogging.useSlf4j();
    }

    private static final Logger log = LoggerFactory.getLogger(NettyMesh.class);
    private static final long CLOSE_TIMEOUT_MS = 2_000;

    private final MeshConfig cfg;
    private final int rank;
    private final int size;
    private final EventLoops loops;
    private final @Nullable MeshTls tls;
    private final SecureRandom random = KernelRandom.create();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicReferenceArray<PeerConnection> peers;
    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final CompletableFuture<Void> meshReady = new CompletableFuture<>();
    private final AtomicInteger connected = new AtomicInteger();
    /** Dials refused because the pair has (or is making) its one connection the other way. */
    private final AtomicInteger refusedDials = new AtomicInteger();

    private final AtomicBoolean connectCalled = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EventExecutor selfExecutor;
    private final PeerChannelHandler.Events events = new MeshEvents();
    private final boolean lazy;
    private final PeerSlot[] slots;
    /** Threads waiting for a slot's dial to end (senders over the queue bound, close). */
    private final Set<Thread> slotWaiters = ConcurrentHashMap.newKeySet();

    private @Nullable ScheduledExecutorService lazyDialScheduler;
    private volatile @Nullable List<RankAddress> table;
    private @Nullable Channel serverChannel;
    private @Nullable RankAddress self;

    private NettyMesh(MeshConfig cfg) {
        this.cfg = cfg;
        this.rank = cfg.rank();
        this.size = cfg.size();
        this.tls = MeshTls.create(cfg);
        this.loops = EventLoops.create(cfg.ioMode(), cfg.spinNanos(), cfg.spinYields(), rank);
        this.peers = new AtomicReferenceArray<>(size);
        this.lazy = cfg.connectMode() == TransportSettings.ConnectMode.LAZY;
        this.slots = new PeerSlot[size];
        for (int r = 0; r < size; r++) {
            slots[r] = new PeerSlot();
        }
        this.selfExecutor = loops.loop();
        // Building the mesh is outstanding work: the progress daemon drives accepts and
        // handshakes while the caller waits for the address table or for meshReady.
        loops.engine().outstandingAdded();
        meshReady.whenComplete((ready, failed) -> loops.engine().outstandingRemoved());
        loops.engine().unflushed(this::anyUnflushed);
        if (size == 1) {
            meshReady.complete(null);
        }
    }

    /**
     * Binds, exchanges addresses through {@code rendezvous}, and connects to every rank.
     *
     * @throws MeshStartException if the mesh is not complete within {@code connectTimeoutMs}
     *                            or a peer refuses us; the message names rank and address
     * @throws dev.jmpi.transport.rendezvous.RendezvousException if the address exchange fails
     */
    public static NettyMesh start(MeshConfig cfg, Rendezvous rendezvous) {
        NettyMesh mesh = listen(cfg);
        try {
            List<RankAddress> table =
                    rendezvous.exchange(mesh.localAddress(), Duration.ofMillis(cfg.connectTimeoutMs()));
            mesh.connect(table);
            return mesh;
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
    }

    /**
     * Binds the listener and starts accepting connections from higher ranks; call
     * {@link #connect} with the address table next.
     *
     * @throws MeshStartException if no port of the configured range can be bound
     */
    public static NettyMesh listen(MeshConfig cfg) {
        Objects.requireNonNull(cfg, "cfg");
        NettyMesh mesh = new NettyMesh(cfg);
        try {
            mesh.bind();
            return mesh;
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
    }

    private void bind() {
        ServerBootstrap sb = new ServerBootstrap()
                .group(loops.loop())
                .channel(loops.serverChannel())
                .option(ChannelOption.SO_BACKLOG, Math.max(128, 2 * size))
                .childHandler(new MeshInitializer(
                        cfg, tls, random, -1, null, 0, new AcceptListener(), channels, cfg.handshakeTimeoutMs()));
        configure(sb);
        String lastError = "no port tried";
        for (int port = cfg.firstPort(); port <= cfg.lastPort(); port++) {
            ChannelFuture f = sb.bind(cfg.bindHost(), port).awaitUninterruptibly();
            if (f.isSuccess()) {
                serverChannel = f.channel();
                int bound = ((InetSocketAddress) serverChannel.localAddress()).getPort();
                self = new RankAddress(
                        rank,
                        cfg.advertisedHost(),
                        bound,
                        LocalHost.name(),
                        ProcessHandle.current().pid());
                log.debug(
                        "rank {}: listening on {}:{} ({}), advertised as {}",
                        rank,
                        cfg.bindHost(),
                        bound,
                        loops.kind(),
                        self.hostPort());
                return;
            }
            lastError = f.cause().toString();
        }
        throw new MeshStartException("rank " + rank + ": cannot listen on " + cfg.bindHost() + " port"
                + (cfg.firstPort() == cfg.lastPort()
                        ? " " + cfg.firstPort()
                        : "s " + cfg.firstPort() + "-" + cfg.lastPort())
                + " (last error: " + lastError + "); choose a free port or a wider range with -D"
                + TransportSettings.PORT.key());
    }

    private void configure(ServerBootstrap sb) {
        sb.childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(cfg.writeBufferLowBytes(), cfg.writeBufferHighBytes()))
                .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE);
        if (cfg.socketBufferBytes() > 0) {
            sb.childOption(ChannelOption.SO_SNDBUF, cfg.socketBufferBytes())
                    .childOption(ChannelOption.SO_RCVBUF, cfg.socketBufferBytes());
        }
    }

    private Bootstrap clientBootstrap() {
        Bootstrap b = new Bootstrap()
                .group(loops.loop())
                .channel(loops.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(cfg.writeBufferLowBytes(), cfg.writeBufferHighBytes()))
                .option(ChannelOption.MESSAGE_SIZE_ESTIMATOR, FrameSizeEstimator.INSTANCE);
        if (cfg.socketBufferBytes() > 0) {
            b.option(ChannelOption.SO_SNDBUF, cfg.socketBufferBytes())
                    .option(ChannelOption.SO_RCVBUF, cfg.socketBufferBytes());
        }
        return b;
    }

    /** Where this rank listens, as published to the rendezvous. */
    public RankAddress localAddress() {
        RankAddress a = self;
        if (a == null) {
            throw new IllegalStateException("rank " + rank + ": not listening (expected: listen() first)");
        }
        return a;
    }

    /**
     * Learns every rank's address; with eager connections, also dials every lower rank and
     * waits until connections to all ranks are authenticated.
     *
     * @param table every rank's address, indexed by rank
     * @throws MeshStartException naming the missing or refusing ranks and their addresses
     */
    public void connect(List<RankAddress> table) {
        checkTable(table);
        if (!connectCalled.compareAndSet(false, true)) {
            throw new IllegalStateException("rank " + rank + ": connect() was already called");
        }
        this.table = List.copyOf(table);
        for (int r = 0; r < size; r++) {
            PeerConnection c = peers.get(r);
            if (c != null) {
                c.address(table.get(r).hostPort());
            }
        }
        if (lazy) {
            meshReady.complete(null);
            log.debug("rank {}: knows the addresses of {} ranks; connects on first use", rank, size);
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.connectTimeoutMs());
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jmpi-r" + rank + "-dial");
            t.setDaemon(true);
            return t;
        });
        try {
            Bootstrap bootstrap = clientBootstrap();
            PeerDialer.Mesh dialMesh = new DialMesh();
            for (int j = 0; j < rank; j++) {
                new PeerDialer(bootstrap, cfg, tls, random, channels, table.get(j), deadline, scheduler, dialMesh)
                        .start();
            }
            awaitMesh(deadline);
        } finally {
            scheduler.shutdownNow();
        }
        log.debug("rank {}: mesh of {} ranks is up", rank, size);
    }

    private void checkTable(List<RankAddress> table) {
        Objects.requireNonNull(table, "table");
        if (table.size() != size) {
            throw new IllegalArgumentException(
                    "address table has " + table.size() + " entries (expected: size=" + size + ")");
        }
        for (int r = 0; r < size; r++) {
            if (table.get(r) == null || table.get(r).rank() != r) {
                throw new IllegalArgumentException("address table entry " + r + " is " + table.get(r)
                        + " (expected: the address of rank " + r + ")");
            }
        }
    }

    private void awaitMesh(long deadline) {
        try {
            meshReady.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new MeshStartException("rank " + rank + ": mesh not complete within " + cfg.connectTimeoutMs()
                    + " ms; missing " + missingPeers());
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof MeshStartException
                    ? (MeshStartException) c
                    : new MeshStartException(String.valueOf(c), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MeshStartException("rank " + rank + ": interrupted while building the mesh", e);
        }
    }

    private String missingPeers() {
        List<RankAddress> addresses = table;
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < size; r++) {
            if (r != rank && peers.get(r) == null) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append("rank ")
                        .append(r)
                        .append(" at ")
                        .append(addresses == null ? "?" : addresses.get(r).hostPort())
                        .append(
                                r < rank
                                        ? " (we dial it)"
                                        : " (it should dial us at "
                                                + localAddress().hostPort() + ")");
            }
        }
        return sb.toString();
    }

    /**
     * Admits an authenticated peer: registers it, installs the frame pipeline, and hands it
     * what was queued for the peer. On the event loop.
     *
     * @param dialed whether we dialed this connection (the peer has admitted it already)
     */
    private @Nullable String admit(ChannelHandlerContext ctx, int peerRank, boolean dialed) {
        if (closed.get()) {
            return "rank " + rank + " is closing";
        }
        List<RankAddress> t = table;
        String address = t != null
                ? t.get(peerRank).hostPort()
                : String.valueOf(ctx.channel().remoteAddress());
        PeerConnection conn = new PeerConnection(
                peerRank, address, ctx.channel(), cfg.maxFrameBytes(), cfg.chunkBytes(), loops.engine());
        PeerSlot slot = slots[peerRank];
        boolean wasDialing;
        synchronized (slot) {
            PeerConnection existing = peers.get(peerRank);
            if (existing != null && lazy && !dialed) {
                // The loser of a simultaneous dial, arriving once the winner is up.
                refusedDials.incrementAndGet();
                return HandshakeHandler.SIMULTANEOUS_DIAL + "rank " + peerRank + " is already connected to rank " + rank
                        + " (connection from " + existing.channel().remoteAddress() + " kept)";
            }
            if (existing != null) {
                return "rank " + peerRank + " is already connected (duplicate rank; existing connection from "
                        + existing.channel().remoteAddress() + ")";
            }
            if (!dialed && slot.dialing() && peerRank > rank) {
                refusedDials.incrementAndGet();
                return HandshakeHandler.SIMULTANEOUS_DIAL + "rank " + rank + " is dialing rank " + peerRank
                        + " too; the lower rank's connection is kept";
            }
            if (slot.failure() != null) {
                return "rank " + rank + " gave up on rank " + peerRank + ": "
                        + slot.failure().reason();
            }
            t = table;
            if (t != null) {
                conn.address(t.get(peerRank).hostPort());
            }
            MeshInitializer.installFramePipeline(ctx.pipeline(), ctx.name(), cfg, new PeerChannelHandler(conn, events));
            List<Object> queued = slot.drain();
            if (!queued.isEmpty()) {
                // A task, so the handshake's last message (Admitted) is written first; later
                // sends on the connection queue behind it (ProgressEngine#withLoop).
                loops.loop().execute(() -> writeQueued(conn, queued));
            }
            peers.set(peerRank, conn);
            wasDialing = slot.settle();
        }
        slotSettled(wasDialing);
        log.debug(
                "rank {}: connected to rank {} ({}, {})",
                rank,
                peerRank,
                ctx.channel().remoteAddress(),
                dialed ? "dialed" : "accepted");
        if (connected.incrementAndGet() == size - 1) {
            meshReady.complete(null);
        }
        return null;
    }

    /** Writes what was queued for a peer while connecting, in order; on the event loop. */
    private static void writeQueued(PeerConnection conn, List<Object> queued) {
        int i = 0;
        try {
            for (; i < queued.size(); i++) {
                Object item = queued.get(i);
                if (item instanceof PeerSlot.QueuedMessage m) {
                    conn.writeQueued(m.header(), m.payload());
                } else {
                    conn.channel().write(OutboundFrame.control((Control) item));
                }
            }
        } finally {
            PeerSlot.release(queued.subList(Math.min(i + 1, queued.size()), queued.size()));
            conn.channel().flush();
        }
    }

    /** A dial ended (or none was under way): counts it done and wakes who waits for slots. */
    private void slotSettled(boolean wasDialing) {
        if (wasDialing) {
            loops.engine().outstandingRemoved();
        }
        for (Thread t : slotWaiters) {
            loops.engine().wake(t);
        }
    }

    /**
     * Queues {@code payload} for {@code dest} while no connection is up, dialing it on the
     * first message; returns the connection instead if it is up (send on it outside the lock).
     */
    private @Nullable PeerConnection queueOrConnection(int dest, Header header, ByteBuf payload) {
        PeerSlot slot = slots[dest];
        boolean dial;
        synchronized (slot) {
            PeerConnection conn = peers.get(dest);
            if (conn != null) {
                return conn;
            }
            PeerFailure f = slot.failure();
            if (f == null && closed.get()) {
                f = new PeerFailure(dest, addressOf(dest), "transport of rank " + rank + " is closed");
            }
            if (f == null && table == null) {
                f = new PeerFailure(dest, addressOf(dest), "not connected (send before the mesh was built)");
            }
            if (f != null) {
                payload.release();
                throw new PeerFailedException(f);
            }
            dial = slot.queue(header, payload);
        }
        if (dial) {
            dial(dest);
        }
        if (!loops.engine().inCallback()) {
            // One I/O round moves the dial and its handshake on. A rank that only sends (a
            // reduce leaf) never waits, and the daemon stays off a loop its user keeps using,
            // so without it the connection would open only at the high water mark.
            loops.engine().poll();
            awaitQueueRoom(slot);
        }
        return null;
    }

    /**
     * Waits, driving the loop, while more than the high water mark is queued for a peer being
     * dialed: nothing buffers without bound.
     */
    private void awaitQueueRoom(PeerSlot slot) {
        long high = cfg.writeBufferHighBytes();
        BooleanSupplier room = () -> {
            synchronized (slot) {
                return slot.queuedBytes() <= high || !slot.dialing();
            }
        };
        if (room.getAsBoolean()) {
            return;
        }
        Thread me = Thread.currentThread();
        slotWaiters.add(me);
        try {
            loops.engine().await(room, Long.MAX_VALUE);
        } finally {
            slotWaiters.remove(me);
        }
    }

    /** Starts dialing {@code peer}, lazily; its slot says a dial is under way. */
    private void dial(int peer) {
        List<RankAddress> addresses = Objects.requireNonNull(table, "dial before the address table arrived");
        loops.engine().outstandingAdded();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.connectTimeoutMs());
        try {
            new PeerDialer(
                            clientBootstrap(),
                            cfg,
                            tls,
                            random,
                            channels,
                            addresses.get(peer),
                            deadline,
                            lazyDialScheduler(),
                            new LazyDial(peer))
                    .start();
        } catch (RuntimeException e) {
            dialGaveUp(peer, "cannot dial: " + e);
        }
    }

    private synchronized ScheduledExecutorService lazyDialScheduler() {
        if (lazyDialScheduler == null) {
            lazyDialScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "jmpi-r" + rank + "-dial");
                t.setDaemon(true);
                return t;
            });
        }
        return lazyDialScheduler;
    }

    /** A lazy dial failed for good: the peer is failed, with what was queued for it. */
    private void dialGaveUp(int peer, String reason) {
        PeerSlot slot = slots[peer];
        PeerFailure f;
        List<Object> dropped;
        boolean wasDialing;
        synchronized (slot) {
            if (peers.get(peer) != null || slot.failure() != null) {
                return; // the other side's connection won the race, or this was reported already
            }
            f = new PeerFailure(peer, addressOf(peer), reason);
            slot.fail(f);
            dropped = slot.drain();
            wasDialing = slot.settle();
        }
        PeerSlot.release(dropped);
        slotSettled(wasDialing);
        if (!closed.get()) {
            log.warn("rank {}: lost {}", rank, f.describe());
            dispatcher.failure(f);
        }
    }

    /** Open (admitted) connections, for tests and diagnostics. */
    int openConnections() {
        int n = 0;
        for (int r = 0; r < size; r++) {
            if (peers.get(r) != null) {
                n++;
            }
        }
        return n;
    }

    /** Dials of peers refused as the losers of a simultaneous dial, for tests. */
    int refusedDials() {
        return refusedDials.get();
    }

    /** Connections admitted since the start (a duplicate would count twice), for tests. */
    int admittedConnections() {
        return connected.get();
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void start(InboundHandler handler) {
        dispatcher.start(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public Progress progress() {
        return loops.engine();
    }

    @Override
    public ByteBufAllocator allocator() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    public void send(int dest, Header header, ByteBuf payload) {
        Objects.requireNonNull(payload, "payload");
        try {
            Objects.requireNonNull(header, "header");
            checkDest(dest);
            if (closed.get()) {
                throw new PeerFailedException(
                        new PeerFailure(dest, addressOf(dest), "transport of rank " + rank + " is closed"));
            }
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        if (dest == rank) {
            try {
                selfExecutor.execute(() -> dispatcher.message(header, payload));
            } catch (RejectedExecutionException e) {
                payload.release();
                throw new PeerFailedException(
                        new PeerFailure(dest, addressOf(dest), "transport of rank " + rank + " is closed"));
            }
            return;
        }
        PeerConnection conn = peers.get(dest);
        if (conn == null && lazy) {
            conn = queueOrConnection(dest, header, payload);
            if (conn == null) {
                return; // queued; written once the connection is up
            }
        }
        if (conn == null) {
            payload.release();
            throw new PeerFailedException(
                    new PeerFailure(dest, addressOf(dest), "not connected (send before the mesh was built)"));
        }
        conn.send(header, payload);
    }

    @Override
    public void sendControl(int dest, Control control) {
        Objects.requireNonNull(control, "control");
        checkDest(dest);
        if (closed.get()) {
            return;
        }
        if (dest == rank) {
            try {
                selfExecutor.execute(() -> dispatcher.control(rank, control));
            } catch (RejectedExecutionException e) {
                // Closing: best effort.
            }
            return;
        }
        PeerConnection conn = peers.get(dest);
        if (conn == null && lazy) {
            conn = queueOrConnection(dest, control);
        }
        if (conn != null) {
            conn.sendControl(control);
        }
    }

    @Override
    public void sendWhenConnected(int dest, Header header) {
        Objects.requireNonNull(header, "header");
        checkDest(dest);
        if (lazy && dest != rank && peers.get(dest) == null) {
            PeerSlot slot = slots[dest];
            synchronized (slot) {
                if (peers.get(dest) == null) {
                    if (slot.failure() == null && !closed.get()) {
                        slot.hold(header);
                    }
                    return;
                }
            }
        }
        send(dest, header, Unpooled.EMPTY_BUFFER);
    }

    @Override
    public void open(int peer) {
        checkDest(peer);
        if (!lazy || peer == rank) {
            return;
        }
        PeerSlot slot = slots[peer];
        boolean dial;
        synchronized (slot) {
            if (peers.get(peer) != null || slot.failure() != null || closed.get() || table == null) {
                return;
            }
            dial = slot.requestDial();
        }
        if (dial) {
            log.debug("rank {}: opening the connection to rank {}, which we wait for", rank, peer);
            dial(peer);
        }
    }

    /**
     * Queues {@code control} for {@code dest} while no connection is up (an abort dials it;
     * other controls wait for a connection either side opens), or returns the connection.
     */
    private @Nullable PeerConnection queueOrConnection(int dest, Control control) {
        PeerSlot slot = slots[dest];
        boolean dial;
        synchronized (slot) {
            PeerConnection conn = peers.get(dest);
            if (conn != null) {
                return conn;
            }
            if (slot.failure() != null || closed.get() || table == null) {
                return null;
            }
            dial = slot.queue(control);
        }
        if (dial) {
            dial(dest);
        }
        return null;
    }

    @Override
    public String addressOf(int r) {
        checkDest(r);
        if (r == rank) {
            return self == null ? "unbound" : self.hostPort();
        }
        List<RankAddress> t = table;
        if (t != null) {
            return t.get(r).hostPort();
        }
        PeerConnection c = peers.get(r);
        return c != null ? c.address() : "unknown (mesh not built yet)";
    }

    private void checkDest(int dest) {
        if (dest < 0 || dest >= size) {
            throw new IllegalArgumentException("invalid dest=" + dest + " (expected: 0 <= dest < size=" + size + ")");
        }
    }

    /** Whether any connection holds bytes not yet written to its socket (queued writes included). */
    private boolean anyUnflushed() {
        for (int r = 0; r < size; r++) {
            PeerConnection c = peers.get(r);
            if (c != null) {
                ChannelOutboundBuffer out = c.channel().unsafe().outboundBuffer();
                if (out != null && out.totalPendingWriteBytes() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The event loop of this mesh; for tests. */
    DrivenEventLoop loop() {
        return loops.loop();
    }

    /** The connection to {@code peer}, or null; for tests. */
    PeerConnection peer(int peer) {
        return peers.get(peer);
    }

    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        boolean inLoop = inEventLoop();
        if (lazy && !inLoop) {
            awaitDeliveries();
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        meshReady.completeExceptionally(
                new MeshStartException("rank " + rank + ": transport closed while building the mesh"));
        if (serverChannel != null) {
            serverChannel.close();
        }
        Control bye =
                Control.newBuilder().setGoodbye(Goodbye.getDefaultInstance()).build();
        List<ChannelFuture> closing = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            PeerConnection conn = peers.get(r);
            if (conn == null) {
                continue;
            }
            conn.end("transport of rank " + rank + " is closed");
            Channel ch = conn.channel();
            if (ch.isActive()) {
                loops.engine().withLoop(() -> ch.writeAndFlush(OutboundFrame.control(bye)));
            }
            closing.add(ch.closeFuture());
        }
        if (!inLoop) {
            // Peers close their end when they read our goodbye; waiting for that (bounded)
            // keeps our close from resetting a connection with the goodbye still unread.
            // This thread drives the loop meanwhile, so the goodbyes are written.
            Thread me = Thread.currentThread();
            for (ChannelFuture f : closing) {
                f.addListener(done -> loops.engine().wake(me));
            }
            loops.engine()
                    .await(
                            () -> closing.stream().allMatch(ChannelFuture::isDone),
                            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MS));
        }
        shutdown(inLoop);
    }

    /**
     * Before closing: what was sent to a peer still being dialed (a last message, an abort)
     * goes out once its connection is up, as it would have on an open connection; bounded by
     * the handshake timeout, since a peer that is gone is retried until the connect deadline.
     */
    @Override
    public void awaitQueuedDeliveries() {
        if (lazy && !inEventLoop() && !closed.get()) {
            awaitDeliveries();
        }
    }

    private void awaitDeliveries() {
        BooleanSupplier delivered = () -> {
            for (PeerSlot slot : slots) {
                synchronized (slot) {
                    if (slot.deliveryPending()) {
                        return false;
                    }
                }
            }
            return true;
        };
        if (delivered.getAsBoolean()) {
            return;
        }
        Thread me = Thread.currentThread();
        slotWaiters.add(me);
        try {
            if (!loops.engine()
                    .await(delivered, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.handshakeTimeoutMs()))) {
                log.warn(
                        "rank {}: closing with messages for ranks not yet connected after {} ms; they are dropped",
                        rank,
                        cfg.handshakeTimeoutMs());
            }
        } finally {
            slotWaiters.remove(me);
        }
    }

    /** Drops what is still queued for unconnected peers (the transport is closed). */
    private void dropQueued() {
        for (PeerSlot slot : slots) {
            List<Object> dropped;
            boolean wasDialing;
            synchronized (slot) {
                dropped = slot.drain();
                wasDialing = slot.settle();
            }
            PeerSlot.release(dropped);
            if (wasDialing) {
                loops.engine().outstandingRemoved();
            }
        }
    }

    /** Fault injection for tests: drops every connection without goodbye, like a crash. */
    void closeAbruptly() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        meshReady.completeExceptionally(new MeshStartException("rank " + rank + ": crashed"));
        for (int r = 0; r < size; r++) {
            PeerConnection conn = peers.get(r);
            if (conn != null) {
                conn.end("transport of rank " + rank + " crashed");
            }
        }
        shutdown(inEventLoop());
    }

    private void shutdown(boolean inLoop) {
        dropQueued();
        synchronized (this) {
            if (lazyDialScheduler != null) {
                lazyDialScheduler.shutdownNow();
            }
        }
        // Closing is queued on the loop; termination runs the queue before it ends.
        channels.close();
        if (inLoop) {
            loops.shutdownLater();
        } else {
            loops.shutdown(CLOSE_TIMEOUT_MS);
        }
        dispatcher.discardHeld();
    }

    private boolean inEventLoop() {
        return loops.loop().inEventLoop();
    }

    @Override
    public String toString() {
        return "NettyMesh[rank=" + rank + ", size=" + size + ", listen=" + (self == null ? "-" : self.hostPort())
                + ", io=" + loops.kind() + ", tls=" + cfg.tls().mode() + "]";
    }

    private final class MeshEvents implements PeerChannelHandler.Events {
        @Override
        public void onMessage(PeerConnection conn, Header header, ByteBuf payload) {
            dispatcher.message(header, payload);
        }

        @Override
        public @Nullable PayloadLanding landing(PeerConnection conn, Header header, int payloadBytes) {
            return dispatcher.landing(header, payloadBytes);
        }

        @Override
        public void onControl(PeerConnection conn, Control control) {
            dispatcher.control(conn.rank(), control);
        }

        @Override
        public void onEnded(PeerConnection conn, String reason, boolean orderly) {
            PeerFailure f = conn.end(reason);
            if (f == null || closed.get()) {
                return;
            }
            if (orderly) {
                log.debug("rank {}: {}", rank, f.describe());
            } else {
                log.warn("rank {}: lost {}", rank, f.describe());
                dispatcher.failure(f);
            }
        }
    }

    private final class AcceptListener implements HandshakeHandler.Listener {
        @Override
        public @Nullable String onAuthenticated(ChannelHandlerContext ctx, int peerRank) {
            return admit(ctx, peerRank, false);
        }

        @Override
        public void onHandshakeFailed(
                Channel channel, int claimedRank, HandshakeHandler.Failure failure, String reason) {
            // Already logged by the handshake handler; an accepted connection that fails its
            // handshake affects nobody else.
        }
    }

    private final class DialMesh implements PeerDialer.Mesh {
        @Override
        public @Nullable String admit(ChannelHandlerContext ctx, int peerRank) {
            return NettyMesh.this.admit(ctx, peerRank, true);
        }

        @Override
        public void dialFailed(int peerRank, String message, String reason) {
            log.error(message);
            meshReady.completeExceptionally(new MeshStartException(message));
        }

        @Override
        public boolean isClosed() {
            return closed.get() || meshReady.isDone();
        }
    }

    /** The dial of one peer with lazy connections: over once a connection to it is up, either way. */
    private final class LazyDial implements PeerDialer.Mesh {
        private final int peer;

        LazyDial(int peer) {
            this.peer = peer;
        }

        @Override
        public @Nullable String admit(ChannelHandlerContext ctx, int peerRank) {
            return NettyMesh.this.admit(ctx, peerRank, true);
        }

        @Override
        public void dialFailed(int peerRank, String message, String reason) {
            dialGaveUp(peer, reason);
        }

        @Override
        public boolean isClosed() {
            return closed.get() || peers.get(peer) != null || slots[peer].failure() != null;
        }
    }
}
