package dev.jmpi.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A rank started through the remote shell ({@code ssh HOST 'exec sh -c ...'}, see
 * {@link RemoteScript}). The secret is the first line written to ssh's stdin; rank 0's
 * stdin is then forwarded, other ranks' stdin is closed. The remote JVM's pid arrives as a
 * control line on stderr; signals go to it with {@code ssh HOST kill -SIG pid}, and closing
 * the ssh client makes the remote watchdog kill the JVM.
 */
final class SshRankProcess extends RankProcess {

    /** ssh's status for its own errors (connection refused, lost, authentication failed). */
    static final int SSH_ERROR_STATUS = 255;

    private final List<String> sshToHost;
    private volatile long remotePid = -1;

    private SshRankProcess(Placement placement, Process process, List<String> sshToHost) {
        super(placement, process);
        this.sshToHost = sshToHost;
    }

    /**
     * Starts ssh and sends the secret.
     *
     * @param ssh        the remote shell command, e.g. {@code [ssh, -o, BatchMode=yes]}
     * @param remoteCmd  the command for the remote shell ({@link RemoteScript#command})
     * @param secret     base64 job secret, written as the first line of stdin
     * @param keepStdin  whether to keep stdin open for forwarding (rank 0)
     */
    static SshRankProcess start(
            Placement placement, List<String> ssh, String remoteCmd, String secret, boolean keepStdin) {
        List<String> sshToHost = new ArrayList<>(ssh);
        sshToHost.add(placement.host());
        List<String> cmd = new ArrayList<>(sshToHost);
        cmd.add(remoteCmd);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith(RankEnvironment.PREFIX));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new LaunchException(
                    "cannot start rank " + placement.rank() + " on host " + placement.host() + ": cannot run "
                            + ssh.get(0) + ": " + e.getMessage() + " (see --ssh)",
                    e);
        }
        SshRankProcess rank = new SshRankProcess(placement, process, sshToHost);
        OutputStream stdin = process.getOutputStream();
        try {
            stdin.write((secret + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            if (!keepStdin) {
                stdin.close();
            }
        } catch (IOException e) {
            // ssh already exited (host unreachable); its status and stderr report why.
            return rank;
        }
        return rank;
    }

    @Override
    long pid() {
        return remotePid;
    }

    @Override
    boolean started() {
        return remotePid > 0;
    }

    @Override
    boolean onStderrLine(String line) {
        if (remotePid < 0 && line.startsWith(RemoteScript.PID_PREFIX)) {
            try {
                remotePid = Long.parseLong(
                        line.substring(RemoteScript.PID_PREFIX.length()).trim());
                return false;
            } catch (NumberFormatException e) {
                return super.onStderrLine(line);
            }
        }
        return super.onStderrLine(line);
    }

    @Override
    void terminate() {
        long pid = remotePid;
        if (pid > 0) {
            Signaller.signal(sshToHost, "TERM", pid);
        } else {
            process().destroy();
        }
    }

    @Override
    void kill() {
        long pid = remotePid;
        if (pid > 0) {
            Signaller.signal(sshToHost, "KILL", pid);
        }
        process().toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process().destroyForcibly();
    }

    @Override
    void requestThreadDump() {
        long pid = remotePid;
        if (pid > 0) {
            Signaller.signal(sshToHost, "QUIT", pid);
        }
    }

    @Override
    String describeExit(int status) {
        if (!started()) {
            return "could not be started: " + sshToHost.get(0) + " exited with status " + status;
        }
        if (status == SSH_ERROR_STATUS) {
            return "lost its connection (" + sshToHost.get(0) + " exited with status " + status + ")";
        }
        return super.describeExit(status);
    }
}
