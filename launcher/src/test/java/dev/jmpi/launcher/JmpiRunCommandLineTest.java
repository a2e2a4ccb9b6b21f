package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command line and bad input: each mistake is one line on stderr, a documented exit code, and no rank started. */
@Timeout(60)
class JmpiRunCommandLineTest {

    private static final String PRINT_ENV = Jmpirun.APPS + "PrintEnv";

    @TempDir
    Path tmp;

    private static void assertUsageError(Jmpirun.Result r, String... fragments) {
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertEquals(1, r.errLines().size(), "one line expected:\n" + r);
        assertTrue(r.err().startsWith("jmpirun: "), r.toString());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "expected '" + f + "' in:\n" + r);
        }
        assertEquals("", r.out(), "no rank may start:\n" + r);
    }

    @Test
    void helpListsOptionsExitCodesAndExamples() {
        Jmpirun.Result r = Jmpirun.run("--help");
        assertEquals(0, r.exitCode());
        for (String s : new String[] {
            "--np",
            "--hostfile",
            "--map-by",
            "--oversubscribe",
            "--tag-output",
            "--timeout",
            "--port-range",
            "--iface",
            "--tls",
            "--ssh",
            "Exit codes:",
            "Examples:",
            "4   --timeout expired"
        }) {
            assertTrue(r.out().contains(s), "help lacks " + s + ":\n" + r.out());
        }
    }

    @Test
    void helpGroupsOptionsAndFitsEightyColumns() {
        CommandLine cmd = JmpiRun.configure(new CommandLine(new JmpiRun(InputStream.nullInputStream())))
                .setUsageHelpAutoWidth(false)
                .setUsageHelpWidth(80);
        String help = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
        List<String> lines = List.of(help.split("\\R"));
        for (String line : lines) {
            assertTrue(line.length() <= 80, "line of " + line.length() + " columns:\n" + line);
        }
        assertTrue(help.contains("-jar APP.jar") && !help.contains("-jar=APP.jar"), help);
        assertFalse(help.contains("[MAIN_CLASS [ARGS...]...]"), help);
        int at = -1;
        for (String heading : HelpLayout.GROUPS.keySet()) {
            int next = lines.indexOf(heading + ":");
            assertTrue(next > at, heading + " heading missing or out of order:\n" + help);
            at = next;
        }
        for (String footer : cmd.getCommandSpec().usageMessage().footer()) {
            assertTrue(footer.isEmpty() || lines.contains(footer), "footer line wrapped: " + footer + "\n" + help);
        }
        for (CommandLine.Model.OptionSpec option : cmd.getCommandSpec().options()) {
            assertTrue(option.hidden() || help.contains(option.longestName()), option.longestName() + "\n" + help);
        }
        assertTrue(help.contains("simpleLogger.defaultLogLevel=debug"), help);
    }

    @Test
    void versionNamesJmpirun() {
        Jmpirun.Result r = Jmpirun.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("jmpirun "), r.out());
    }

    @Test
    void completionPrintsABashScript() {
        Jmpirun.Result r = Jmpirun.run("--completion");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("complete -F") && r.out().contains("--hostfile"), r.out());
    }

    @Test
    void unknownOptionIsAOneLineUsageError() {
        assertUsageError(Jmpirun.run("--frobnicate", PRINT_ENV), "--frobnicate");
    }

    @Test
    void unknownCollectiveCheckModeIsRejectedNamingTheModes() {
        assertUsageError(
                Jmpirun.run("-n", "1", "--check-collectives", "sometimes", PRINT_ENV),
                "--check-collectives sometimes",
                "strict, on or off");
    }

    @Test
    void zeroRanksIsRejected() {
        assertUsageError(Jmpirun.run("-n", "0", PRINT_ENV), "-n 0", "N >= 1");
    }

    @Test
    void nonNumericRankCountIsRejected() {
        assertUsageError(Jmpirun.run("-n", "four", PRINT_ENV), "four");
    }

    @Test
    void missingMainClassIsRejected() {
        assertUsageError(Jmpirun.run("-n", "1"), "missing main class");
    }

    @Test
    void mainClassAbsentFromClassPathIsRejectedBeforeAnyRankStarts() {
        assertUsageError(
                Jmpirun.run("-n", "1", "-cp", tmp.toString(), "com.example.NoSuchMain"),
                "main class com.example.NoSuchMain not found",
                tmp.toString());
    }

    @Test
    void missingJarIsRejected() {
        assertUsageError(Jmpirun.run("-n", "1", "-jar", tmp.resolve("app.jar").toString()), "app.jar", "no such file");
    }

    @Test
    void jarWithoutMainClassIsRejected() throws Exception {
        Path jar = tmp.resolve("lib.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.flush();
        }
        assertUsageError(Jmpirun.run("-n", "1", "-jar", jar.toString()), "no Main-Class");
    }

    @Test
    void hostfileSyntaxErrorNamesFileAndLine() throws Exception {
        Path hostfile = tmp.resolve("hosts");
        Files.writeString(hostfile, "# cluster\nlocalhost slots=2\n\nlocalhost slots=two\n");
        assertUsageError(Jmpirun.run("--hostfile", hostfile.toString(), PRINT_ENV), hostfile + ":4", "slots", "'two'");
    }

    @Test
    void missingHostfileIsRejected() {
        assertUsageError(Jmpirun.run("--hostfile", tmp.resolve("nope").toString(), PRINT_ENV), "no such file");
    }

    @Test
    void unresolvableHostIsRejected() {
        assertUsageError(
                Jmpirun.run("-H", "no-such-host.invalid:2", PRINT_ENV),
                "cannot resolve host no-such-host.invalid",
                "--host");
    }

    @Test
    void moreRanksThanSlotsIsRefusedWithoutOversubscribe() {
        assertUsageError(Jmpirun.run("-H", "localhost:2", "-n", "3", PRINT_ENV), "not enough slots", "--oversubscribe");
    }

    @Test
    void withoutListedHostsMoreRanksThanProcessorsRunHere() {
        int n = Runtime.getRuntime().availableProcessors() + 1;
        Jmpirun.Result r = Jmpirun.run("-n", Integer.toString(n), "--jvm-opt=-XX:TieredStopAtLevel=1", PRINT_ENV);
        org.junit.jupiter.api.Assertions.assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void portRangeTooSmallForTheRanksIsRejected() {
        assertUsageError(
                Jmpirun.run("-n", "3", "--oversubscribe", "--port-range", "7000-7002", PRINT_ENV),
                "--port-range 7000-7002",
                "needs 4");
    }

    @Test
    void malformedPortRangeIsRejected() {
        assertUsageError(Jmpirun.run("--port-range", "7000:7100", PRINT_ENV), "7000:7100", "FIRST-LAST");
    }

    @Test
    void loopbackRendezvousInAMultiHostJobNamesTheHostAndTheFix() {
        assertUsageError(
                Jmpirun.run("-H", "localhost:1,192.0.2.1:1", "--advertise", "127.0.0.1", PRINT_ENV),
                "loopback",
                "192.0.2.1",
                "--advertise",
                "--iface");
    }

    @Test
    void unknownInterfaceIsRejected() {
        assertUsageError(Jmpirun.run("-n", "1", "--iface", "nosuch0", PRINT_ENV), "--iface nosuch0", "available:");
    }

    @Test
    void bindAndIfaceTogetherAreRejected() {
        assertUsageError(
                Jmpirun.run("-n", "1", "--iface", "lo", "--bind", "127.0.0.1", PRINT_ENV), "mutually exclusive");
    }

    @Test
    void badDurationIsRejected() {
        assertUsageError(Jmpirun.run("--timeout", "soon", PRINT_ENV), "soon", "30s");
    }

    @Test
    void threadDumpWithoutTimeoutIsRejected() {
        assertUsageError(Jmpirun.run("-n", "1", "--thread-dump", PRINT_ENV), "--thread-dump needs --timeout");
    }

    @Test
    void invalidEnvironmentVariableNameIsRejected() {
        assertUsageError(Jmpirun.run("-n", "1", "-x", "1BAD=x", PRINT_ENV), "-x 1BAD=x");
    }

    @Test
    void stdinRankOutsideTheJobIsRejected() {
        assertUsageError(Jmpirun.run("-n", "1", "--stdin", "5", PRINT_ENV), "--stdin 5", "0..0");
    }

    @Test
    void hostfileAndHostTogetherAreRejected() throws Exception {
        Path hostfile = tmp.resolve("hosts");
        Files.writeString(hostfile, "localhost slots=1\n");
        assertUsageError(
                Jmpirun.run("--hostfile", hostfile.toString(), "-H", "localhost", PRINT_ENV), "mutually exclusive");
    }

    @Test
    void missingWorkingDirectoryIsRejected() {
        assertUsageError(
                Jmpirun.run("-n", "1", "--wdir", tmp.resolve("nope").toString(), PRINT_ENV),
                "--wdir",
                "no such directory");
    }
}
