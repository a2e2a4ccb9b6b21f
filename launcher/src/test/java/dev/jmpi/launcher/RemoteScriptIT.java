package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote rank script, run by a local {@code sh} exactly as a remote login shell would
 * run it (no sshd needed): quoting survives, the secret line reaches java's stdin, the JVM's
 * pid is reported, its status comes back, and the watchdog kills the JVM when the session
 * (the script's parent) dies.
 */
@Timeout(60)
class RemoteScriptIT {

    @TempDir
    Path tmp;

    private static List<String> java(String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(
                JavaCommand.localJava(),
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                absoluteClassPath(),
                Jmpirun.APPS + main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : ClassPaths.split(System.getProperty("java.class.path"))) {
            entries.add(Path.of(e).toAbsolutePath().toString());
        }
        return ClassPaths.join(entries);
    }

    private static Map<String, String> env(String rank) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JMPI_RANK", rank);
        env.put("JMPI_SECRET_STDIN", "1");
        env.put("ODD", "it's a \"quoted\" $value `x` \\ ;|&");
        return env;
    }

    @Test
    void shellWordsRoundTripThroughSh() throws Exception {
        String tricky = "it's a \"quoted\" $value `x` \\ ;|& *";
        Process p = new ProcessBuilder("sh", "-c", "printf '%s' " + ShellWords.quote(tricky)).start();
        assertEquals(tricky, new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(
                List.of("ssh", "-p", "2222", "-o", "Batch Mode", "a'b"),
                ShellWords.split("ssh -p 2222 -o 'Batch Mode' \"a'b\""));
    }

    @Test
    void scriptPassesSecretEnvironmentAndStatusAndReportsThePid() throws Exception {
        String cmd = RemoteScript.command(tmp.toString(), "/nonexistent", env("0"), java("PrintEnv", "ODD"), "", 1);
        Process p = new ProcessBuilder("sh", "-c", cmd).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("c2VjcmV0\n".getBytes(StandardCharsets.US_ASCII));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);
        assertTrue(out.contains("0 secret.from=stdin") && out.contains("0 secret=c2VjcmV0"), out);
        assertTrue(out.contains("0 env.ODD=" + env("0").get("ODD")), out);
        assertTrue(out.contains("0 cwd=" + tmp.toRealPath()), out);
        assertTrue(err.startsWith(RemoteScript.PID_PREFIX), err);
    }

    /**
     * With {@code --bind-to auto}, every rank of a host as large as this machine runs on its own
     * share of the host's CPUs, as a local rank would, and is told the host's CPU count; a count
     * given with {@code -x} wins; with {@code --bind-to none} nothing is chosen.
     */
    @Test
    void boundRemoteRanksRunOnTheirShareOfTheHostsCpus() throws Exception {
        List<Integer> cpus = CpuBinding.allowedCpus(Path.of("/proc/self/status"));
        assertTrue(cpus.size() > 0, "this test reads the kernel's Cpus_allowed_list (Linux)");
        CpuBinding auto = new CpuBinding(CpuBinding.Mode.AUTO, cpus, "/usr/bin/taskset");
        int size = cpus.size();
        for (int r = 0; r < size; r++) {
            Placement p = new Placement(r, "node", r, size);
            String expected = auto.cpusFor(p);
            List<String> seen = runOnHost(env(Integer.toString(r)), auto.remoteShell(p));
            assertEquals(
                    List.of("cpus=" + (expected == null ? CpuBinding.list(cpus) : expected), "cores=" + size),
                    seen,
                    "rank " + r + " of " + size + " on CPUs " + CpuBinding.list(cpus));
        }
        Map<String, String> given = env("0");
        given.put("JMPI_HOST_CORES", "7");
        Placement first = new Placement(0, "node", 0, size);
        assertEquals("cores=7", runOnHost(given, auto.remoteShell(first)).get(1), "-x JMPI_HOST_CORES wins");
        CpuBinding none = new CpuBinding(CpuBinding.Mode.NONE, cpus, "/usr/bin/taskset");
        assertEquals(List.of("cpus=" + CpuBinding.list(cpus), "cores="), runOnHost(env("0"), none.remoteShell(first)));
    }

    /** Runs the remote script with a command that prints its CPUs and JMPI_HOST_CORES. */
    private List<String> runOnHost(Map<String, String> env, String cpuChoice) throws Exception {
        List<String> report = List.of(
                "sh",
                "-c",
                "echo cpus=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status);"
                        + " echo cores=$JMPI_HOST_CORES");
        String cmd = RemoteScript.command(null, tmp.toString(), env, report, cpuChoice, 1);
        Process p = new ProcessBuilder("sh", "-c", cmd).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);
        return out.lines().toList();
    }

    @Test
    void scriptExitsWithTheJvmStatus() throws Exception {
        String cmd = RemoteScript.command(null, tmp.toString(), env("1"), java("ExitWith", "1", "7"), "", 1);
        Process p =
                new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(7, p.exitValue());
    }

    @Test
    void watchdogKillsTheJvmWhenTheSessionDies() throws Exception {
        String cmd = RemoteScript.command(null, tmp.toString(), env("0"), java("Hang"), "", 1);
        // The outer sh stands in for the sshd session: it stays the script's parent ("; true").
        Process session = new ProcessBuilder("sh", "-c", cmd.replaceFirst("^exec ", "") + "; true")
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        session.getOutputStream().write("c2VjcmV0\n".getBytes(StandardCharsets.US_ASCII));
        session.getOutputStream().flush();
        BufferedReader err =
                new BufferedReader(new InputStreamReader(session.getErrorStream(), StandardCharsets.UTF_8));
        String first = err.readLine();
        assertTrue(first != null && first.startsWith(RemoteScript.PID_PREFIX), String.valueOf(first));
        long jvm = Long.parseLong(first.substring(RemoteScript.PID_PREFIX.length()));
        BufferedReader out =
                new BufferedReader(new InputStreamReader(session.getInputStream(), StandardCharsets.UTF_8));
        assertTrue(out.readLine().contains("pid=" + jvm));
        session.destroyForcibly().waitFor();
        assertEquals(List.of(), Processes.aliveAfter(List.of(jvm), Duration.ofSeconds(20)));
    }

    @Test
    void watchdogKillsTheJvmWhenTheSessionWasGoneBeforeThePidLine() throws Exception {
        String script = RemoteScript.command(null, tmp.toString(), env("0"), java("Hang"), "", 1)
                .replaceFirst("^exec ", "");
        // The outer sh is the session. It runs the script only once this test has closed its end
        // of the session's stderr, so the script's pid line meets a pipe with no reader: what
        // happens when jmpirun drops the ssh connection of a rank that has not reported its pid
        // yet (another rank failed first). The script must still start its watchdog.
        Process session = new ProcessBuilder("sh", "-c", "read go; " + script + "; true").start();
        session.getErrorStream().close();
        OutputStream in = session.getOutputStream();
        in.write("go\nc2VjcmV0\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        BufferedReader out =
                new BufferedReader(new InputStreamReader(session.getInputStream(), StandardCharsets.UTF_8));
        String announced = out.readLine();
        assertTrue(announced != null && announced.startsWith("rank 0 pid="), String.valueOf(announced));
        long jvm = Long.parseLong(announced.substring("rank 0 pid=".length()));
        session.destroyForcibly().waitFor();
        List<Long> survivors = Processes.aliveAfter(List.of(jvm), Duration.ofSeconds(20));
        survivors.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        assertEquals(List.of(), survivors, "the rank's JVM outlived its session");
    }

    @Test
    void scriptWhoseSessionEndedBeforeItStartedNeverStartsTheJvm() throws Exception {
        String script = RemoteScript.command(null, tmp.toString(), env("0"), java("Hang"), "", 1)
                .replaceFirst("^exec ", "");
        // The session (outer sh) forks the shell and exits at once; the shell runs the script only
        // once the session is gone, so the script starts already reparented: what happens when
        // jmpirun drops an ssh connection while sshd is still starting the rank's shell. A JVM
        // started then would have no session for the watchdog to watch and would run for ever.
        Process session = new ProcessBuilder(
                        "sh",
                        "-c",
                        "outer=$$; ( while kill -0 $outer 2>/dev/null; do sleep 0.05; done; " + script + " ) & exit 0")
                .start();
        // No secret is written: the session exits at once, so a write could meet a closed pipe
        // (Broken pipe), and the background shell's stdin is /dev/null anyway (POSIX, for an
        // asynchronous list without job control).
        session.getOutputStream().close();
        BufferedReader err =
                new BufferedReader(new InputStreamReader(session.getErrorStream(), StandardCharsets.UTF_8));
        String first = err.readLine();
        if (first != null && first.startsWith(RemoteScript.PID_PREFIX)) {
            long jvm = Long.parseLong(first.substring(RemoteScript.PID_PREFIX.length()));
            ProcessHandle.of(jvm).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertTrue(
                first != null && first.startsWith("jmpirun: the session to ") && first.endsWith("not starting it"),
                String.valueOf(first));
        assertEquals("", new String(session.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
