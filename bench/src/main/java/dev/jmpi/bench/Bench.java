package dev.jmpi.bench;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark runner: one program, one set of flags, every operation. Run it under jmpirun:
 *
 * <pre>
 * bin/jmpirun -n 2 -cp bench/target/jmpi-bench.jar:bench/target/lib/* dev.jmpi.bench.Bench --op pingpong
 * bin/jmpirun -n 4 --oversubscribe -cp ... dev.jmpi.bench.Bench --op allreduce --sizes 8k..64m*8
 * </pre>
 *
 * Rank 0 prints, per operation and size, the C bench's line
 * {@code RES <test> <param> <median_us> <min_us> <max_us> <reps> <iters> [MB/s]} (see
 * {@link Measurement} for how it is measured), a {@code HIST} line with p50/p90/p99 of single
 * operations, a {@code VERIFY} line for the first iteration's check against a sequential
 * computation, and at the end {@code MEM <op> <peak RSS kB of rank 0> <rank 1> ...}.
 * The world is joined before the flags are parsed, and a plain {@code --op hello} is not parsed by
 * picocli at all ({@link HelloProbe}), so it measures jmpi's start-up, not the option parser's.
 */
@Command(
        name = "jmpi-bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "OSU-style benchmarks of jmpi, measured as bench/reference/mpibench.c measures Open MPI.")
public final class Bench implements Callable<Integer> {

    @Option(
            names = "--op",
            split = ",",
            defaultValue = "all",
            description =
                    "pingpong|bandwidth|window|bcast|reduce|allreduce|allgather|alltoall|barrier|overlap|hello|all"
                            + " (comma-separated list allowed; default: ${DEFAULT-VALUE}).")
    List<Operation> ops;

    @Option(
            names = "--sizes",
            description = "Message sizes in bytes: 8,1k,64k,1m or ranges 1k..16m (x2)"
                    + " or 8..64m*8. Default: the C bench's sizes for each operation.")
    String sizes;

    @Option(
            names = {"--warmup", "--warmup-iters"},
            defaultValue = "0",
            description = "Untimed iterations before calibration or timing (default: ${DEFAULT-VALUE}).")
    long warmupIters;

    @Option(
            names = "--warmup-time",
            defaultValue = "250ms",
            converter = DurationConverter.class,
            description =
                    "Least time spent on a case before it is timed (the C bench's WARMUP; default: ${DEFAULT-VALUE})."
                            + " A JVM compiles its hot code for seconds, and on a loaded host longer, so steady-state"
                            + " comparisons want several seconds.")
    double warmupS;

    @Option(
            names = "--warmup-jit-quiet-max",
            converter = DurationConverter.class,
            description = "After --warmup-time, keep warming a case up while the JIT compiler threads of any rank used"
                    + " more than a tenth of the last second of calibration, until this much warm-up in all (default:"
                    + " off). At np=4 on 2 cores, 5 s of warm-up can leave the JIT compiling through the timed"
                    + " repetitions (see the JIT line).")
    double warmupJitQuietMaxS;

    @Option(
            names = "--iters",
            defaultValue = "0",
            description = "Fixed iterations per repetition; 0 calibrates as the C bench (default: ${DEFAULT-VALUE}).")
    long iters;

    @Option(
            names = "--min-time",
            defaultValue = "40ms",
            converter = DurationConverter.class,
            description =
                    "Time one calibrated repetition should last (the C bench's TARGET; default: ${DEFAULT-VALUE}).")
    double minTimeS;

    @Option(
            names = "--reps",
            defaultValue = "11",
            description = "Timed repetitions per case (default: ${DEFAULT-VALUE}).")
    int reps;

    @Option(
            names = "--verify",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Check the first iteration against a sequential computation (default: on).")
    boolean verify;

    @Option(
            names = "--type",
            defaultValue = "auto",
            description = "auto|byte|short|int|long|float|double|direct (direct ByteBuffer). auto: byte for"
                    + " point-to-point, double for collectives, as the C bench.")
    String type;

    @Option(
            names = "--window",
            defaultValue = "8",
            description = "Non-blocking sends per window (default: ${DEFAULT-VALUE}).")
    int window;

    @Option(
            names = "--histogram",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Time single operations on rank 0 for p50/p90/p99 (default: on).")
    boolean histogram;

    @Option(
            names = "--observe-alternate",
            description = "Under jmpirun --stats or --trace: each of the --reps repetitions becomes a pair, one with"
                    + " jmpi recording and one with recording paused (Jmpi.pcontrol), back to back in an order that"
                    + " alternates; an OBSERVE line gives both medians and the median paired change, what recording"
                    + " costs within one job. RES and HIST then describe the unrecorded half. Without observation"
                    + " both halves run alike, which shows the method's own noise.")
    boolean observeAlternate;

    @Option(
            names = "--launch-epoch-ns",
            defaultValue = "0",
            description = "Wall-clock time (ns since the epoch, e.g. date +%%s%%N) jmpirun was started; with"
                    + " --op hello, start-up is reported from it.")
    long launchEpochNs;

    private final Communicator world;
    private final long mainEpochNs;
    private final long initEpochNs;
    private final PrintWriter out;

    Bench(Communicator world, long mainEpochNs, long initEpochNs, PrintWriter out) {
        this.world = world;
        this.mainEpochNs = mainEpochNs;
        this.initEpochNs = initEpochNs;
        this.out = out;
    }

    public static void main(String[] args) {
        long mainNs = epochNanos();
        int code;
        try (Communicator world = Jmpi.init(args)) {
            long initNs = epochNanos();
            PrintWriter out = new PrintWriter(
                    new OutputStreamWriter(
                            world.rank() == 0 ? System.out : OutputStream.nullOutputStream(), StandardCharsets.UTF_8),
                    true);
            long helloLaunchNs = HelloProbe.launchEpochNs(args);
            code = helloLaunchNs >= 0
                    ? new HelloProbe(world, mainNs, initNs, helloLaunchNs, out).run()
                    : execute(new Bench(world, mainNs, initNs, out), args);
            out.flush();
        }
        System.exit(code);
    }

    /** Parses {@code args} with picocli and runs the command. */
    private static int execute(Bench bench, String[] args) {
        CommandLine cl = new CommandLine(bench);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(bench.out);
        if (bench.world.rank() != 0) {
            cl.setErr(new PrintWriter(new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8)));
        }
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        List<Operation> todo = new ArrayList<>();
        for (Operation op : ops) {
            todo.addAll(op == Operation.ALL ? Operation.EVERY : List.of(op));
        }
        if (todo.contains(Operation.HELLO)) {
            return new HelloProbe(world, mainEpochNs, initEpochNs, launchEpochNs, out).run();
        }
        if (reps < 1 || window < 1 || iters < 0 || warmupIters < 0) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "reps=" + reps + ", window=" + window
                            + ", iters=" + iters + ", warmup=" + warmupIters
                            + " (expected: reps >= 1, window >= 1, iters >= 0,"
                            + " warmup >= 0)");
        }
        header();
        Measurement m = new Measurement(
                world,
                new Measurement.Settings(
                        reps, minTimeS, iters, warmupIters, warmupS, warmupJitQuietMaxS, histogram, observeAlternate));
        Report report = new Report(out);
        for (Operation op : todo) {
            if (op.pointToPoint() && world.size() < 2) {
                if (ops.contains(Operation.ALL)) {
                    out.println("# SKIP " + op.name().toLowerCase(Locale.ROOT) + ": needs 2 ranks, world has 1");
                    continue;
                }
                throw new CommandLine.ParameterException(
                        new CommandLine(this),
                        "--op " + op.name().toLowerCase(Locale.ROOT) + " needs at least 2 ranks (world size=1)");
            }
            ElementType t = elementType(op);
            report.section(op, t, world.size());
            for (long bytes :
                    op == Operation.BARRIER ? List.of(0L) : Sizes.parse(sizes != null ? sizes : op.defaultSizes())) {
                BenchCase c = newCase(op, t, bytes);
                if (verify && !verified(c, report)) {
                    return 1;
                }
                report.result(c, m.measure(c));
            }
        }
        StringBuilder mode = new StringBuilder();
        for (Operation op : ops) {
            mode.append(mode.length() == 0 ? "" : ",").append(op.name().toLowerCase(Locale.ROOT));
        }
        PeakRss.report(world, out, mode.toString());
        return 0;
    }

    private ElementType elementType(Operation op) {
        ElementType t = type.equalsIgnoreCase("auto") ? op.autoType() : parseType(type);
        if ((op == Operation.REDUCE || op == Operation.ALLREDUCE) && !t.reducible()) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--type " + type + " for " + op.name().toLowerCase(Locale.ROOT)
                            + " (expected: an element type a SUM is defined on: byte|short|int|long|float|double)");
        }
        return t;
    }

    private ElementType parseType(String name) {
        try {
            return ElementType.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--type " + name + " (expected: auto|byte|short|int|long|float|double|direct)",
                    e);
        }
    }

    private BenchCase newCase(Operation op, ElementType t, long bytes) {
        if (bytes % t.sizeBytes() != 0) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "size " + bytes + " B for "
                            + op.name().toLowerCase(Locale.ROOT) + " (expected: a multiple of " + t.sizeBytes()
                            + " B, the size of one " + t.name().toLowerCase(Locale.ROOT) + ")");
        }
        int count = Math.toIntExact(bytes / t.sizeBytes());
        return switch (op) {
            case PINGPONG -> PointToPointCases.pingPong(world, "pp_lat", t, bytes, false);
            case BANDWIDTH -> PointToPointCases.pingPong(world, "pp_bw", t, bytes, true);
            case WINDOW -> PointToPointCases.window(world, t, bytes, window);
            case BCAST -> CollectiveCases.bcast(world, t, count);
            case REDUCE -> CollectiveCases.reduce(world, t, count, false);
            case ALLREDUCE -> CollectiveCases.reduce(world, t, count, true);
            case ALLGATHER -> CollectiveCases.allgather(world, t, count);
            case ALLTOALL -> CollectiveCases.alltoall(world, t, count);
            case BARRIER -> CollectiveCases.barrier(world);
            case OVERLAP -> new OverlapCase(world, count, warmupS);
            case HELLO, ALL -> throw new IllegalStateException("unreachable: " + op);
        };
    }

    /** Runs one prepared iteration and checks it on every rank; true if every rank found its result right. */
    private boolean verified(BenchCase c, Report report) {
        c.prepareVerify();
        world.barrier();
        c.runOnce();
        String problem = c.check();
        if (problem != null) {
            System.err.println("VERIFY FAILED " + problem);
        }
        int[] bad = {problem == null ? 0 : 1};
        int[] anyBad = new int[1];
        world.allreduce(bad, 0, anyBad, 0, 1, Op.MAX);
        report.verified(c, anyBad[0] == 0);
        return anyBad[0] == 0;
    }

    private void header() {
        out.println(String.format(
                Locale.ROOT,
                "# jmpi bench: np=%d java=%s jvm_args=%s",
                world.size(),
                System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments()));
        out.println("# RES <test> <param> <median_us> <min_us> <max_us> <reps> <iters> [MB/s]"
                + "   (param: bytes for point-to-point, elements for collectives)");
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Parses 40ms, 0.5s, 250us, 2m or ISO-8601 (PT0.04S) into seconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.startsWith("pt")) {
                return java.time.Duration.parse(value.trim()).toNanos() / 1e9;
            }
            double scale;
            String num;
            if (v.endsWith("us")) {
                scale = 1e-6;
                num = v.substring(0, v.length() - 2);
            } else if (v.endsWith("ms")) {
                scale = 1e-3;
                num = v.substring(0, v.length() - 2);
            } else if (v.endsWith("s")) {
                scale = 1;
                num = v.substring(0, v.length() - 1);
            } else if (v.endsWith("m")) {
                scale = 60;
                num = v.substring(0, v.length() - 1);
            } else {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' (expected: a duration such as 40ms, 0.5s, 250us or PT0.04S)");
            }
            double s = Double.parseDouble(num) * scale;
            if (!(s > 0)) {
                throw new CommandLine.TypeConversionException("'" + value + "' (expected: a duration > 0)");
            }
            return s;
        }
    }
}
