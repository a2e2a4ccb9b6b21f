package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.transport.InJvmFabric;
import dev.jmpi.transport.KernelRandom;
import dev.jmpi.transport.MeshConfig;
import dev.jmpi.transport.NettyMesh;
import dev.jmpi.transport.Transport;
import dev.jmpi.transport.config.ConfigSource;
import dev.jmpi.transport.rendezvous.RankAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A job whose ranks are threads of this JVM, for tests: either over real loopback sockets
 * (the Netty mesh with a local rendezvous) or over in-JVM queues. Internal; the public face
 * is {@link dev.jmpi.testing.Ranks}.
 */
public final class InProcessJob implements AutoCloseable {

    private final int size;
    private final boolean loopback;
    private final Duration timeout;
    private final byte[] secret = new byte[32];
    private final String jobId;
    private final RankAddress[] addresses;
    private final CountDownLatch allListening;
    private final @Nullable List<Transport> fabric;
    private final AtomicReferenceArray<World> worlds;
    private final JmpiConfig config;

    private InProcessJob(int size, boolean loopback, Duration timeout, JmpiConfig config) {
        this.size = size;
        this.config = config;
        this.loopback = loopback;
        this.timeout = timeout;
        SecureRandom random = KernelRandom.create();
        random.nextBytes(secret);
        this.jobId = "in-process-" + Long.toHexString(random.nextLong());
        this.worlds = new AtomicReferenceArray<>(size);
        this.addresses = new RankAddress[size];
        this.allListening = new CountDownLatch(size);
        this.fabric = loopback ? null : InJvmFabric.create(size);
    }

    /**
     * Prepares a job of {@code size} ranks configured from this process's environment and
     * system properties, as they are now; each rank joins with {@link #communicator}.
     */
    public static InProcessJob start(int size, boolean loopback, Duration timeout) {
        return start(size, loopback, timeout, ConfigSource.fromProcess());
    }

    /**
     * As {@link #start(int, boolean, Duration)}, with {@code settings} (name to text, see
     * {@link JmpiConfig#requireKnown}) set in code above the process's environment and properties.
     */
    public static InProcessJob start(int size, boolean loopback, Duration timeout, Map<String, String> settings) {
        ConfigSource source = ConfigSource.fromProcess();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            source = source.withText(JmpiConfig.requireKnown(e.getKey()), e.getValue());
        }
        return start(size, loopback, timeout, source);
    }

    /** Prepares a job of {@code size} ranks configured from {@code settings} (tests set values in code). */
    public static InProcessJob start(int size, boolean loopback, Duration timeout, ConfigSource settings) {
        return new InProcessJob(size, loopback, timeout, JmpiConfig.from(settings));
    }

    /** Joins as {@code rank} (blocks until the mesh is up) and returns the world communicator. */
    public Communicator communicator(int rank) {
        Transport t;
        if (loopback) {
            MeshConfig cfg = MeshConfig.builder()
                    .settings(config.source())
                    .rank(rank)
                    .size(size)
                    .jobId(jobId)
                    .secret(secret)
                    .bindHost("127.0.0.1")
                    .advertisedHost("127.0.0.1")
                    .connectTimeoutMs(Math.max(10_000, timeout.toMillis()))
                    .build();
            t = joinLoopback(rank, cfg);
        } else {
            t = Objects.requireNonNull(fabric, "the in-JVM fabric of a non-loopback job")
                    .get(rank);
        }
        World w = new World(t, false, config);
        if (loopback) {
            // As a process rank keeps its connections until exit: a finalized rank stays
            // reachable until the job ends, so a peer that connects lazily (to wait for it)
            // still gets its Finalize.
            w.closeAtExit();
        }
        worlds.set(rank, w);
        return new WorldCommunicator(w, Duration.ZERO, () -> {});
    }

    /** The in-process rendezvous: publish our address, wait for everyone's, connect. */
    private NettyMesh joinLoopback(int rank, MeshConfig cfg) {
        NettyMesh mesh = NettyMesh.listen(cfg);
        try {
            synchronized (addresses) {
                addresses[rank] = mesh.localAddress();
            }
            allListening.countDown();
            if (!allListening.await(Math.max(10_000, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                throw new dev.jmpi.JmpiException(
                        "rank " + rank + ": not every in-process rank started listening within " + timeout, false);
            }
            List<RankAddress> table;
            synchronized (addresses) {
                table = Arrays.asList(addresses.clone());
            }
            mesh.connect(table);
            return mesh;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            mesh.close();
            throw new dev.jmpi.JmpiException("rank " + rank + " interrupted while joining", e, false);
        } catch (RuntimeException e) {
            mesh.close();
            throw e;
        }
    }

    /** Rank {@code rank} failed: break every rank's world so nobody waits for it. */
    public void abortAfterFailure(int rank, Throwable cause) {
        World w = worlds.get(rank);
        if (w != null) {
            w.failLocally("world rank " + rank + " failed: " + cause);
        }
    }

    /**
     * One line per blocked operation, per rank, the world rank named once:
     * {@code   rank 0 blocked in recv(source=1, tag=7) for 5003 ms}.
     */
    public String pendingReport() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < size; r++) {
            World w = worlds.get(r);
            if (w == null) {
                b.append("  rank ").append(r).append(": not joined\n");
                continue;
            }
            List<String> ops = w.pendingOperations();
            if (ops.isEmpty()) {
                b.append("  rank ").append(r).append(": not blocked in jmpi\n");
            }
            for (String op : ops) {
                b.append("  ").append(HangReport.blockedIn(r, op)).append('\n');
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        for (int r = 0; r < size; r++) {
            World w = worlds.get(r);
            if (w != null) {
                if (!w.finalizedHere()) {
                    w.failLocally("the in-process job was closed");
                }
                w.close();
            }
        }
    }
}
