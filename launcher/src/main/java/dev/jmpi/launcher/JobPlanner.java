package dev.jmpi.launcher;

import dev.jmpi.core.internal.CoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns jmpirun's options into a checked {@link JobSpec}: hosts, placement, class, network,
 * environment. Every problem is a {@link UsageException} with one line naming the option,
 * file or host, raised before any rank starts.
 */
final class JobPlanner {

    private final JmpiRun options;
    private final Log log;

    JobPlanner(JmpiRun options, Log log) {
        this.options = options;
        this.log = log;
    }

    JobSpec plan() {
        Integer np = options.np();
        if (np != null && np < 1) {
            throw new UsageException("-n " + np + " (expected: N >= 1)");
        }
        checkDurations();
        List<String> ssh = ShellWords.split(options.ssh());
        if (ssh.isEmpty()) {
            throw new UsageException("--ssh is empty (expected: a command such as '" + JmpiRun.DEFAULT_SSH + "')");
        }
        List<HostSlots> hosts = hosts();
        HostResolver resolver = new HostResolver(ssh);
        Set<String> localHosts = new HashSet<>();
        for (HostSlots host : hosts) {
            if (resolver.isLocal(host.name(), host.origin())) {
                localHosts.add(host.name());
            }
        }
        int size = np != null ? np : RankMapper.totalSlots(hosts);
        List<Placement> placements = RankMapper.map(hosts, size, options.mapBy(), options.oversubscribe());
        Map<String, Integer> ranksPerHost = new LinkedHashMap<>();
        for (Placement p : placements) {
            ranksPerHost.merge(p.host(), 1, Integer::sum);
        }
        log.verbose(1, "placement: " + ranksPerHost + (localHosts.isEmpty() ? "" : ", on this host: " + localHosts));
        NetworkPlan network = NetworkPlan.create(options.network(), ranksPerHost, localHosts);
        boolean anyLocal = placements.stream().anyMatch(p -> localHosts.contains(p.host()));
        Path wdir = workingDirectory(anyLocal);
        List<String> runtime = RuntimeClasspath.entries(options.settings());
        Path base = wdir != null ? wdir : Path.of("").toAbsolutePath();
        AppTarget app = AppTarget.resolve(
                options.jar(),
                options.classPath(),
                options.positionals(),
                base,
                runtime,
                anyLocal || existsLocally(options.classPath(), base));
        int stdinRank = stdinRank(size);
        return new JobSpec(
                placements,
                localHosts,
                app,
                runtime,
                List.copyOf(options.jvmOptions()),
                wdir,
                extraEnv(),
                options.output(),
                options.timeout(),
                options.grace(),
                options.threadDump(),
                network,
                options.tls(),
                options.opTimeout(),
                ssh,
                options.remoteJava(),
                options.forceSsh(),
                stdinRank,
                !options.noClassDataCache(),
                options.bindTo());
    }

    private List<HostSlots> hosts() {
        if (options.hostfile() != null && !options.hosts().isEmpty()) {
            throw new UsageException("--hostfile and --host are mutually exclusive (list every host in one of them)");
        }
        if (options.hostfile() != null) {
            return HostfileParser.read(options.hostfile());
        }
        if (!options.hosts().isEmpty()) {
            return HostListParser.parse(options.hosts());
        }
        // With no hostfile and no -H, every rank runs here: -n N means N ranks, whatever the
        // core count (MPICH's mpiexec behaves so; Open MPI's refusal is a rough edge for a
        // laptop or CI run). Slot limits apply to hosts the user listed.
        int slots = Math.max(Runtime.getRuntime().availableProcessors(), options.np() == null ? 0 : options.np());
        return List.of(new HostSlots(HostResolver.localHostName(), slots, 0, "local"));
    }

    private void checkDurations() {
        if (options.timeout() != null && !isPositive(options.timeout())) {
            throw new UsageException("--timeout " + DurationConverter.format(options.timeout()) + " (expected: > 0)");
        }
        if (options.grace().isNegative()) {
            throw new UsageException("--grace " + options.grace() + " (expected: >= 0)");
        }
        if (options.opTimeout() != null && options.opTimeout().isNegative()) {
            throw new UsageException("--op-timeout " + options.opTimeout() + " (expected: >= 0)");
        }
        if (options.threadDump() && options.timeout() == null) {
            throw new UsageException("--thread-dump needs --timeout (the dump is taken when the timeout expires)");
        }
    }

    private static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private Path workingDirectory(boolean anyLocal) {
        Path wdir = options.wdir();
        if (wdir == null) {
            return null;
        }
        Path absolute = wdir.toAbsolutePath().normalize();
        if (anyLocal && !Files.isDirectory(absolute)) {
            throw new UsageException("--wdir " + wdir + ": no such directory");
        }
        return absolute;
    }

    private static boolean existsLocally(String classPath, Path base) {
        List<String> entries = ClassPaths.split(classPath);
        return !entries.isEmpty() && ClassPaths.resolve(entries, base).stream().allMatch(Files::exists);
    }

    private int stdinRank(int size) {
        String target = options.stdinTarget().trim();
        if (target.equalsIgnoreCase("none")) {
            return -1;
        }
        try {
            int rank = Integer.parseInt(target);
            if (rank >= 0 && rank < size) {
                return rank;
            }
        } catch (NumberFormatException e) {
            // reported below with the expectation
        }
        throw new UsageException("--stdin " + target + " (expected: none or a rank in 0.." + (size - 1) + ")");
    }

    /** The ranks' variable for {@code --check-collectives} (the core's {@code jmpi.checkCollectives}). */
    static final String CHECK_COLLECTIVES_ENV = CoreSettings.CHECK_COLLECTIVES.env();

    private Map<String, String> extraEnv() {
        Map<String, String> env = new LinkedHashMap<>(
                RankEnvironment.inheritedSettings(options.settings().environment()));
        for (String entry : options.env()) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry : entry.substring(0, eq);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new UsageException(
                        "-x " + entry + ": invalid variable name '" + name + "' (expected: VAR or VAR=VALUE)");
            }
            if (eq >= 0) {
                env.put(name, entry.substring(eq + 1));
            } else if (options.settings().environment().get(name) != null) {
                env.put(name, options.settings().environment().get(name));
            } else {
                log.warn("-x " + name + ": not set in jmpirun's environment; not exported");
            }
        }
        String checks = options.checkCollectives();
        if (checks != null) {
            if (!List.of("strict", "on", "off").contains(checks)) {
                throw new UsageException("--check-collectives " + checks + " (expected: strict, on or off)");
            }
            env.put(CHECK_COLLECTIVES_ENV, checks);
        }
        return env;
    }
}
