package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.JmpiException;
import dev.jmpi.transport.InJvmFabric;
import dev.jmpi.transport.LocalHost;
import dev.jmpi.transport.MeshConfig;
import dev.jmpi.transport.NettyLogging;
import dev.jmpi.transport.NettyMesh;
import dev.jmpi.transport.Transport;
import dev.jmpi.transport.config.ConfigSource;
import dev.jmpi.transport.rendezvous.RankAddress;
import dev.jmpi.transport.rendezvous.TcpRendezvousClient;
import dev.jmpi.transport.rendezvous.TcpRendezvousServer;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a job description into a running world: hosts the rendezvous if this rank must,
 * builds the mesh, and wraps it in the world communicator. Holds the process's one world.
 */
public final class Bootstrap {

    static {
        // Before anything of this rank touches Netty: see NettyLogging.
        NettyLogging.useSlf4j();
    }

    /** Default of {@link CoreSettings#JOIN_TIMEOUT}: how long joining may take. */
    static final long JOIN_TIMEOUT_MS_DEFAULT = 120_000;

    private static @Nullable WorldCommunicator current;

    private Bootstrap() {}

    /** The world communicator of this process, or null. */
    public static synchronized @Nullable Communicator current() {
        return current;
    }

    /**
     * Joins the job the environment describes (or a singleton world), configured from this
     * process's environment and system properties, resolved here once.
     */
    public static synchronized Communicator initFromEnvironment() {
        if (current != null) {
            return current;
        }
        JmpiConfig config = JmpiConfig.from(ConfigSource.fromProcess());
        dev.jmpi.transport.ThreadRank threadRank = ThreadRankWorld.handle();
        if (threadRank != null) {
            current = ThreadRankWorld.join(threadRank, config, Bootstrap::forget);
            Observation.start(current, true);
            return current;
        }
        StartupTimeline.mark(StartupTimeline.INIT_CALLED);
        Map<String, String> env = config.source().environment();
        JobEnvironment job = JobSources.detect(env, System.in);
        WorldCommunicator world = job == null ? singleton(config) : join(job, config);
        Observation.start(world, job != null);
        current = world;
        return world;
    }

    /** A world of one rank: no network at all. */
    static WorldCommunicator singleton(JmpiConfig config) {
        Transport t = InJvmFabric.create(1).get(0);
        World w = new World(t, false, config);
        return new WorldCommunicator(w, Duration.ZERO, Bootstrap::forget);
    }

    /** Joins the job: rendezvous, mesh, world communicator. */
    public static WorldCommunicator join(JobEnvironment job, JmpiConfig config) {
        TcpRendezvousServer server = null;
        Duration joinTimeout = config.joinTimeout();
        if (job.size() == 1) {
            return alone(job, config);
        }
        try {
            if (job.hostRendezvous() && job.rank() == 0) {
                server = TcpRendezvousServer.start(
                        "0.0.0.0", job.rendezvousPort(), job.jobId(), job.secret(), job.size());
            }
            TcpRendezvousClient rendezvous = new TcpRendezvousClient(
                    job.rendezvousHost(), job.rendezvousPort(), job.jobId(), job.secret(), job.size());
            if (keepsLifeline(job)) {
                String service = job.rendezvousHost() + ":" + job.rendezvousPort();
                rendezvous.keepLifeline(reason -> LauncherLifeline.launcherLost(job.rank(), service, reason));
            }
            MeshConfig.Builder cfg = MeshConfig.builder()
                    .settings(config.source())
                    .rank(job.rank())
                    .size(job.size())
                    .jobId(job.jobId())
                    .secret(job.secret())
                    .connectTimeoutMs(joinTimeout.toMillis());
            if (job.firstPort() != 0) {
                cfg.portRange(job.firstPort(), job.lastPort()); // else jmpi.port, ephemeral by default
            }
            if (job.bindHost() != null && !job.bindHost().isBlank()) {
                cfg.bindHost(job.bindHost());
            }
            if (job.advertisedHost() != null && !job.advertisedHost().isBlank()) {
                cfg.advertisedHost(job.advertisedHost());
            }
            if (job.tls()) {
                cfg.tls(dev.jmpi.transport.TlsConfig.jobCertificate());
            }
            NettyMesh mesh = NettyMesh.start(cfg.build(), (self, timeout) -> {
                var table = rendezvous.exchange(self, timeout);
                StartupTimeline.mark(StartupTimeline.PEER_TABLE);
                return table;
            });
            StartupTimeline.mark(StartupTimeline.MESH_CONNECTED);
            World w = new World(mesh, job.launched(), config);
            JobReporter reporter = rendezvous.lifeline() == null
                    ? JobReporter.NONE
                    : new LauncherLifeline(job.rank(), rendezvous.lifeline(), config.timeline());
            w.reportTo(reporter);
            reportStartup(reporter, config);
            TcpRendezvousServer hosted = server;
            // Finalize reports FINALIZED itself (World.finalizeLocally), unless the job broke.
            WorldCommunicator comm = new WorldCommunicator(w, job.timeout(), () -> {
                if (hosted != null) {
                    hosted.close();
                }
                forget();
            });
            RankExitGuard.install(w, Thread.currentThread(), job.launched());
            return comm;
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (e instanceof JmpiException) {
                throw e;
            }
            throw new JmpiException(
                    "rank " + job.rank() + " of " + job.size() + " could not join the job (" + job + "): "
                            + e.getMessage(),
                    e,
                    false);
        }
    }

    /**
     * A launched job of one rank: no mesh (no listening socket, no event loops, none of
     * Netty's classes loaded — a noticeable part of a one-rank job's start-up). Under jmpirun
     * the rank still registers, so that the launcher sees it join, and keeps its lifeline.
     */
    static WorldCommunicator alone(JobEnvironment job, JmpiConfig config) {
        Duration joinTimeout = config.joinTimeout();
        JobReporter reporter = JobReporter.NONE;
        if (keepsLifeline(job)) {
            String service = job.rendezvousHost() + ":" + job.rendezvousPort();
            TcpRendezvousClient rendezvous = new TcpRendezvousClient(
                            job.rendezvousHost(), job.rendezvousPort(), job.jobId(), job.secret(), 1)
                    .keepLifeline(reason -> LauncherLifeline.launcherLost(job.rank(), service, reason));
            String host = job.advertisedHost() != null && !job.advertisedHost().isBlank()
                    ? job.advertisedHost()
                    : "127.0.0.1";
            try {
                rendezvous.exchange(
                        new RankAddress(
                                0,
                                host,
                                0,
                                LocalHost.name(),
                                ProcessHandle.current().pid()),
                        joinTimeout);
                StartupTimeline.mark(StartupTimeline.PEER_TABLE);
            } catch (RuntimeException e) {
                throw new JmpiException(
                        "rank 0 of 1 could not join the job (" + job + "): " + e.getMessage(), e, false);
            }
            reporter = rendezvous.lifeline() == null
                    ? JobReporter.NONE
                    : new LauncherLifeline(job.rank(), rendezvous.lifeline(), config.timeline());
        }
        World w = new World(InJvmFabric.create(1).get(0), job.launched(), config);
        w.reportTo(reporter);
        reportStartup(reporter, config);
        WorldCommunicator comm = new WorldCommunicator(w, job.timeout(), Bootstrap::forget);
        RankExitGuard.install(w, Thread.currentThread(), job.launched());
        return comm;
    }

    /** Under {@code jmpirun --timeline}: tells jmpirun when each start-up step happened. */
    private static void reportStartup(JobReporter reporter, JmpiConfig config) {
        if (reporter instanceof LauncherLifeline lifeline && config.timeline()) {
            lifeline.started(StartupTimeline.marks());
        }
    }

    /**
     * Whether this rank keeps its rendezvous connection as a lifeline to its launcher: only
     * under jmpirun, whose service outlives the join; rank 0's service (Slurm, Kubernetes,
     * torchrun-style) closes after the table, and those engines watch their own processes.
     */
    static boolean keepsLifeline(JobEnvironment job) {
        return job.launched() && !job.hostRendezvous();
    }

    /** This host's name as the launcher gave it ({@code jmpi.hostname}), or null. */
    public static synchronized @Nullable String launcherHostname() {
        return current != null
                ? current.world().config().hostname()
                : ConfigSource.fromProcess().getOrNull(CoreSettings.HOSTNAME);
    }

    private static synchronized void forget() {
        current = null;
    }
}
