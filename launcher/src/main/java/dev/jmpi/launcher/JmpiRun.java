package dev.jmpi.launcher;

import dev.jmpi.core.internal.CoreSettings;
import dev.jmpi.transport.config.ConfigSource;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;

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
 * exit-code mapping ({@link ExitCodes}) and the one-line error reporting. Its options are
 * defined in code ({@link CommandArguments}) and the command built by {@link JmpiRunCommand},
 * without picocli's reflection over annotated fields (~90 ms of start-up); the one annotation
 * left lets {@code new CommandLine(new JmpiRun())} build the same command.
 */
@Command(modelTransformer = JmpiRunCommand.FromUserObject.class)
public final class JmpiRun implements Callable<Integer> {

    static final String DEFAULT_SSH = "ssh -o BatchMode=yes";

    /** When {@link #main} was entered, for {@code --timeline} (0 when run otherwise, as in tests). */
    private static volatile long mainEnteredMicros;

    /** Every option and parameter below, in the order of {@code --help}. */
    private final CommandArguments arguments = new CommandArguments();

    private final VerboseOption verbose = new VerboseOption(arguments);

    private final ObservationOptions observation = new ObservationOptions(arguments);

    private final CommandOption<Integer> np = arguments
            .option(Integer.class, "-n", "-np", "--np")
            .label("N")
            .description("Number of ranks (default: every slot of the hosts).");

    private final CommandOption<String> classPath = arguments
            .option(String.class, "-cp", "--class-path", "--classpath")
            .label("PATH")
            .description("Your code: directories and jars (dir/* for every jar in dir).");

    private final CommandOption<String> jar =
            arguments.option(String.class, "-jar").label("APP.jar").description("Run the Main-Class of this jar.");

    private final CommandOption<Path> hostfile = arguments
            .option(Path.class, "--hostfile", "--machinefile")
            .label("FILE")
            .description("Hosts and slots, one per line: 'HOST [slots=N] [max_slots=N]'.");

    private final CommandOption<List<String>> hosts = arguments
            .repeatableOption(String.class, "-H", "--host")
            .label("HOST[:SLOTS][,...]")
            .description("Hosts and slots, e.g. a:2,b:2 (no :SLOTS means 1 slot).");

    private final CommandOption<MapBy> mapBy = arguments
            .option(MapBy.class, "--map-by")
            .label("slot|node")
            .defaultValue("slot")
            .description("Fill each host's slots in turn (slot, default) or go round the hosts (node).");

    private final CommandOption<Boolean> oversubscribe =
            arguments.flag("--oversubscribe").description("Allow more ranks than slots.");

    private final CommandOption<CpuBinding.Mode> bindTo = arguments
            .option(CpuBinding.Mode.class, "--bind-to")
            .label("auto|core|none")
            .defaultValue("auto")
            .description("CPUs of each rank on its host: auto (default) gives each rank an equal share of"
                    + " the host's CPUs (here: jmpirun's) when the host's ranks fit them, else none; core: one CPU"
                    + " each; none: unbound. Remote hosts choose with their own taskset and awk.");

    private final CommandOption<List<String>> env = arguments
            .repeatableOption(String.class, "-x", "--env")
            .label("VAR[=VALUE]")
            .description("Set VAR for every rank (without =VALUE: jmpirun's own value of VAR).");

    private ConfigSource settings;

    private final CommandOption<List<String>> jvmOptions = arguments
            .repeatableOption(String.class, "--jvm-opt")
            .label("OPT")
            .description("Option for every rank's JVM, e.g. --jvm-opt=-Xmx2g (repeat for more). Replaces the default"
                    + " of its kind: -XX:+UseSerialGC, -Xms16m, -XX:MaxRAMPercentage=75/ranks-per-host (at most 25),"
                    + " -XX:MaxNewSize=32m, -XX:NewSize=12m (with -Xms16m), Netty's leak detector off"
                    + " (-Ddev.jmpi.internal.shaded.io.netty.leakDetection.level=disabled), Netty's JFR events off"
                    + " (...io.netty.jfr.enabled=false), up to 32 free allocator chunks kept"
                    + " (...io.netty.allocator.chunkReuseQueueCapacity=32), C1 after 2000 calls"
                    + " (-XX:Tier3InvocationThreshold=2000 and its two companions; dropped for any -XX:Tier...,"
                    + " -XX:CompileThreshold..., -Xint or -Xcomp).");

    private final CommandOption<Path> wdir = arguments
            .option(Path.class, "--wdir", "--wd")
            .label("DIR")
            .description("Working directory of every rank (default: jmpirun's).");

    private final CommandOption<Boolean> tagOutput =
            arguments.flag("--tag-output").description("Prefix every output line with [rank].");

    private final CommandOption<Boolean> timestampOutput =
            arguments.flag("--timestamp-output").description("Prefix every output line with the time it arrived.");

    private final CommandOption<Path> outputDir = arguments
            .option(Path.class, "--output-dir")
            .label("DIR")
            .description("Write each rank's output to DIR/rank.N/stdout and stderr instead of the terminal.");

    private final CommandOption<String> stdinTarget = arguments
            .option(String.class, "--stdin")
            .label("RANK|none")
            .defaultValue("0")
            .description("Rank that reads jmpirun's stdin (default: 0), or none.");

    private final CommandOption<Duration> timeout = arguments
            .option(Duration.class, "--timeout")
            .label("DURATION")
            .converter(new DurationConverter())
            .description("Stop the job after DURATION (e.g. 30s, 5m) and report what each rank is blocked in.");

    private final CommandOption<Boolean> threadDump = arguments
            .flag("--thread-dump")
            .description("With --timeout: print every rank's thread dump before stopping it.");

    private final CommandOption<Duration> grace = arguments
            .option(Duration.class, "--grace")
            .label("DURATION")
            .converter(new DurationConverter())
            .defaultValue("5s")
            .description("Time between SIGTERM and SIGKILL when stopping ranks (default: 5s).");

    private final CommandOption<Duration> opTimeout = arguments
            .option(Duration.class, "--op-timeout")
            .label("DURATION")
            .converter(new DurationConverter())
            .description("Default timeout of every jmpi operation in the ranks (JMPI_TIMEOUT).");

    private final CommandOption<Integer> port = arguments
            .option(Integer.class, "--port")
            .label("PORT")
            .description("Port of jmpirun's rendezvous (default: any free).");

    private final CommandOption<PortRange> portRange = arguments
            .option(PortRange.class, "--port-range")
            .label("FIRST-LAST")
            .converter(new PortRange.Converter())
            .description("Ports the ranks (and, without --port, the rendezvous) listen on; for firewalls.");

    private final CommandOption<String> iface = arguments
            .option(String.class, "--iface")
            .label("NAME")
            .description("Network interface to listen and be reached on (multi-NIC hosts).");

    private final CommandOption<String> bind =
            arguments.option(String.class, "--bind").label("ADDRESS").description("Address of this host to listen on.");

    private final CommandOption<String> advertise = arguments
            .option(String.class, "--advertise")
            .label("ADDRESS")
            .description("Address of this host that the other hosts reach it at.");

    private final CommandOption<Boolean> tls =
            arguments.flag("--tls").description("Encrypt and authenticate rank connections with TLS.");

    private final CommandOption<String> ssh = arguments
            .option(String.class, "--ssh")
            .label("COMMAND")
            .defaultValue(DEFAULT_SSH)
            .description("Remote shell for other hosts (default: ${DEFAULT-VALUE}).");

    private final CommandOption<String> remoteJava = arguments
            .option(String.class, "--java")
            .label("PATH")
            .defaultValue("java")
            .description("java executable on remote hosts (default: java on their PATH).");

    private final CommandOption<Boolean> noCds = arguments
            .flag("--no-cds")
            .description("Do not give local ranks a cached class data archive (AppCDS; also JMPI_CDS=off).");

    private final CommandOption<Boolean> timeline = arguments
            .flag("--timeline")
            .description("After the job, print where start-up and end time went: jmpirun's steps and each rank's"
                    + " (fork, JVM start, Jmpi.init, rendezvous, mesh; finalize, exit hook, transport and lifeline"
                    + " closed, exit).");

    private final CommandOption<Boolean> forceSsh = arguments
            .flag("--force-ssh")
            .description("Start ranks on this host through --ssh too (tests, containers).");

    private final CommandOption<MpiApi> mpiApi = arguments
            .option(MpiApi.class, "--mpi-api")
            .label("auto|mpijava|openmpi|none")
            .defaultValue("auto")
            .description("Java MPI API on the ranks' class path: mpiJava/MPJ Express, Open MPI's Java bindings,"
                    + " neither, or the one your classes use (auto, default).");

    private final CommandOption<String> checkCollectives = arguments
            .option(String.class, "--check-collectives")
            .label("strict|on|off")
            .description("How ranks check that collective calls agree (JMPI_CHECK_COLLECTIVES): on (default) fails"
                    + " mismatched calls, strict also makes every rank fail at the mismatched call itself (one more"
                    + " round of latency per collective), off checks nothing.");

    private final CommandOption<Boolean> threads = arguments
            .flag("--threads")
            .description("Run the ranks as threads of this JVM over in-memory queues (fastest start on one host).");

    private final CommandOption<Boolean> completion =
            arguments.flag("--completion").description("Print a bash/zsh completion script and exit.");

    private final ParsedValue<List<String>> positionals =
            arguments.positionals("MAIN_CLASS [ARGS...]", "Main class and program arguments.");

    /** The command running this object, set by {@link JmpiRunCommand} (for its output streams). */
    private CommandSpec spec;

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
        JmpiRun run = new JmpiRun(StdinForwarder.interruptibleStdin());
        System.exit(configure(new CommandLine(JmpiRunCommand.of(run))).execute(args));
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
        return verbose.level();
    }

    /** This command's options and parameters, for {@link JmpiRunCommand}. */
    CommandArguments arguments() {
        return arguments;
    }

    /** Called by {@link JmpiRunCommand} with the command it made of this object. */
    void runBy(CommandSpec command) {
        this.spec = command;
    }

    @Override
    public Integer call() {
        long commandLineReadMicros = LaunchTimeline.nowMicros();
        if (completion.value()) {
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
        if (timeline.value()) {
            env.value().add(CoreSettings.TIMELINE.env() + "=1");
        }
        try (ObservationOptions.Session observed = observation.start(env.value(), threads.value())) {
            JobSpec job = new JobPlanner(this, log).plan();
            OversubscriptionWarning.check(
                    job,
                    threads.value(),
                    oversubscribe.value(),
                    Runtime.getRuntime().availableProcessors(),
                    log);
            try {
                if (threads.value()) {
                    return new ThreadsJob(job, console, log).run();
                }
                LaunchTimeline startup = timeline.value()
                        ? LaunchTimeline.start(job.size(), settings.getOrNull(LaunchSettings.COMMAND_STARTED))
                        : LaunchTimeline.off();
                if (mainEnteredMicros != 0) {
                    startup.launcher("main entered", mainEnteredMicros);
                }
                startup.launcher("command line read", commandLineReadMicros);
                startup.launcher("options parsed");
                int exit = ExitCodes.INTERNAL_ERROR;
                Job running = new Job(job, console, log, stdin, startup, settings);
                try {
                    exit = running.run();
                } finally {
                    if (exit == ExitCodes.SUCCESS) {
                        LauncherArchive.keep(settings, log);
                    } else {
                        LauncherArchive.discard(settings);
                    }
                    running.awaitClassData();
                }
                return exit;
            } finally {
                observed.report(console, job.size());
            }
        }
    }

    Integer np() {
        return np.value();
    }

    String classPath() {
        return classPath.value();
    }

    MpiApi mpiApi() {
        return mpiApi.value();
    }

    String jar() {
        return jar.value();
    }

    Path hostfile() {
        return hostfile.value();
    }

    List<String> hosts() {
        return hosts.value();
    }

    MapBy mapBy() {
        return mapBy.value();
    }

    boolean oversubscribe() {
        return oversubscribe.value();
    }

    /** jmpirun's settings, resolved from this process once per run (at the start of {@link #call()}). */
    ConfigSource settings() {
        if (settings == null) {
            settings = ConfigSource.fromProcess();
        }
        return settings;
    }

    List<String> env() {
        return env.value();
    }

    /** {@code --check-collectives}, or null. */
    String checkCollectives() {
        return checkCollectives.value();
    }

    CpuBinding.Mode bindTo() {
        return bindTo.value();
    }

    boolean noClassDataCache() {
        return noCds.value();
    }

    List<String> jvmOptions() {
        return jvmOptions.value();
    }

    Path wdir() {
        return wdir.value();
    }

    JobSpec.OutputOptions output() {
        return new JobSpec.OutputOptions(tagOutput.value(), timestampOutput.value(), outputDir.value());
    }

    String stdinTarget() {
        return stdinTarget.value();
    }

    Duration timeout() {
        return timeout.value();
    }

    boolean threadDump() {
        return threadDump.value();
    }

    Duration grace() {
        return grace.value();
    }

    Duration opTimeout() {
        return opTimeout.value();
    }

    NetworkPlan.Options network() {
        return new NetworkPlan.Options(bind.value(), iface.value(), advertise.value(), port.value(), portRange.value());
    }

    boolean tls() {
        return tls.value();
    }

    String ssh() {
        return ssh.value();
    }

    String remoteJava() {
        return remoteJava.value();
    }

    boolean forceSsh() {
        return forceSsh.value();
    }

    List<String> positionals() {
        return positionals.value();
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
