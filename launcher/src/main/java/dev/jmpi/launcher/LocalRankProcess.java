package dev.jmpi.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A rank forked on this host: the JVM is our child, signalled by PID through {@link ProcessHandle}. */
final class LocalRankProcess extends RankProcess {

    private LocalRankProcess(Placement placement, Process process) {
        super(placement, process);
    }

    /**
     * Starts the rank's JVM.
     *
     * @param pipeStdin whether the rank reads jmpirun's stdin; otherwise its stdin is {@code /dev/null}
     * @throws LaunchException naming the rank and host if java cannot be started
     */
    static LocalRankProcess start(
            Placement placement, List<String> command, Map<String, String> env, Path wdir, boolean pipeStdin) {
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> pbEnv = pb.environment();
        pbEnv.keySet().removeIf(k -> k.startsWith(RankEnvironment.PREFIX));
        pbEnv.putAll(env);
        if (wdir != null) {
            pb.directory(wdir.toFile());
        }
        if (!pipeStdin) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        try {
            return new LocalRankProcess(placement, pb.start());
        } catch (IOException e) {
            throw new LaunchException(
                    "cannot start rank " + placement.rank() + " on host " + placement.host() + ": " + command.get(0)
                            + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    long pid() {
        return process().pid();
    }

    @Override
    boolean started() {
        return true;
    }

    @Override
    boolean stopped() {
        return alive() && ProcessState.stopped(pid());
    }

    @Override
    void terminate() {
        ProcessHandle handle = process().toHandle();
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
    }

    @Override
    void kill() {
        ProcessHandle handle = process().toHandle();
        handle.descendants().forEach(ProcessHandle::destroyForcibly);
        handle.destroyForcibly();
    }

    @Override
    void requestThreadDump() {
        Signaller.signal(List.of(), "QUIT", pid());
    }
}
