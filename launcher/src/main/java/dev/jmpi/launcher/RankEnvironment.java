package dev.jmpi.launcher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment contract between jmpirun and a rank's bootstrap: {@code JMPI_RANK},
 * {@code JMPI_SIZE}, {@code JMPI_LOCAL_RANK}, {@code JMPI_LOCAL_SIZE}, {@code JMPI_JOB_ID},
 * {@code JMPI_RENDEZVOUS}, {@code JMPI_LAUNCHED}, {@code JMPI_HOSTNAME}, the secret, and the
 * optional networking and timeout variables. Local ranks get the secret as
 * {@code JMPI_SECRET}; remote ranks get {@code JMPI_SECRET_STDIN=1} and read it as the first
 * line of their stdin, so it never appears on a command line.
 */
final class RankEnvironment {

    /** Prefix of every variable jmpirun sets; inherited ones with it are dropped. */
    static final String PREFIX = "JMPI_";

    static final String RANK = "JMPI_RANK";
    static final String SIZE = "JMPI_SIZE";
    static final String LOCAL_RANK = "JMPI_LOCAL_RANK";
    static final String LOCAL_SIZE = dev.jmpi.transport.TransportSettings.LOCAL_SIZE.env();
    static final String HOST_CORES = dev.jmpi.transport.TransportSettings.HOST_CORES.env();
    static final String JOB_ID = "JMPI_JOB_ID";
    static final String RENDEZVOUS = "JMPI_RENDEZVOUS";
    static final String SECRET = "JMPI_SECRET";
    static final String SECRET_STDIN = "JMPI_SECRET_STDIN";
    static final String LAUNCHED = "JMPI_LAUNCHED";
    static final String BIND = "JMPI_BIND";
    static final String ADVERTISE = "JMPI_ADVERTISE";
    static final String PORT_RANGE = "JMPI_PORT_RANGE";
    static final String TLS = "JMPI_TLS";
    static final String TIMEOUT = "JMPI_TIMEOUT";
    static final String HOSTNAME = dev.jmpi.core.internal.CoreSettings.HOSTNAME.env();

    private RankEnvironment() {}

    /**
     * Variables for one rank, {@code -x} variables last (they may override ours).
     *
     * @param rendezvous {@code host:port} of the rendezvous
     * @param secret     base64 job secret
     * @param remote     whether the rank is started over ssh
     */
    static Map<String, String> of(
            JobSpec spec, Placement p, String jobId, String rendezvous, String secret, boolean remote) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(RANK, Integer.toString(p.rank()));
        env.put(SIZE, Integer.toString(spec.size()));
        env.put(LOCAL_RANK, Integer.toString(p.localRank()));
        env.put(LOCAL_SIZE, Integer.toString(p.localSize()));
        env.put(JOB_ID, jobId);
        env.put(RENDEZVOUS, rendezvous);
        env.put(LAUNCHED, "1");
        env.put(HOSTNAME, p.host());
        if (remote) {
            env.put(SECRET_STDIN, "1");
        } else {
            env.put(SECRET, secret);
        }
        NetworkPlan net = spec.network();
        if (spec.localHosts().contains(p.host())) {
            putIfSet(env, BIND, net.localBind());
            putIfSet(env, ADVERTISE, net.localAdvertise());
        }
        putIfSet(
                env,
                PORT_RANGE,
                net.portRange() == null ? null : net.portRange().toString());
        if (spec.tls()) {
            env.put(TLS, "1");
        }
        putIfSet(env, TIMEOUT, spec.opTimeout() == null ? null : DurationConverter.format(spec.opTimeout()));
        env.putAll(spec.extraEnv());
        return env;
    }

    private static void putIfSet(Map<String, String> env, String name, String value) {
        if (value != null) {
            env.put(name, value);
        }
    }
}
