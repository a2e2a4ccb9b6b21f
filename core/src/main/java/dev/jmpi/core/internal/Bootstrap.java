package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.JmpiException;
import dev.jmpi.transport.InJvmFabric;
import dev.jmpi.transport.MeshConfig;
import dev.jmpi.transport.NettyMesh;
import dev.jmpi.transport.Transport;
import dev.jmpi.transport.rendezvous.TcpRendezvousClient;
import dev.jmpi.transport.rendezvous.TcpRendezvousServer;
import java.time.Duration;
import java.util.Map;

/**
 * Turns a job description into a running world: hosts the rendezvous if this rank must,
 * builds the mesh, and wraps it in the world communicator. Holds the process's one world.
 */
public final class Bootstrap {

    /** How long joining may take before it fails naming what is missing. */
    public static final String JOIN_TIMEOUT_PROP = "jmpi.joinTimeoutMs";
    static final long JOIN_TIMEOUT_MS_DEFAULT = 120_000;

    private static WorldCommunicator current;

    private Bootstrap() {
    }

    /** The world communicator of this process, or null. */
    public static synchronized Communicator current() {
        return current;
    }

    /** Joins the job the environment describes (or a singleton world). */
    public static synchronized Communicator initFromEnvironment() {
        if (current != null) {
            return current;
        }
        dev.jmpi.transport.ThreadRank threadRank = ThreadRankWorld.handle();
        if (threadRank != null) {
            current = ThreadRankWorld.join(threadRank, Bootstrap::forget);
            Observation.start(current, true);
            return current;
        }
        Map<String, String> env = System.getenv();
        JobEnvironment job = JobSources.detect(env, System.in);
        WorldCommunicator world = job == null ? singleton() : join(job);
        Observation.start(world, job != null);
        current = world;
        return world;
    }

    /** A world of one rank: no network at all. */
    static WorldCommunicator singleton() {
        Transport t = InJvmFabric.create(1).get(0);
        World w = new World(t, false);
        return new WorldCommunicator(w, Duration.ZERO, Bootstrap::forget);
    }

    /** Joins the job: rendezvous, mesh, world communicator. */
    public static WorldCommunicator join(JobEnvironment job) {
        TcpRendezvousServer server = null;
        Duration joinTimeout = Duration.ofMillis(Long.getLong(JOIN_TIMEOUT_PROP, JOIN_TIMEOUT_MS_DEFAULT));
        try {
            if (job.hostRendezvous() && job.rank() == 0) {
                server = TcpRendezvousServer.start("0.0.0.0", job.rendezvousPort(), job.jobId(), job.secret(),
                    job.size());
            }
            TcpRendezvousClient rendezvous = new TcpRendezvousClient(job.rendezvousHost(), job.rendezvousPort(),
                job.jobId(), job.secret(), job.size());
            if (keepsLifeline(job)) {
                String service = job.rendezvousHost() + ":" + job.rendezvousPort();
                rendezvous.keepLifeline(reason -> LauncherLifeline.launcherLost(job.rank(), service, reason));
            }
            MeshConfig.Builder cfg = MeshConfig.builder().fromSystemProperties()
                .rank(job.rank()).size(job.size()).jobId(job.jobId()).secret(job.secret())
                .portRange(job.firstPort(), job.lastPort())
                .connectTimeoutMs(joinTimeout.toMillis());
            if (job.bindHost() != null && !job.bindHost().isBlank()) {
                cfg.bindHost(job.bindHost());
            }
            if (job.advertisedHost() != null && !job.advertisedHost().isBlank()) {
                cfg.advertisedHost(job.advertisedHost());
            }
            if (job.tls()) {
                cfg.tls(dev.jmpi.transport.TlsConfig.jobCertificate());
            }
            NettyMesh mesh = NettyMesh.start(cfg.build(), rendezvous);
            World w = new World(mesh, job.launched());
            JobReporter reporter = rendezvous.lifeline() == null ? JobReporter.NONE
                : new LauncherLifeline(job.rank(), rendezvous.lifeline());
            w.reportTo(reporter);
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
            throw new JmpiException("rank " + job.rank() + " of " + job.size() + " could not join the job ("
                + job + "): " + e.getMessage(), e, false);
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

    private static synchronized void forget() {
        current = null;
    }

}
