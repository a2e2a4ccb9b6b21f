package dev.jmpi.core.internal;

import dev.jmpi.transport.Sha256;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds which launcher or engine started this process and reads the job from it. Order of
 * precedence, first match wins:
 * <ol>
 *   <li>jmpirun or any launcher setting {@code JMPI_RANK}/{@code JMPI_SIZE};</li>
 *   <li>Slurm ({@code srun}): {@code SLURM_PROCID}, {@code SLURM_NTASKS},
 *       {@code SLURM_STEP_NODELIST}; rank 0 (on the first node) hosts the rendezvous;</li>
 *   <li>a Kubernetes Indexed Job: {@code JOB_COMPLETION_INDEX} with {@code JMPI_SIZE} and
 *       {@code JMPI_RENDEZVOUS} naming the index-0 pod; rank 0 hosts the rendezvous;</li>
 *   <li>torchrun-style {@code RANK}, {@code WORLD_SIZE}, {@code MASTER_ADDR},
 *       {@code MASTER_PORT}; rank 0 hosts the rendezvous.</li>
 * </ol>
 * With none of them the program is a singleton (null is returned).
 */
public final class JobSources {

    /** Port of the rendezvous rank 0 hosts under Slurm (default: derived from the job and step ids). */
    public static final String RENDEZVOUS_PORT = "JMPI_RENDEZVOUS_PORT";

    private static final Logger LOG = LoggerFactory.getLogger(JobSources.class);

    private JobSources() {}

    /** The job this environment describes, or null for a singleton. */
    public static @Nullable JobEnvironment detect(Map<String, String> env, InputStream stdin) {
        if (JobEnvironment.present(env)) {
            return JobEnvironment.fromJmpiVariables(env, stdin);
        }
        if (env.containsKey("SLURM_PROCID") && env.containsKey("SLURM_STEP_NODELIST")) {
            return fromSlurm(env, stdin);
        }
        if (env.containsKey("JOB_COMPLETION_INDEX") && env.containsKey(JobEnvironment.SIZE)) {
            return fromKubernetes(env, stdin);
        }
        if (env.containsKey("RANK") && env.containsKey("WORLD_SIZE") && env.containsKey("MASTER_ADDR")) {
            return fromTorchrun(env, stdin);
        }
        return null;
    }

    static JobEnvironment fromSlurm(Map<String, String> env, InputStream stdin) {
        Function<String, String> get = env::get;
        int size = JobEnvironment.intVar(get, "SLURM_NTASKS", 1, Integer.MAX_VALUE);
        int rank = JobEnvironment.intVar(get, "SLURM_PROCID", 0, size - 1);
        List<String> nodes = SlurmNodeList.expand(Objects.requireNonNull(
                env.get("SLURM_STEP_NODELIST"), "SLURM_STEP_NODELIST (detect checks it is set)"));
        String jobId = "slurm-" + env.getOrDefault("SLURM_JOB_ID", "0") + "." + env.getOrDefault("SLURM_STEP_ID", "0");
        int port = env.containsKey(RENDEZVOUS_PORT)
                ? JobEnvironment.intVar(get, RENDEZVOUS_PORT, 1, 65535)
                : 20000
                        + (int) Math.floorMod(
                                parseLong(env.get("SLURM_JOB_ID")) * 31 + parseLong(env.get("SLURM_STEP_ID")), 20000L);
        return build(env, stdin, rank, size, jobId, nodes.get(0), port, "Slurm (SLURM_PROCID/SLURM_NTASKS)");
    }

    static JobEnvironment fromKubernetes(Map<String, String> env, InputStream stdin) {
        Function<String, String> get = env::get;
        int size = JobEnvironment.intVar(get, JobEnvironment.SIZE, 1, Integer.MAX_VALUE);
        int rank = JobEnvironment.intVar(get, "JOB_COMPLETION_INDEX", 0, size - 1);
        String[] hp = hostPort(JobEnvironment.required(
                get, JobEnvironment.RENDEZVOUS, "host:port of the index-0 pod, e.g. myjob-0.myjob:7100"));
        return build(
                env,
                stdin,
                rank,
                size,
                env.getOrDefault(JobEnvironment.JOB_ID, "k8s-" + hp[0]),
                hp[0],
                JobEnvironment.parseInt(JobEnvironment.RENDEZVOUS, hp[1], 1, 65535),
                "Kubernetes (JOB_COMPLETION_INDEX)");
    }

    static JobEnvironment fromTorchrun(Map<String, String> env, InputStream stdin) {
        Function<String, String> get = env::get;
        int size = JobEnvironment.intVar(get, "WORLD_SIZE", 1, Integer.MAX_VALUE);
        int rank = JobEnvironment.intVar(get, "RANK", 0, size - 1);
        int port = JobEnvironment.intVar(get, "MASTER_PORT", 1, 65535);
        String host = Objects.requireNonNull(env.get("MASTER_ADDR"), "MASTER_ADDR (detect checks it is set)");
        return build(
                env,
                stdin,
                rank,
                size,
                env.getOrDefault(JobEnvironment.JOB_ID, "torchrun-" + host + "-" + port),
                host,
                port,
                "torchrun-style RANK/WORLD_SIZE/MASTER_ADDR/MASTER_PORT");
    }

    private static JobEnvironment build(
            Map<String, String> env,
            InputStream stdin,
            int rank,
            int size,
            String jobId,
            String rendezvousHost,
            int rendezvousPort,
            String source) {
        Function<String, String> get = env::get;
        byte[] secret;
        if (env.containsKey(JobEnvironment.SECRET)
                || env.containsKey(JobEnvironment.SECRET_FILE)
                || "1".equals(env.get(JobEnvironment.SECRET_STDIN))) {
            secret = JobEnvironment.secret(get, stdin);
        } else {
            secret = derivedSecret(jobId);
            if (rank == 0) {
                LOG.warn(
                        "no JMPI_SECRET or JMPI_SECRET_FILE for job {} started by {}: using a secret derived from"
                                + " the job id, which anyone who knows the id can compute; set JMPI_SECRET to authenticate ranks",
                        jobId,
                        source);
            }
        }
        int[] ports = JobEnvironment.ports(get);
        Duration timeout = JobEnvironment.durationVar(get, JobEnvironment.TIMEOUT);
        return new JobEnvironment(
                rank,
                size,
                jobId,
                secret,
                rendezvousHost,
                rendezvousPort,
                true,
                env.get(JobEnvironment.BIND),
                env.get(JobEnvironment.ADVERTISE),
                ports[0],
                ports[1],
                "1".equals(env.get(JobEnvironment.TLS)),
                timeout,
                false,
                source);
    }

    private static byte[] derivedSecret(String jobId) {
        return Sha256.of(("jmpi-derived-secret:" + jobId).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] hostPort(String v) {
        int colon = v.lastIndexOf(':');
        if (colon <= 0) {
            throw new dev.jmpi.InvalidArgumentException(JobEnvironment.RENDEZVOUS + "=" + v + " (expected: host:port)");
        }
        return new String[] {v.substring(0, colon), v.substring(colon + 1)};
    }

    private static long parseLong(@Nullable String v) {
        try {
            return v == null ? 0 : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
