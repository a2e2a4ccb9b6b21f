package dev.jmpi.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything a job needs, built and checked once from the command line by {@link JmpiRun}.
 *
 * @param placements  where each rank runs, indexed by rank
 * @param localHosts  hosts that are this machine (ranks forked directly unless {@code forceSsh})
 * @param app         main class, user class path and program arguments
 * @param runtime     jmpi's runtime class path (absolute), first on every rank's class path
 * @param jvmOptions  options for every rank's JVM
 * @param wdir        working directory of every rank ({@code null}: jmpirun's own, on remote hosts if it exists)
 * @param extraEnv    variables from {@code -x}
 * @param output      how rank output is written
 * @param timeout     wall-clock limit of the job, or {@code null}
 * @param grace       time between SIGTERM and SIGKILL when stopping ranks
 * @param threadDump  whether to dump every rank's threads when the timeout expires
 * @param network     rendezvous and rank networking
 * @param tls         whether ranks use TLS ({@code JMPI_TLS=1})
 * @param opTimeout   default per-operation timeout for ranks ({@code JMPI_TIMEOUT}), or {@code null}
 * @param ssh         remote shell command, e.g. {@code [ssh, -o, BatchMode=yes]}
 * @param remoteJava  java executable on remote hosts
 * @param forceSsh    start ranks on this host through {@code ssh} too
 * @param stdinRank   rank that gets jmpirun's stdin, or {@code -1} for none
 * @param classDataCache whether local ranks use the AppCDS archive cache ({@link ClassDataCache})
 * @param bindTo      which CPUs each rank may use on its host ({@link CpuBinding})
 */
record JobSpec(
        List<Placement> placements,
        Set<String> localHosts,
        AppTarget app,
        List<String> runtime,
        List<String> jvmOptions,
        Path wdir,
        Map<String, String> extraEnv,
        OutputOptions output,
        Duration timeout,
        Duration grace,
        boolean threadDump,
        NetworkPlan network,
        boolean tls,
        Duration opTimeout,
        List<String> ssh,
        String remoteJava,
        boolean forceSsh,
        int stdinRank,
        boolean classDataCache,
        CpuBinding.Mode bindTo) {

    /** Number of ranks. */
    int size() {
        return placements.size();
    }

    /** Whether {@code placement} is started over ssh. */
    boolean remote(Placement placement) {
        return forceSsh || !localHosts.contains(placement.host());
    }

    /**
     * How rank output is written.
     *
     * @param tag       prefix each line with {@code [rank]}
     * @param timestamp prefix each line with the time it arrived
     * @param dir       write {@code DIR/rank.N/stdout} and {@code stderr} instead of the terminal, or {@code null}
     */
    record OutputOptions(boolean tag, boolean timestamp, Path dir) {}
}
