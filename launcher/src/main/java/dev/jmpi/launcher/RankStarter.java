package dev.jmpi.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Starts one rank, forked locally or through the remote shell, with its environment and java command. */
final class RankStarter {

    private final JobSpec spec;
    private final String jobId;
    private final String rendezvous;
    private final String secret;
    private final Log log;
    private final ClassDataCache.Plan classData;
    /** {@code -Djava.library.path} with the cached Netty library for local ranks, or null. */
    private final @Nullable String libraryPathOption;

    private final CpuBinding binding;
    /** Variables jmpirun chose for every rank of this job ({@link OversubscribedCollectives}); {@code -x} wins. */
    private final Map<String, String> jobEnv;

    RankStarter(
            JobSpec spec,
            String jobId,
            String rendezvous,
            String secret,
            ClassDataCache.Plan classData,
            @Nullable String libraryPathOption,
            Map<String, String> jobEnv,
            Log log) {
        this.spec = spec;
        this.jobEnv = Map.copyOf(jobEnv);
        this.classData = classData;
        this.libraryPathOption = libraryPathOption;
        this.jobId = jobId;
        this.rendezvous = rendezvous;
        this.secret = secret;
        this.log = log;
        this.binding = CpuBinding.forThisHost(spec.bindTo(), log);
    }

    /** Starts the rank at {@code p}; throws {@link LaunchException} naming it if it cannot start. */
    RankProcess start(Placement p) {
        boolean remote = spec.remote(p);
        Map<String, String> env = RankEnvironment.of(spec, p, jobId, rendezvous, secret, remote);
        jobEnv.forEach(env::putIfAbsent);
        boolean stdin = p.rank() == spec.stdinRank();
        List<String> defaults = RankJvmDefaults.options(spec.jvmOptions(), p.localSize());
        if (!remote) {
            List<String> extra = new ArrayList<>(defaults);
            if (classData != null) {
                extra.addAll(classData.optionsFor(p.rank()));
            }
            if (libraryPathOption != null) {
                extra.add(libraryPathOption);
            }
            // The spin policy compares the host's ranks with its CPUs; a bound rank's JVM sees only its own.
            env.put(
                    RankEnvironment.HOST_CORES,
                    Integer.toString(binding.cpuCount(Runtime.getRuntime().availableProcessors())));
            List<String> cmd = new ArrayList<>(binding.commandPrefix(p));
            cmd.addAll(JavaCommand.of(JavaCommand.localJava(), spec, extra));
            log.verbose(2, "rank " + p.rank() + " on " + p.host() + ": " + redacted(env) + " " + String.join(" ", cmd));
            return LocalRankProcess.start(p, cmd, env, spec.wdir(), stdin);
        }
        String wdir = spec.wdir() == null ? null : spec.wdir().toString();
        String launchDir = Path.of("").toAbsolutePath().toString();
        String remoteCmd = RemoteScript.command(
                wdir,
                launchDir,
                env,
                JavaCommand.of(spec.remoteJava(), spec, defaults),
                binding.remoteShell(p),
                Math.max(1, spec.grace().toSeconds()));
        log.verbose(2, "rank " + p.rank() + ": " + String.join(" ", spec.ssh()) + " " + p.host() + " " + remoteCmd);
        return SshRankProcess.start(p, spec.ssh(), remoteCmd, secret, stdin);
    }

    /** {@code env} with the secret replaced, for messages. */
    static Map<String, String> redacted(Map<String, String> env) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        copy.computeIfPresent(RankEnvironment.SECRET, (k, v) -> "<redacted>");
        return copy;
    }
}
