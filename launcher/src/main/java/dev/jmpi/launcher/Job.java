package dev.jmpi.launcher;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs one job: hosts the rendezvous, starts every rank, forwards their output, and waits.
 * The first rank to exit non-zero wins: the others are stopped and jmpirun exits with that
 * rank's status after printing which rank failed, where, why, and its last stderr lines.
 * {@code --timeout} stops a hung job and reports each rank's last stderr lines (where a
 * launched rank prints the operations it is blocked in when it gets SIGTERM). A shutdown
 * hook stops every rank when jmpirun itself is interrupted or terminated.
 *
 * <p>Threads: the caller's thread supervises; one thread per rank stream forwards output;
 * one forwards stdin; the shutdown hook may run {@link #stopAll} concurrently, which is safe
 * because signalling an exited process does nothing.
 */
final class Job {

    /** Stderr lines shown for a failed rank. */
    static final int REPORT_LINES = 10;
    private static final long OUTPUT_DRAIN_MS = 3_000;
    private static final long KILL_WAIT_MS = 5_000;
    private static final int SECRET_BYTES = 32;

    private final JobSpec spec;
    private final Console console;
    private final Log log;
    private final InputStream stdin;
    private final List<RankProcess> ranks = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RankProcess> exits = new LinkedBlockingQueue<>();
    private final ThreadDumps dumps = new ThreadDumps();
    private final Object state = new Object();
    private boolean finished;
    private boolean interrupted;

    Job(JobSpec spec, Console console, Log log, InputStream stdin) {
        this.spec = spec;
        this.console = console;
        this.log = log;
        this.stdin = stdin;
    }

    /** Runs the job to the end; returns jmpirun's exit code. */
    int run() {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        byte[] id = new byte[8];
        random.nextBytes(id);
        String jobId = "jmpi-" + HexFormat.of().formatHex(id);
        try (OutputSink sink = new OutputSink(console, spec.output(), spec.size());
             RendezvousService rendezvous = RendezvousService.start(spec.network(), jobId, secret, spec.size())) {
            log.verbose(1, "job " + jobId + ": " + spec.size() + " ranks, rendezvous at " + rendezvous.address()
                    + " (bound to " + spec.network().bindHost() + ")");
            Thread hook = new Thread(this::onShutdown, "jmpirun-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                ClassDataCache.Plan classData = classDataPlan();
                startAll(sink, jobId, rendezvous.address(), Base64.getEncoder().encodeToString(secret), classData);
                watchRendezvous(rendezvous);
                int exit = supervise();
                if (classData != null) {
                    classData.finish(exit == ExitCodes.SUCCESS, log);
                }
                return exit;
            } finally {
                synchronized (state) {
                    finished = true;
                }
                removeHook(hook);
            }
        }
    }

    /** The AppCDS plan for the ranks started on this host, or null (none local, or the cache is off). */
    private ClassDataCache.Plan classDataPlan() {
        if (spec.placements().stream().allMatch(spec::remote)) {
            return null;
        }
        Path base = spec.wdir() != null ? spec.wdir() : Path.of("").toAbsolutePath();
        List<String> cp = new ArrayList<>(spec.runtime());
        for (String entry : spec.app().userClassPath()) {
            cp.add(base.resolve(entry).toString());
        }
        return ClassDataCache.plan(spec.classDataCache(), System.getenv(), JavaCommand.localJava(), cp,
                spec.jvmOptions(), log);
    }

    private void startAll(OutputSink sink, String jobId, String rendezvous, String secret,
                          ClassDataCache.Plan classData) {
        RankStarter starter = new RankStarter(spec, jobId, rendezvous, secret, classData, log);
        try {
            for (Placement p : spec.placements()) {
                RankProcess rank = starter.start(p);
                ranks.add(rank);
                forward(rank, sink);
                rank.onExit().thenRun(() -> exits.add(rank));
                if (p.rank() == spec.stdinRank()) {
                    StdinForwarder.start(stdin, rank.stdin(), p.rank());
                }
            }
        } catch (RuntimeException e) {
            stopAll();
            throw e;
        }
    }

    private void forward(RankProcess rank, OutputSink sink) {
        int r = rank.rank();
        rank.attach(LinePump.start("jmpirun-rank-" + r + "-stdout", rank.process().getInputStream(), line -> {
            sink.out(r, line);
            dumps.onStdoutLine(r, line);
        }));
        rank.attach(LinePump.start("jmpirun-rank-" + r + "-stderr", rank.process().getErrorStream(), line -> {
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
        Thread t = new Thread(() -> {
            Duration limit = spec.timeout() != null ? spec.timeout() : Duration.ofMinutes(10);
            if (rendezvous.awaitComplete(limit)) {
                log.verbose(1, "all " + spec.size() + " ranks joined the rendezvous after "
                        + (System.nanoTime() - startNs) / 1_000_000 + " ms");
            }
        }, "jmpirun-rendezvous-watch");
        t.setDaemon(true);
        t.start();
    }

    private int supervise() {
        long deadline = spec.timeout() == null ? Long.MAX_VALUE : System.nanoTime() + spec.timeout().toNanos();
        int remaining = ranks.size();
        try {
            while (remaining > 0) {
                long waitNs = deadline == Long.MAX_VALUE ? TimeUnit.DAYS.toNanos(1) : deadline - System.nanoTime();
                if (waitNs <= 0) {
                    return onTimeout();
                }
                RankProcess rank = exits.poll(waitNs, TimeUnit.NANOSECONDS);
                if (rank == null) {
                    continue;
                }
                remaining--;
                int status = rank.process().exitValue();
                rank.awaitOutput(OUTPUT_DRAIN_MS);
                if (status != 0) {
                    return onFailure(rank, status);
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

    private int onFailure(RankProcess failed, int status) throws InterruptedException {
        if (isInterrupted()) {
            return status;
        }
        boolean launchFailure = !failed.started();
        List<RankProcess> others = alive();
        if (!others.isEmpty()) {
            log.info(failed.describe() + " " + failed.describeExit(status) + "; stopping " + others.size()
                    + " other rank" + (others.size() == 1 ? "" : "s") + " (SIGTERM, then SIGKILL after "
                    + DurationConverter.format(spec.grace()) + ")");
        }
        stopAll();
        drainAll();
        List<String> report = new ArrayList<>();
        report.add("jmpirun: " + failed.describe() + " failed first: " + failed.describeExit(status));
        addTail(report, failed, "");
        console.errBlock(report);
        return launchFailure ? ExitCodes.LAUNCH_FAILURE : status;
    }

    private int onTimeout() throws InterruptedException {
        List<RankProcess> hung = alive();
        log.info("--timeout " + DurationConverter.format(spec.timeout()) + " expired with " + hung.size()
                + " of " + ranks.size() + " ranks still running; stopping them");
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
        List<String> tail = rank.tail().last(REPORT_LINES);
        if (tail.isEmpty()) {
            report.add("jmpirun: " + indent + "(rank " + rank.rank() + " wrote nothing to stderr)");
            return;
        }
        report.add("jmpirun: " + indent + "last " + tail.size() + " stderr line" + (tail.size() == 1 ? "" : "s")
                + " of rank " + rank.rank() + ":");
        for (String line : tail) {
            report.add("  " + indent + "| " + line);
        }
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
