package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ranks started over real ssh. Runs only when {@code JMPI_SSH_TEST_HOSTS} names reachable
 * hosts (comma-separated) with key authentication; {@code JMPI_SSH_TEST_SSH} overrides the
 * ssh command and {@code JMPI_SSH_TEST_JAVA} the remote java. The class path of this JVM must
 * exist at the same path on those hosts. {@code launcher/src/test/ssh/start-test-sshd.sh}
 * starts a loopback sshd and prints these variables.
 */
@Timeout(180)
class SshLaunchIT {

    private static final String HOSTS = System.getenv("JMPI_SSH_TEST_HOSTS");
    private static final String SSH = System.getenv().getOrDefault("JMPI_SSH_TEST_SSH", JmpiRun.DEFAULT_SSH);
    private static final String JAVA = System.getenv().getOrDefault("JMPI_SSH_TEST_JAVA", JavaCommand.localJava());

    @BeforeAll
    static void requireSshHosts() {
        assumeTrue(
                HOSTS != null && !HOSTS.isBlank(),
                "JMPI_SSH_TEST_HOSTS is not set; run launcher/src/test/ssh/start-test-sshd.sh to enable");
    }

    private static List<String> hostArgs(int slotsPerHost, String... rest) {
        List<String> args = new ArrayList<>(Jmpirun.LEAN_RANK_JVM);
        StringBuilder hosts = new StringBuilder();
        for (String host : HOSTS.split(",")) {
            hosts.append(hosts.length() == 0 ? "" : ",")
                    .append(host.trim())
                    .append(':')
                    .append(slotsPerHost);
        }
        args.addAll(List.of("-H", hosts.toString(), "--force-ssh", "--ssh", SSH, "--java", JAVA, "--grace", "3s"));
        args.addAll(List.of(rest));
        return args;
    }

    private static int hostCount() {
        return HOSTS.split(",").length;
    }

    @Test
    void remoteRanksGetTheSecretOnStdinAndNeverOnACommandLine() {
        Jmpirun.Result r = Jmpirun.run(hostArgs(2, Jmpirun.APPS + "PrintEnv").toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.toString());
        Set<String> secrets = new HashSet<>();
        for (int rank = 0; rank < 2 * hostCount(); rank++) {
            String prefix = rank + " ";
            List<String> lines =
                    r.outLines().stream().filter(l -> l.startsWith(prefix)).toList();
            assertTrue(lines.contains(prefix + "JMPI_SECRET_STDIN=1"), r.toString());
            assertTrue(lines.contains(prefix + "secret.from=stdin"), r.toString());
            assertTrue(lines.contains(prefix + "secret.length=44"), r.toString());
            String secret = lines.stream()
                    .filter(l -> l.startsWith(prefix + "secret="))
                    .findFirst()
                    .orElseThrow()
                    .substring((prefix + "secret=").length());
            String cmdline = lines.stream()
                    .filter(l -> l.startsWith(prefix + "cmdline="))
                    .findFirst()
                    .orElseThrow();
            assertFalse(cmdline.contains(secret), "secret on the rank's command line: " + cmdline);
            assertTrue(cmdline.contains(Jmpirun.APPS + "PrintEnv"), cmdline);
            secrets.add(secret);
        }
        assertEquals(1, secrets.size(), "one secret for the job");
    }

    @Test
    void failingRemoteRankIsNamedWithItsHostAndStatus() {
        Jmpirun.Result r =
                Jmpirun.run(hostArgs(2, Jmpirun.APPS + "ExitWith", "1", "5").toArray(new String[0]));
        assertEquals(5, r.exitCode(), r.toString());
        String host = HOSTS.split(",")[0].trim();
        assertTrue(r.err().contains("jmpirun: rank 1 (host " + host + ", pid "), r.err());
        assertTrue(r.err().contains("failed first: exited with status 5"), r.err());
        assertTrue(r.err().contains("| error line 12 from rank 1"), r.err());
    }

    @Test
    void unreachableSshPortIsALaunchFailureNamingTheRank() {
        List<String> args = hostArgs(1, Jmpirun.APPS + "PrintEnv");
        args.set(args.indexOf("--ssh") + 1, SSH + " -p 1 -o ConnectTimeout=10");
        Jmpirun.Result r = Jmpirun.run(args.toArray(new String[0]));
        assertEquals(ExitCodes.LAUNCH_FAILURE, r.exitCode(), r.toString());
        assertTrue(r.err().contains("failed first: could not be started"), r.err());
    }

    @Test
    void sigtermToJmpirunStopsRemoteRanks() throws Exception {
        assumeTrue(
                hostCount() == 1 && new HostResolver(List.of("ssh")).isLocal("localhost", "test"),
                "remote pids are checked on this host only");
        List<String> args = hostArgs(2, "--stdin", "none", Jmpirun.APPS + "Hang");
        try (LauncherProcess launcher = LauncherProcess.start(args)) {
            List<Long> pids = launcher.awaitPids(2, 90);
            boolean visible =
                    pids.stream().allMatch(pid -> ProcessHandle.of(pid).isPresent());
            launcher.signal("TERM");
            assertTrue(launcher.process().waitFor(60, TimeUnit.SECONDS), "jmpirun did not exit: " + launcher.err());
            assumeTrue(visible, "ranks run on another machine; their pids cannot be checked from here");
            assertEquals(
                    List.of(),
                    Processes.aliveAfter(pids, Duration.ofSeconds(20)),
                    "remote ranks left behind; jmpirun stderr:\n" + launcher.err());
        }
    }

    @Test
    void sigkillOfJmpirunEndsRemoteRanksThroughTheirLifeline() throws Exception {
        assumeTrue(
                hostCount() == 1 && new HostResolver(List.of("ssh")).isLocal("localhost", "test"),
                "remote pids are checked on this host only");
        List<String> args = hostArgs(2, "--stdin", "none", Jmpirun.APPS + "InitAndBlock");
        try (LauncherProcess launcher = LauncherProcess.start(args)) {
            List<Long> pids = launcher.awaitPids(2, 90);
            boolean visible =
                    pids.stream().allMatch(pid -> ProcessHandle.of(pid).isPresent());
            launcher.signal("KILL");
            assertTrue(launcher.process().waitFor(30, TimeUnit.SECONDS), "jmpirun survived SIGKILL");
            assumeTrue(visible, "ranks run on another machine; their pids cannot be checked from here");
            assertEquals(
                    List.of(),
                    Processes.aliveAfter(pids, Duration.ofSeconds(5)),
                    "remote ranks still alive 5 s after jmpirun was killed");
        }
    }
}
