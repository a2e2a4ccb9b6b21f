package dev.jmpi.launcher;

import dev.jmpi.core.internal.CoreSettings;
import dev.jmpi.transport.config.ConfigSource;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jmpirun}: starts a jmpi program as N ranks, on this host or over ssh, and reports
 * how the job ended.
 *
 * <pre>
 * jmpirun -n 4 -cp app.jar com.example.Main arg1
 * jmpirun --hostfile hosts.txt --tag-output --timeout 5m -jar app.jar
 * </pre>
 *
 * <p>Run it through {@link #main}, or in tests through {@link #configure}: both install the
 * exit-code mapping ({@link ExitCodes}) and the one-line error reporting.
 */
@Command(
        name = "jmpirun",
        mixinStandardHelpOptions = true,
        versionProvider = JmpiRun.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        abbreviateSynopsis = true,
        customSynopsis = {"jmpirun [OPTIONS] MAIN_CLASS [ARGS...]", "   or: jmpirun [OPTIONS] -jar APP.jar [ARGS...]"},
        descriptionHeading = "%n",
        parameterListHeading = "%n",
        optionListHeading = "%nOptions:%n",
        description = {
            "Runs a jmpi program as N processes (ranks) on this host, or over ssh on the hosts of a hostfile.",
            "jmpi's runtime is put on every rank's class path, so -cp names only your code. Everything after"
                    + " the main class (or after --) goes to the program.",
            "Without --hostfile/--host all N ranks run on this host, whatever its processor count. Hosts you"
                    + " list have the slots you give them; more ranks than slots need --oversubscribe.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every rank exited 0",
            "1:internal error in jmpirun",
            "2:usage error (bad option, hostfile, host, class or jar); no rank started",
            "3:launch failure (a rank or the rendezvous could not be started)",
            "4:--timeout expired",
            "N:the exit status of the rank that started the failure (128+signal if a signal killed it;"
                    + " else that of the rank whose exit ended the job; 1 if that was 0)",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  jmpirun -n 4 -cp app.jar com.example.Main input.txt",
            "  jmpirun -n 8 --oversubscribe --tag-output -cp target/classes com.example.Main",
            "  jmpirun --hostfile hosts.txt --map-by node -x TZ --jvm-opt=-Xmx2g -jar app.jar",
            "  jmpirun -H node1:4,node2:4 --iface eth1 --port-range 7000-7100 \\",
            "      -cp /nfs/app.jar com.example.Main",
            "  jmpirun -n 4 --timeout 5m --thread-dump -cp app.jar com.example.Main",
            "  jmpirun -n 4 --stats --trace job.json -cp app.jar Main   # then open job.html",
            "  source <(jmpirun --completion)          # bash/zsh completion",
            "",
            "Hostfile lines (Open MPI format): 'node1 slots=4', 'node2 slots=2 max_slots=4',",
            "'# comments'. Other hosts are reached with --ssh (default: ssh -o BatchMode=yes,",
            "so keys must be set up); java, the class path and --wdir must exist at the same",
            "paths on every host.",
            "",
            "Debug logging: -v (repeat: -vv) for jmpirun itself. Ranks log through SLF4J to",
            "your application's backend (jmpi puts none on a rank's class path); with",
            "slf4j-simple on your -cp, turn on debug for all or one package:",
            "  --jvm-opt=-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
            "  --jvm-opt=-Dorg.slf4j.simpleLogger.log.dev.jmpi.transport=debug",
        })
public final class JmpiRun implements Callable<Integer> {

    static final String DEFAULT_SSH = "ssh -o BatchMode=yes";

    /** When {@link #main} was entered, for {@code --timeline} (0 when run otherwise, as in tests). */
    private static volatile long mainEnteredMicros;

    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseMixin verbose;

    @Mixin
    private ObservationOptions observation = new ObservationOptions();

    @Option(
            names = {"-n", "-np", "--np"},
            paramLabel = "N",
            description = "Number of ranks (default: every slot of the hosts).")
    private Integer np;

    @Option(
            names = {"-cp", "--class-path", "--classpath"},
            paramLabel = "PATH",
            description = "Your code: directories and jars (dir/* for every jar in dir).")
    private String classPath;

    @Option(names = "-jar", paramLabel = "APP.jar", description = "Run the Main-Class of this jar.")
    private String jar;

    @Option(
            names = {"--hostfile", "--machinefile"},
            paramLabel = "FILE",
            description = "Hosts and slots, one per line: 'HOST [slots=N] [max_slots=N]'.")
    private Path hostfile;

    @Option(
            names = {"-H", "--host"},
            paramLabel = "HOST[:SLOTS][,...]",
            description = "Hosts and slots, e.g. a:2,b:2 (no :SLOTS means 1 slot).")
    private List<String> hosts = new ArrayList<>();

    @Option(
            names = "--map-by",
            paramLabel = "slot|node",
            defaultValue = "slot",
            description = "Fill each host's slots in turn (slot, default) or go round the hosts (node).")
    private MapBy mapBy;

    @Option(names = "--oversubscribe", description = "Allow more ranks than slots.")
    private boolean oversubscribe;

    @Option(
            names = "--bind-to",
            paramLabel = "auto|core|none",
            defaultValue = "auto",
            description = "CPUs of ranks forked on this host: auto (default) gives each rank an equal share of"
                    + " jmpirun's CPUs when the ranks fit them, else none; core: one CPU each; none: unbound.")
    private CpuBinding.Mode bindTo;

    @Option(
            names = {"-x", "--env"},
            paramLabel = "VAR[=VALUE]",
            description = "Set VAR for every rank (without =VALUE: jmpirun's own value of VAR).")
    private List<String> env = new ArrayList<>();

    private ConfigSource settings;

    @Option(
            names = "--jvm-opt",
            paramLabel = "OPT",
            description = "Option for every rank's JVM, e.g. --jvm-opt=-Xmx2g (repeat for more). Replaces the default"
                    + " of its kind: -XX:+UseSerialGC, -Xms16m, -XX:MaxRAMPercentage=75/ranks-per-host (at most 25),"
                    + " -XX:MaxNewSize=32m, Netty's leak detector off"
                    + " (-Ddev.jmpi.internal.shaded.io.netty.leakDetection.level=disabled).")
    private List<String> jvmOptions = new ArrayList<>();

    @Option(
            names = {"--wdir", "--wd"},
            paramLabel = "DIR",
            description = "Working directory of every rank (default: jmpirun's).")
    private Path wdir;

    @Option(names = "--tag-output", description = "Prefix every output line with [rank].")
    private boolean tagOutput;

    @Option(names = "--timestamp-output", description = "Prefix every output line with the time it arrived.")
    private boolean timestampOutput;

    @Option(
            names = "--output-dir",
            paramLabel = "DIR",
            description = "Write each rank's output to DIR/rank.N/stdout and stderr instead of the terminal.")
    private Path outputDir;

    @Option(
            names = "--stdin",
            paramLabel = "RANK|none",
            defaultValue = "0",
            description = "Rank that reads jmpirun's stdin (default: 0), or none.")
    private String stdinTarget;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Stop the job after DURATION (e.g. 30s, 5m) and report what each rank is blocked in.")
    private Duration timeout;

    @Option(names = "--thread-dump", description = "With --timeout: print every rank's thread dump before stopping it.")
    private boolean threadDump;

    @Option(
            names = "--grace",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            defaultValue = "5s",
            description = "Time between SIGTERM and SIGKILL when stopping ranks (default: 5s).")
    private Duration grace;

    @Option(
            names = "--op-timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Default timeout of every jmpi operation in the ranks (JMPI_TIMEOUT).")
    private Duration opTimeout;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of jmpirun's rendezvous (default: any free).")
    private Integer port;

    @Option(
            names = "--port-range",
            paramLabel = "FIRST-LAST",
            converter = PortRange.Converter.class,
            description = "Ports the ranks (and, without --port, the rendezvous) listen on; for firewalls.")
    private PortRange portRange;

    @Option(
            names = "--iface",
            paramLabel = "NAME",
            description = "Network interface to listen and be reached on (multi-NIC hosts).")
    private String iface;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address of this host to listen on.")
    private String bind;

    @Option(
            names = "--advertise",
            paramLabel = "ADDRESS",
            description = "Address of this host that the other hosts reach it at.")
    private String advertise;

    @Option(names = "--tls", description = "Encrypt and authenticate rank connections with TLS.")
    private boolean tls;

    @Option(
            names = "--ssh",
            paramLabel = "COMMAND",
            defaultValue = DEFAULT_SSH,
            description = "Remote shell for other hosts (default: ${DEFAULT-VALUE}).")
    private String ssh;

    @Option(
            names = "--java",
            paramLabel = "PATH",
            defaultValue = "java",
            description = "java executable on remote hosts (default: java on their PATH).")
    private String remoteJava;

    @Option(
            names = "--no-cds",
            description = "Do not give local ranks a cached class data archive (AppCDS; also JMPI_CDS=off).")
    private boolean noCds;

    @Option(
            names = "--timeline",
            description = "After the job, print where start-up and end time went: jmpirun's steps and each rank's"
                    + " (fork, JVM start, Jmpi.init, rendezvous, mesh; finalize, exit hook, transport and lifeline"
                    + " closed, exit).")
    private boolean timeline;

    @Option(names = "--force-ssh", description = "Start ranks on this host through --ssh too (tests, containers).")
    private boolean forceSsh;

    @Option(
            names = "--mpi-api",
            paramLabel = "auto|mpijava|openmpi|none",
            defaultValue = "auto",
            description = "Java MPI API on the ranks' class path: mpiJava/MPJ Express, Open MPI's Java bindings,"
                    + " neither, or the one your classes use (auto, default).")
    private MpiApi mpiApi;

    @Option(
            names = "--check-collectives",
            paramLabel = "strict|on|off",
            description = "How ranks check that collective calls agree (JMPI_CHECK_COLLECTIVES): on (default) fails"
                    + " mismatched calls, strict also makes every rank fail at the mismatched call itself (one more"
                    + " round of latency per collective), off checks nothing.")
    private String checkCollectives;

    @Option(
            names = "--threads",
            description = "Run the ranks as threads of this JVM over in-memory queues (fastest start on one host).")
    private boolean threads;

    @Option(names = "--completion", description = "Print a bash/zsh completion script and exit.")
    private boolean completion;

    @Parameters(paramLabel = "MAIN_CLASS [ARGS...]", description = "Main class and program arguments.")
    private List<String> positionals = new ArrayList<>();

    private final InputStream stdin;

    /** A command reading rank 0's input from {@link System#in}. */
    public JmpiRun() {
        this(System.in);
    }

    /** A command forwarding {@code stdin} to the rank chosen with {@code --stdin}. */
    public JmpiRun(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Runs jmpirun and exits with its exit code. */
    public static void main(String[] args) {
        mainEnteredMicros = LaunchTimeline.nowMicros();
        System.exit(configure(new CommandLine(new JmpiRun(StdinForwarder.interruptibleStdin())))
                .execute(args));
    }

    /**
     * Installs jmpirun's parser settings (everything after the main class belongs to the
     * program; an option's value may look like an option, as in {@code --jvm-opt -verbose:gc};
     * {@code --map-by} is case-insensitive), exit codes and error reporting.
     */
    public static CommandLine configure(CommandLine commandLine) {
        ErrorReporter reporter = new ErrorReporter();
        return HelpLayout.install(commandLine)
                .setStopAtPositional(true)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setAllowOptionsAsOptionParameters(true)
                .setExitCodeExceptionMapper(new ExitCodes())
                .setParameterExceptionHandler(reporter)
                .setExecutionExceptionHandler(reporter);
    }

    /** How many times {@code -v} was given. */
    int verbosity() {
        return verbose == null ? 0 : verbose.level();
    }

    @Override
    public Integer call() {
        long commandLineReadMicros = LaunchTimeline.nowMicros();
        if (completion) {
            spec.commandLine().getOut().print(AutoComplete.bash("jmpirun", spec.commandLine()));
            spec.commandLine().getOut().flush();
            return ExitCodes.SUCCESS;
        }
        Console console =
                new Console(spec.commandLine().getOut(), spec.commandLine().getErr());
        Log log = new Log(console, verbosity());
        if (observation.reportOnly()) {
            return observation.report(console);
        }
        settings = ConfigSource.fromProcess();
        RuntimeClasspath.forJob(this);
        if (timeline) {
            env.add(CoreSettings.TIMELINE.env() + "=1");
        }
        try (ObservationOptions.Session observed = observation.start(env, threads)) {
            JobSpec job = new JobPlanner(this, log).plan();
            OversubscriptionWarning.check(
                    job, threads, oversubscribe, Runtime.getRuntime().availableProcessors(), log);
            try {
                if (threads) {
                    return new ThreadsJob(job, console, log).run();
                }
                LaunchTimeline startup = timeline
                        ? LaunchTimeline.start(job.size(), settings.getOrNull(LaunchSettings.COMMAND_STARTED))
                        : LaunchTimeline.off();
                if (mainEnteredMicros != 0) {
                    startup.launcher("main entered", mainEnteredMicros);
                }
                startup.launcher("command line read", commandLineReadMicros);
                startup.launcher("options parsed");
                int exit = ExitCodes.INTERNAL_ERROR;
                try {
                    exit = new Job(job, console, log, stdin, startup, settings).run();
                } finally {
                    if (exit == ExitCodes.SUCCESS) {
                        LauncherArchive.keep(settings, log);
                    } else {
                        LauncherArchive.discard(settings);
                    }
                }
                return exit;
            } finally {
                observed.report(console, job.size());
            }
        }
    }

    Integer np() {
        return np;
    }

    String classPath() {
        return classPath;
    }

    MpiApi mpiApi() {
        return mpiApi;
    }

    String jar() {
        return jar;
    }

    Path hostfile() {
        return hostfile;
    }

    List<String> hosts() {
        return hosts;
    }

    MapBy mapBy() {
        return mapBy;
    }

    boolean oversubscribe() {
        return oversubscribe;
    }

    /** jmpirun's settings, resolved from this process once per run (at the start of {@link #call()}). */
    ConfigSource settings() {
        if (settings == null) {
            settings = ConfigSource.fromProcess();
        }
        return settings;
    }

    List<String> env() {
        return env;
    }

    /** {@code --check-collectives}, or null. */
    String checkCollectives() {
        return checkCollectives;
    }

    CpuBinding.Mode bindTo() {
        return bindTo;
    }

    boolean noClassDataCache() {
        return noCds;
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    Path wdir() {
        return wdir;
    }

    JobSpec.OutputOptions output() {
        return new JobSpec.OutputOptions(tagOutput, timestampOutput, outputDir);
    }

    String stdinTarget() {
        return stdinTarget;
    }

    Duration timeout() {
        return timeout;
    }

    boolean threadDump() {
        return threadDump;
    }

    Duration grace() {
        return grace;
    }

    Duration opTimeout() {
        return opTimeout;
    }

    NetworkPlan.Options network() {
        return new NetworkPlan.Options(bind, iface, advertise, port, portRange);
    }

    boolean tls() {
        return tls;
    }

    String ssh() {
        return ssh;
    }

    String remoteJava() {
        return remoteJava;
    }

    boolean forceSsh() {
        return forceSsh;
    }

    List<String> positionals() {
        return positionals;
    }

    /** {@code jmpirun <version>} from the jar manifest, and the JVM. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = JmpiRun.class.getPackage().getImplementationVersion();
            return new String[] {
                "jmpirun " + (v == null ? "(development build)" : v),
                "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            };
        }
    }
}
