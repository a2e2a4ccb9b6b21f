package dev.jmpi.launcher;

import dev.jmpi.transport.KernelRandom;
import dev.jmpi.transport.config.ConfigSource;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs one job: hosts the rendezvous, starts every rank, forwards their output, and waits.
 * The job fails when a rank exits non-zero, exits 0 without finalizing while others still
 * run, or exits before joining while others wait in the rendezvous: the others are stopped
 * and jmpirun prints the rank that started the failure ({@link FailureSummary}: from the
 * ranks' lifeline reports, not merely the first exit), where, why, and its stderr.
 * {@code --timeout} stops a hung job and reports each rank's last stderr lines (where a
 * launched rank prints the operations it is blocked in when it gets SIGTERM). A shutdown
 * hook stops every rank when jmpirun itself is interrupted or terminated, and stops a launch
 * in progress: no rank starts after it. If jmpirun dies without its hook (SIGKILL), each
 * rank's lifeline to the rendezvous breaks and the rank exits by itself.
 *
 * <p>Threads: the caller's thread starts ranks and supervises; one thread per rank stream
 * forwards output; one forwards stdin; rendezvous threads feed the {@link RankLedger}; the
 * shutdown hook may run {@link #stopAll} concurrently, which is safe because signalling an
 * exited process does nothing; {@code launching} keeps it from missing a rank being started.
 */
final class Job {

    /** Stderr lines shown for a failed rank. */
    static final int REPORT_LINES = 10;

    private static final long OUTPUT_DRAIN_MS = 3_000;
    private static final long KILL_WAIT_MS = 5_000;
    /** How long a rank's lifeline may take to deliver its last reports after its process exited. */
    private static final long LIFELINE_DRAIN_MS = 2_000;

    private static final int SECRET_BYTES = 32;

    private final JobSpec spec;
    private final ConfigSource settings;
    private final Console console;
    private final Log log;
    private final InputStream stdin;
    private final List<RankProcess> ranks = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ThreadDumps dumps = new ThreadDumps();
    private final Object state = new Object();
    private final Object launching = new Object();
    private final RankLedger ledger;
    private final LaunchTimeline timeline;
    /** Ranks that exited 0 without registering; supervisor thread only. */
    private final List<RankProcess> exitedUnregistered = new ArrayList<>();

    private boolean finished;
    private boolean interrupted;
    /** Copies jmpirun's stdin to its rank; stopped when the job ends. */
    private volatile Thread stdinForwarder;
    /** Makes the ranks' class data archive after the job, beside jmpirun's own (see {@link #awaitClassData}). */
    private volatile @Nullable Thread classDataMaker;

    Job(JobSpec spec, Console console, Log log, InputStream stdin, LaunchTimeline timeline, ConfigSource settings) {
        this.spec = spec;
        this.settings = settings;
        this.console = console;
        this.log = log;
        this.stdin = stdin;
        this.timeline = timeline;
        this.ledger = new RankLedger(spec.size(), rank -> events.add(new Event(null, rank)), timeline);
    }

    /** What the supervisor waits for: a rank's process exited, or a rank registered. */
    private record Event(RankProcess exited, int registered) {}

    /** Runs the job to the end; returns jmpirun's exit code. */
    int run() {
        SecureRandom random = KernelRandom.create();
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        byte[] id = new byte[8];
        random.nextBytes(id);
        String jobId = "jmpi-" + HexFormat.of().formatHex(id);
        try (OutputSink sink = new OutputSink(console, spec.output(), spec.size());
                RendezvousService rendezvous =
                        RendezvousService.start(spec.network(), jobId, secret, spec.size(), ledger)) {
            timeline.launcher("rendezvous listening");
            log.verbose(
                    1,
                    "job " + jobId + ": " + spec.size() + " ranks, rendezvous at " + rendezvous.address()
                            + " (bound to " + spec.network().bindHost() + ")");
            Thread hook = new Thread(this::onShutdown, "jmpirun-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                ClassDataCache.Plan classData = classDataPlan();
                timeline.launcher("class data planned");
                startAll(sink, jobId, rendezvous.address(), Base64.getEncoder().encodeToString(secret), classData);
                watchRendezvous(rendezvous);
                int exit = supervise();
                timeline.launcher("job ended");
                if (classData != null) {
                    // On a first run jmpirun makes its own archive too: the two dumps run side by side.
                    boolean succeeded = exit == ExitCodes.SUCCESS;
                    Thread maker = new Thread(() -> classData.finish(succeeded, log), "jmpirun-class-data");
                    classDataMaker = maker;
                    maker.start();
                }
                timeline.lines().forEach(log::info);
                return exit;
            } finally {
                synchronized (state) {
                    finished = true;
                }
                StdinForwarder.stop(stdinForwarder);
                removeHook(hook);
            }
        }
    }

    /** Waits until the ranks' class data archive is made or given up, after {@link #run}. */
    void awaitClassData() {
        Thread maker = classDataMaker;
        if (maker == null) {
            return;
        }
        try {
            maker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The AppCDS plan for the ranks started on this host, or null (none local, or the cache is off). */
    private ClassDataCache.Plan classDataPlan() {
        if (spec.placements().stream().allMatch(spec::remote)) {
            return null;
        }
        Path base = spec.wdir() != null ? spec.wdir() : Path.of("").toAbsolutePath();
        List<String> user = new ArrayList<>();
        for (String entry : spec.app().userClassPath()) {
            user.add(base.resolve(entry).toString());
        }
        List<String> cp = RuntimeClasspath.rankClassPath(spec.runtime(), user, base);
        List<Placement> local =
                spec.placements().stream().filter(p -> !spec.remote(p)).toList();
        // The local ranks' JVM options, defaults included: the archive is made with them (the
        // default heap share depends on how many ranks share the host, and with it compressed oops).
        List<String> rankOptions = new ArrayList<>(
                RankJvmDefaults.options(spec.jvmOptions(), local.get(0).localSize()));
        rankOptions.addAll(spec.jvmOptions());
        ClassDataCache.Plan plan = ClassDataCache.plan(
                spec.classDataCache(), spec.size() > 1, settings, JavaCommand.localJava(), cp, rankOptions, log);
        if (plan != null) {
            plan.makeBy(local.stream().mapToInt(Placement::rank).max().orElseThrow());
        }
        return plan;
    }

    /** The cached Netty library for local ranks of a mesh ({@link NativeTransportLibrary}), or null. */
    private @Nullable String nativeLibraryOption() {
        if (spec.size() == 1 || spec.placements().stream().allMatch(spec::remote)) {
            return null;
        }
        return NativeTransportLibrary.rankOption(
                spec.classDataCache() && settings.get(LaunchSettings.CDS),
                ClassDataCache.directory(settings),
                spec.jvmOptions(),
                spec.extraEnv(),
                settings.environment().get("LD_LIBRARY_PATH"),
                log);
    }

    private void startAll(
            OutputSink sink, String jobId, String rendezvous, String secret, ClassDataCache.Plan classData) {
        Map<String, String> jobEnv = OversubscribedCollectives.rankEnvironment(
                spec, Runtime.getRuntime().availableProcessors(), settings, log);
        RankStarter starter =
                new RankStarter(spec, jobId, rendezvous, secret, classData, nativeLibraryOption(), jobEnv, log);
        try {
            for (Placement p : spec.placements()) {
                RankProcess rank;
                synchronized (launching) {
                    if (isInterrupted()) {
                        log.verbose(1, "interrupted: rank " + p.rank() + " and later ranks not started");
                        return;
                    }
                    rank = starter.start(p);
                    ranks.add(rank);
                }
                timeline.rank(p.rank(), LaunchTimeline.FORKED);
                forward(rank, sink);
                rank.onExit().thenRun(() -> {
                    timeline.rank(rank.rank(), LaunchTimeline.EXITED);
                    ledger.exited(rank.rank());
                    events.add(new Event(rank, -1));
                });
                if (p.rank() == spec.stdinRank()) {
                    stdinForwarder = StdinForwarder.start(stdin, rank.stdin(), p.rank());
                }
            }
            timeline.launcher("all ranks forked");
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
    }

    private void forward(RankProcess rank, OutputSink sink) {
        int r = rank.rank();
        rank.attach(
                LinePump.start("jmpirun-rank-" + r + "-stdout", rank.process().getInputStream(), line -> {
                    sink.out(r, line);
                    dumps.onStdoutLine(r, line);
                }));
        rank.attach(LinePump.start(
                "jmpirun-rank-" + r + "-stderr", rank.process().getErrorStream(), line -> {
                    if (rank.onStderrLine(line)) {
                        sink.err(r, line);
                    }
                }));
    }

    private void watchRendezvous(RendezvousService rendezvous) {
        if (!log.enabled(1)) {
            return;
        }
        long startNs = System.nanoTime();
        Thread t = new Thread(
                () -> {
                    Duration limit = spec.timeout() != null ? spec.timeout() : Duration.ofMinutes(10);
                    if (rendezvous.awaitComplete(limit)) {
                        log.verbose(
                                1,
                                "all " + spec.size() + " ranks joined the rendezvous after "
                                        + (System.nanoTime() - startNs) / 1_000_000 + " ms");
                    }
                },
                "jmpirun-rendezvous-watch");
        t.setDaemon(true);
        t.start();
    }

    private int supervise() {
        long deadline = spec.timeout() == null
                ? Long.MAX_VALUE
                : System.nanoTime() + spec.timeout().toNanos();
        int remaining = ranks.size();
        try {
            while (remaining > 0) {
                long waitNs = deadline == Long.MAX_VALUE ? TimeUnit.DAYS.toNanos(1) : deadline - System.nanoTime();
                if (waitNs <= 0) {
                    return onTimeout();
                }
                Event event = events.poll(waitNs, TimeUnit.NANOSECONDS);
                if (event == null) {
                    continue;
                }
                if (event.exited() == null) {
                    RankProcess early = exitedBeforeJoining();
                    if (early != null) {
                        return onFailure(early, early.process().exitValue());
                    }
                    continue;
                }
                remaining--;
                RankProcess rank = event.exited();
                int status = rank.process().exitValue();
                rank.awaitOutput(OUTPUT_DRAIN_MS);
                Integer failed = judge(rank, status);
                if (failed != null) {
                    return failed;
                }
                log.verbose(1, rank.describe() + " exited 0");
            }
            for (RankProcess rank : ranks) {
                rank.awaitOutput(OUTPUT_DRAIN_MS);
            }
            return ExitCodes.SUCCESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopAll();
            throw new LaunchException("interrupted while waiting for ranks", e);
        }
    }

    /**
     * Judges an exit: jmpirun's exit code if it fails the job, null if the job goes on. A
     * rank that exits before registering while others wait for it in the rendezvous, or
     * that exits 0 after registering without finalizing while others still run, fails the
     * job as surely as a non-zero status: the others would wait for it in vain.
     */
    private Integer judge(RankProcess rank, int status) throws InterruptedException {
        RankState st = ledger.of(rank.rank());
        if (st.isRegistered()) {
            st.awaitLifelineClosed(LIFELINE_DRAIN_MS);
        }
        int others = alive().size();
        if (!st.isRegistered() && ledger.anyRegistered() && !ledger.allRegistered()) {
            st.judged(RankState.Verdict.EXITED_BEFORE_JOINING, others);
            return onFailure(rank, status);
        }
        if (status != 0) {
            return onFailure(rank, status);
        }
        if (st.isRegistered() && !st.isFinalized() && others > 0) {
            st.judged(RankState.Verdict.EXITED_WITHOUT_FINALIZING, others);
            return onFailure(rank, status);
        }
        if (!st.isRegistered()) {
            exitedUnregistered.add(rank);
        }
        return null;
    }

    /** A rank that exited 0 without registering, now that another rank waits for it; or null. */
    private RankProcess exitedBeforeJoining() {
        if (exitedUnregistered.isEmpty() || ledger.allRegistered()) {
            return null;
        }
        RankProcess early = exitedUnregistered.get(0);
        ledger.of(early.rank()).judged(RankState.Verdict.EXITED_BEFORE_JOINING, alive().size());
        return early;
    }

    private int onFailure(RankProcess failed, int status) throws InterruptedException {
        if (isInterrupted()) {
            return status;
        }
        boolean launchFailure = !failed.started();
        List<RankProcess> others = alive();
        JobSnapshot snapshot = JobSnapshot.beforeStopping(ranks);
        if (!others.isEmpty()) {
            log.info(failed.describe() + " " + describeEnd(failed, status) + "; stopping " + others.size()
                    + " other rank" + (others.size() == 1 ? "" : "s") + " (SIGTERM, then SIGKILL after "
                    + DurationConverter.format(spec.grace()) + ")");
        }
        stopAll();
        drainAll();
        awaitLifelines();
        if (launchFailure) {
            List<String> report = new ArrayList<>();
            report.add("jmpirun: " + failed.describe() + " failed first: " + failed.describeExit(status));
            addTail(report, failed, "");
            console.errBlock(report);
            return ExitCodes.LAUNCH_FAILURE;
        }
        List<RankOutcome> outcomes = snapshot.outcomes(ledger, REPORT_LINES);
        RankOutcome trigger = outcomes.stream()
                .filter(o -> o.rank() == failed.rank())
                .findFirst()
                .orElseThrow();
        FailureSummary.Result summary = FailureSummary.of(outcomes, trigger, status, REPORT_LINES);
        console.errBlock(summary.lines());
        return summary.exitCode();
    }

    private String describeEnd(RankProcess rank, int status) {
        return switch (ledger.of(rank.rank()).verdict()) {
            case EXITED_WITHOUT_FINALIZING -> "exited with status 0 without finalizing";
            case EXITED_BEFORE_JOINING -> rank.describeExit(status) + " before joining the job";
            case NONE -> rank.describeExit(status);
        };
    }

    /** Waits (bounded) for the lifelines of registered ranks to end, so their last reports are in. */
    private void awaitLifelines() throws InterruptedException {
        long deadline = System.nanoTime() + LIFELINE_DRAIN_MS * 1_000_000L;
        for (RankProcess rank : ranks) {
            RankState st = ledger.of(rank.rank());
            if (st.isRegistered()) {
                st.awaitLifelineClosed(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            }
        }
    }

    private int onTimeout() throws InterruptedException {
        List<RankProcess> hung = alive();
        log.info("--timeout " + DurationConverter.format(spec.timeout()) + " expired with " + hung.size() + " of "
                + ranks.size() + " ranks still running; stopping them");
        if (spec.threadDump()) {
            dumps.collect(hung, log);
        }
        stopAll();
        drainAll();
        List<String> report = new ArrayList<>();
        report.add("jmpirun: timeout report (last stderr lines of each rank still running at the timeout):");
        for (RankProcess rank : hung) {
            report.add("jmpirun: " + rank.describe() + ":");
            addTail(report, rank, "  ");
        }
        console.errBlock(report);
        return ExitCodes.TIMEOUT;
    }

    private static void addTail(List<String> report, RankProcess rank, String indent) {
        FailureSummary.addTail(report, rank.rank(), rank.tail().last(REPORT_LINES), indent);
    }

    private List<RankProcess> alive() {
        List<RankProcess> alive = new ArrayList<>();
        for (RankProcess rank : ranks) {
            if (rank.alive()) {
                alive.add(rank);
            }
        }
        return alive;
    }

    /** SIGTERM every live rank, SIGKILL those still alive after the grace period. */
    void stopAll() {
        RankTermination.stop(alive(), spec.grace(), Duration.ofMillis(KILL_WAIT_MS), log);
    }

    private void drainAll() throws InterruptedException {
        long deadline = System.nanoTime() + OUTPUT_DRAIN_MS * 1_000_000L;
        for (RankProcess rank : ranks) {
            rank.awaitOutput(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
        }
    }

    private boolean isInterrupted() {
        synchronized (state) {
            return interrupted;
        }
    }

    private void onShutdown() {
        synchronized (state) {
            if (finished) {
                return;
            }
            interrupted = true;
        }
        synchronized (launching) {
            // A rank being started right now is in ranks once this lock is ours; none starts after.
            log.verbose(1, "interrupted: no more ranks will be started");
        }
        List<RankProcess> alive = alive();
        if (!alive.isEmpty()) {
            console.err("jmpirun: interrupted; stopping " + alive.size() + " rank" + (alive.size() == 1 ? "" : "s"));
        }
        stopAll();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs (and returns at once, as finished is set).
            return;
        }
    }
}
