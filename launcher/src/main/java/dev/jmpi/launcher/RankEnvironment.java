package dev.jmpi.launcher;

import dev.jmpi.transport.config.Setting;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment contract between jmpirun and a rank's bootstrap: {@code JMPI_RANK},
 * {@code JMPI_SIZE}, {@code JMPI_LOCAL_RANK}, {@code JMPI_LOCAL_SIZE}, {@code JMPI_JOB_ID},
 * {@code JMPI_RENDEZVOUS}, {@code JMPI_LAUNCHED}, {@code JMPI_HOSTNAME}, the secret, and the
 * optional networking and timeout variables. Local ranks get the secret as
 * {@code JMPI_SECRET}; remote ranks get {@code JMPI_SECRET_STDIN=1} and read it as the first
 * line of their stdin, so it never appears on a command line. Rank settings in jmpirun's own
 * environment ({@link #inheritedSettings}) and {@code -x} variables come on top.
 */
final class RankEnvironment {

    /**
     * Prefix of every variable jmpirun sets; a rank process inherits none with it from jmpirun's
     * environment, only what {@link #of} gives it.
     */
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

    /** The names {@link #of} sets itself: a parent job's values of these never pass to a job's ranks. */
    static final Set<String> CONTRACT = Set.of(
            RANK,
            SIZE,
            LOCAL_RANK,
            LOCAL_SIZE,
            HOST_CORES,
            JOB_ID,
            RENDEZVOUS,
            SECRET,
            SECRET_STDIN,
            LAUNCHED,
            BIND,
            ADVERTISE,
            PORT_RANGE,
            TLS,
            TIMEOUT,
            HOSTNAME);

    /** Rank settings' variable names (transport and core), which jmpirun passes on from its environment. */
    private static final Set<String> RANK_SETTINGS = rankSettingNames();

    private RankEnvironment() {}

    /**
     * The variables of {@code environment} (jmpirun's own) that name a rank setting, e.g.
     * {@code JMPI_EAGER_LIMIT_BYTES=64k jmpirun ...}: passed on to every rank, local or remote,
     * as the configuration docs promise. The launch contract's names ({@link #CONTRACT}) are not:
     * jmpirun sets them from its options, and inside a rank they belong to the enclosing job.
     */
    static Map<String, String> inheritedSettings(Map<String, String> environment) {
        Map<String, String> settings = new TreeMap<>();
        environment.forEach((name, value) -> {
            if (RANK_SETTINGS.contains(name) && !CONTRACT.contains(name)) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    private static Set<String> rankSettingNames() {
        Set<String> names = new HashSet<>();
        for (Setting<?> s : dev.jmpi.transport.TransportSettings.ALL) {
            names.add(s.env());
        }
        for (Setting<?> s : dev.jmpi.core.internal.CoreSettings.ALL) {
            names.add(s.env());
        }
        return Set.copyOf(names);
    }

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
