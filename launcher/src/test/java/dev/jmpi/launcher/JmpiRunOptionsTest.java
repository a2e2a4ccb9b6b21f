package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * jmpirun's options as defined in code ({@link CommandArguments}, {@link JmpiRunCommand}):
 * every kind of option reaches its value, defaults apply, and a bad value is the usage error
 * picocli's annotated model gave.
 */
class JmpiRunOptionsTest {

    private static JmpiRun parsed(String... args) {
        JmpiRun run = new JmpiRun(InputStream.nullInputStream());
        JmpiRun.configure(new CommandLine(JmpiRunCommand.of(run))).parseArgs(args);
        return run;
    }

    @Test
    void optionsNotGivenHaveTheirDefaults() {
        JmpiRun run = parsed("Main");
        assertNull(run.np());
        assertEquals(MapBy.SLOT, run.mapBy());
        assertEquals(CpuBinding.Mode.AUTO, run.bindTo());
        assertEquals(MpiApi.AUTO, run.mpiApi());
        assertEquals(Duration.ofSeconds(5), run.grace());
        assertEquals(JmpiRun.DEFAULT_SSH, run.ssh());
        assertEquals("java", run.remoteJava());
        assertEquals("0", run.stdinTarget());
        assertEquals(List.of(), run.hosts());
        assertEquals(List.of(), run.env());
        assertEquals(List.of(), run.jvmOptions());
        assertFalse(run.oversubscribe());
        assertFalse(run.tls());
        assertEquals(0, run.verbosity());
        assertEquals(List.of("Main"), run.positionals());
    }

    @Test
    void valuedOptionsAreConvertedToTheirTypes() {
        JmpiRun run = parsed(
                "--np=3",
                "--hostfile",
                "hosts.txt",
                "--map-by",
                "NODE",
                "--bind-to=core",
                "--mpi-api",
                "openmpi",
                "--timeout",
                "5m",
                "--grace",
                "500ms",
                "--op-timeout",
                "90",
                "--port",
                "7000",
                "--port-range",
                "7001-7010",
                "Main");
        assertEquals(3, run.np());
        assertEquals(Path.of("hosts.txt"), run.hostfile());
        assertEquals(MapBy.NODE, run.mapBy());
        assertEquals(CpuBinding.Mode.CORE, run.bindTo());
        assertEquals(MpiApi.OPENMPI, run.mpiApi());
        assertEquals(Duration.ofMinutes(5), run.timeout());
        assertEquals(Duration.ofMillis(500), run.grace());
        assertEquals(Duration.ofSeconds(90), run.opTimeout());
        assertEquals(7000, run.network().port());
        assertEquals(new PortRange(7001, 7010), run.network().portRange());
    }

    @Test
    void repeatedOptionsCollectEveryValueInOrder() {
        JmpiRun run = parsed(
                "-x",
                "A=1",
                "--env",
                "B",
                "-H",
                "a:2,b:2",
                "--host",
                "c",
                "--jvm-opt",
                "-verbose:gc",
                "--jvm-opt=-Xmx1g",
                "-vv",
                "--verbose",
                "Main");
        assertEquals(List.of("A=1", "B"), run.env());
        assertEquals(List.of("a:2,b:2", "c"), run.hosts());
        assertEquals(List.of("-verbose:gc", "-Xmx1g"), run.jvmOptions());
        assertEquals(3, run.verbosity());
    }

    @Test
    void flagsAreSetAndTakeAnAttachedBoolean() {
        JmpiRun run = parsed("--oversubscribe", "--tls=true", "--tag-output", "--force-ssh", "--no-cds", "Main");
        assertTrue(run.oversubscribe());
        assertTrue(run.tls());
        assertTrue(run.output().tag());
        assertTrue(run.forceSsh());
        assertTrue(run.noClassDataCache());
        assertFalse(run.output().timestamp());
    }

    @Test
    void everythingAfterTheMainClassBelongsToTheProgram() {
        JmpiRun run = parsed("-n", "1", "com.example.Main", "-n", "2", "--tls");
        assertEquals(1, run.np());
        assertFalse(run.tls());
        assertEquals(List.of("com.example.Main", "-n", "2", "--tls"), run.positionals());
    }

    @Test
    void badValuesAreUsageErrorsNamingOptionAndValue() {
        assertUsageError("Invalid value for option '--np': 'four' is not an int", "-n", "four", "Main");
        assertUsageError(
                "Invalid value for option '--map-by': expected one of [SLOT, NODE] (case-insensitive) but was"
                        + " 'diagonal'",
                "--map-by",
                "diagonal",
                "Main");
        assertUsageError(
                "Invalid value for option '--grace': invalid duration 'soon' (expected: e.g. 30s, 5m, 1h30m, 500ms,"
                        + " or seconds)",
                "--grace",
                "soon",
                "Main");
        assertUsageError("Missing required parameter for option '--env' (VAR[=VALUE])", "-x");
        assertUsageError("option '--np' (N) should be specified only once", "-n", "1", "-n", "2", "Main");
        assertUsageError("Invalid value for option '--tls': 'yes' is not a boolean", "--tls=yes", "Main");
    }

    private static void assertUsageError(String message, String... args) {
        Jmpirun.Result r = Jmpirun.run(args);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.toString());
        assertEquals("jmpirun: " + message + " (see jmpirun --help)", r.err().strip(), r.toString());
    }

    @Test
    void mainBuildsTheSameCommandAsPicocliFromTheObject() {
        CommandLine direct = JmpiRun.configure(new CommandLine(JmpiRunCommand.of(new JmpiRun())));
        CommandLine fromObject = JmpiRun.configure(new CommandLine(new JmpiRun()));
        assertEquals(
                fromObject.getUsageMessage(CommandLine.Help.Ansi.OFF),
                direct.getUsageMessage(CommandLine.Help.Ansi.OFF));
        assertEquals(names(fromObject), names(direct));
        assertTrue(names(direct).contains("[-h, --help]") && names(direct).contains("[-V, --version]"), names(direct));
    }

    private static String names(CommandLine commandLine) {
        StringBuilder names = new StringBuilder();
        for (OptionSpec option : commandLine.getCommandSpec().options()) {
            names.append(List.of(option.names())).append(' ');
        }
        return names.toString();
    }
}
