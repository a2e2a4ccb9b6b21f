package dev.jmpi.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shell script a remote host runs for one rank, handed to {@code ssh HOST} as
 * {@code exec sh -c '<script>'} (so any POSIX login shell works).
 *
 * <p>It starts java in the background with the ssh session's stdin (the secret line first,
 * then rank 0's forwarded input), prints {@value #PID_PREFIX}{@code <pid>} on stderr so the
 * launcher can signal the JVM itself (a second {@code ssh HOST kill -TERM pid}), and waits
 * for it, exiting with its status ({@code 128+signal} when killed, like the shell).
 *
 * <p>With {@code --bind-to} other than none, the script first chooses the rank's CPUs on that host
 * ({@link CpuBinding#remoteShell}) and starts java through {@code taskset}, with
 * {@code JMPI_HOST_CORES} set to the host's CPU count unless the rank's environment sets it.
 *
 * <p>A watchdog checks once a second that the script's parent is still the sshd session
 * process it started under; when the ssh connection is gone (launcher killed, network lost)
 * the session exits, the script is reparented, and the watchdog sends the JVM SIGTERM and,
 * after the grace period, SIGKILL. It compares the parent's pid rather than asking whether
 * the session pid is alive, which a recycled pid would fool, and it watches the session
 * rather than stdin EOF because EOF on stdin is also how a user's input to rank 0 ends. A
 * script whose parent is already init when it starts (jmpirun dropped the connection while
 * sshd was still starting the shell) has no session to watch, so it does not start the JVM
 * at all: the watchdog could never notice that session end. Its own descriptors point at
 * {@code /dev/null} so it never holds the session open. It starts before the pid line is
 * written, and the script ignores SIGPIPE and SIGHUP from then on: jmpirun may drop the
 * session before the JVM has started (another rank failed first), and the pid line written
 * into the closed session would otherwise kill the script there, leaving the JVM running
 * with no watchdog.
 */
final class RemoteScript {

    /** Prefix of the stderr line that reports the remote JVM's pid. */
    static final String PID_PREFIX = "JMPI_REMOTE_PID=";

    private RemoteScript() {}

    /**
     * The argument for ssh: {@code exec sh -c '<script>'}.
     *
     * @param wdir      directory to run in, or {@code null} for the launcher's directory if it
     *                  exists on the remote host, else the remote home
     * @param launchDir the launcher's working directory
     * @param env       rank environment
     * @param java      the java command line
     * @param cpuChoice shell lines that set {@code cores} and {@code pin} ({@link CpuBinding#remoteShell}),
     *                  or empty for an unbound rank
     * @param graceSecs seconds between SIGTERM and SIGKILL when the session is lost
     */
    static String command(
            String wdir,
            String launchDir,
            Map<String, String> env,
            List<String> java,
            String cpuChoice,
            long graceSecs) {
        List<String> assignments = new ArrayList<>();
        env.forEach((k, v) -> assignments.add(k + "=" + v));
        // Unquoted on purpose: each expands to its words or to nothing. The rank's own
        // environment comes after the host's CPU count, so a JMPI_HOST_CORES given with -x wins.
        String start = "env ${cores:+JMPI_HOST_CORES=$cores} " + ShellWords.join(assignments) + " $pin "
                + ShellWords.join(java);
        String cd = wdir != null
                ? "cd " + ShellWords.quote(wdir) + " || { echo \"jmpirun: cannot cd to " + wdir.replace("\"", "")
                        + " on $(hostname)\" >&2; exit 127; }\n"
                : "cd " + ShellWords.quote(launchDir) + " 2>/dev/null || cd\n";
        String script = cd
                + "session=$PPID\n"
                + "self=$$\n"
                + "[ \"$session\" -gt 1 ] || { echo \"jmpirun: the session to $(hostname) closed before the rank"
                + " started; not starting it\" >&2; exit 129; }\n"
                + "cores=\n"
                + "pin=\n"
                + cpuChoice
                + "exec 3<&0\n"
                + start + " 0<&3 3<&- &\n"
                + "pid=$!\n"
                + "exec 3<&-\n"
                + "trap '' PIPE HUP\n"
                + "parent() { if [ -r /proc/$self/stat ]; then read -r s < /proc/$self/stat; s=${s##*) }; set -- $s;"
                + " echo \"$2\"; else ps -o ppid= -p $self 2>/dev/null | tr -d ' '; fi; }\n"
                + "( while kill -0 $pid 2>/dev/null; do\n"
                + "    if [ \"$(parent)\" != \"$session\" ]; then\n"
                + "      kill -TERM $pid 2>/dev/null; sleep " + graceSecs + "; kill -KILL $pid 2>/dev/null; exit 0\n"
                + "    fi\n"
                + "    sleep 1\n"
                + "  done ) </dev/null >/dev/null 2>&1 &\n"
                + "echo \"" + PID_PREFIX + "$pid\" >&2\n"
                + "wait $pid\n"
                + "exit $?\n";
        return "exec sh -c " + ShellWords.quote(script);
    }
}
