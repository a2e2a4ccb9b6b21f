package dev.jmpi.bench.faults;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs fault trials and prints, per kind of fault: trials, hangs (must be 0), time from the
 * fault to the end of the job (p50, max), how often jmpirun's summary named the cause, and
 * rank processes left behind (must be 0). Exits 1 if any trial hung, left a process behind
 * or went unnamed.
 *
 * <pre>{@code
 * bench/fault-trials.sh --trials 50                 # every kind, 50 trials each
 * bench/fault-trials.sh --kinds stop --trials 5 --jvm-opt=-Djmpi.heartbeatTimeoutMs=5000
 * }</pre>
 */
@Command(
        name = "fault-trials",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Breaks running jmpi jobs at random moments and reports how they end.")
public final class FaultTrials implements Callable<Integer> {

    @Option(names = "--trials", defaultValue = "10", description = "Trials per kind (default: ${DEFAULT-VALUE})")
    int trials;

    @Option(
            names = "--kinds",
            split = ",",
            defaultValue = "kill,stop,throw,launcher",
            description = "Faults to inject: kill, stop, throw, launcher (default: ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--ranks", defaultValue = "4", description = "Ranks per job (default: ${DEFAULT-VALUE})")
    int ranks;

    @Option(
            names = "--jmpirun",
            defaultValue = "bin/jmpirun",
            description = "jmpirun to run (default: ${DEFAULT-VALUE})")
    String jmpirunPath;

    @Option(names = "--jvm-opt", description = "A JVM option for every rank (repeatable)")
    List<String> jvmOpts = new ArrayList<>();

    @Option(names = "--rank-cp", description = "Class path of the ranks (default: this program's)")
    String rankClassPath;

    @Option(
            names = "--max-delay-ms",
            defaultValue = "3000",
            description = "The fault comes 0..this many ms after all ranks are up (default: ${DEFAULT-VALUE})")
    long maxDelayMs;

    @Option(
            names = "--hang-after",
            defaultValue = "120",
            description = "Seconds after the fault that count as a hang" + " (default: ${DEFAULT-VALUE})")
    long hangAfterSeconds;

    @Option(names = "--seed", description = "Random seed (default: from the clock)")
    Long seed;

    private List<String> jmpirunCommand;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaultTrials()).execute(args));
    }

    /** Runs with an explicit jmpirun command (e.g. {@code java -cp ... JmpiRun}), for tests. */
    public static int run(List<String> jmpirunCommand, String... args) {
        FaultTrials t = new FaultTrials();
        t.jmpirunCommand = jmpirunCommand;
        return new CommandLine(t).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        List<String> cmd = new ArrayList<>(
                jmpirunCommand != null
                        ? jmpirunCommand
                        : List.of(Path.of(jmpirunPath).toAbsolutePath().toString()));
        if (jmpirunCommand == null && !Files.isExecutable(Path.of(jmpirunPath))) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--jmpirun=" + jmpirunPath
                            + " is not executable (expected: bin/jmpirun of a built checkout; run from the repository root)");
        }
        cmd.addAll(List.of("-n", Integer.toString(ranks), "--oversubscribe"));
        jvmOpts.forEach(o -> cmd.add("--jvm-opt=" + o));
        cmd.addAll(List.of("-cp", rankClassPath != null ? rankClassPath : System.getProperty("java.class.path")));
        FaultTrial trial = new FaultTrial(cmd, ranks, Duration.ofSeconds(hangAfterSeconds));
        Random random = new Random(seed != null ? seed : System.nanoTime());
        Map<FaultKind, List<TrialResult>> results = new EnumMap<>(FaultKind.class);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        for (int i = 0; i < trials; i++) {
            for (String k : kinds) {
                FaultKind kind = FaultKind.valueOf(k.trim().toUpperCase(Locale.ROOT));
                int victim = random.nextInt(ranks);
                Duration delay = Duration.ofMillis(maxDelayMs <= 0 ? 0 : random.nextLong(maxDelayMs + 1));
                TrialResult r = trial.run(kind, victim, delay);
                results.computeIfAbsent(kind, x -> new ArrayList<>()).add(r);
                out.printf(
                        Locale.ROOT,
                        "TRIAL %s victim=%d delay_ms=%d end_ms=%d hung=%b cause_named=%b left=%d exit=%d%n",
                        kind,
                        victim,
                        delay.toMillis(),
                        r.faultToEndMs(),
                        r.hung(),
                        r.causeNamed(),
                        r.leftBehind(),
                        r.exitCode());
                if (!r.ok()) {
                    out.println("  jmpirun's stderr:\n  | " + r.detail().replace("\n", "\n  | "));
                }
            }
        }
        out.println(FaultSummary.table(results));
        return results.values().stream().flatMap(List::stream).allMatch(TrialResult::ok) ? 0 : 1;
    }
}
