package dev.jmpi.launcher;

import dev.jmpi.transport.InJvmFabric;
import dev.jmpi.transport.ThreadRank;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a job whose ranks are threads of this JVM ({@code jmpirun --threads}): no process,
 * no socket, no rendezvous. The ranks talk over one {@link InJvmFabric}; each rank's
 * classes (the program's, jmpi core's and the mpiJava layer's) come from its own
 * {@link RankClassLoader}, so static state is per rank, while the fabric, Netty, Protobuf and
 * the JDK are shared. Each rank's identity reaches its {@code Jmpi.init} through the
 * {@link ThreadRank} handle published for its loader.
 *
 * <p>Same rules as the process launcher ({@link Job}): each rank's output lines go through
 * the {@link OutputSink}; the first rank to end non-zero fails the job, which is reported
 * with that rank's last stderr lines, and jmpirun exits with its status. Threads cannot be
 * killed, so the other ranks are stopped by breaking their worlds (every operation blocked
 * in jmpi fails at once) and interrupting them; a rank still computing in its own code after
 * {@code --grace} is abandoned (its thread is a daemon: the JVM exits without it).
 *
 * <p>Threads: the caller's thread supervises; each rank runs on its own thread.
 */
final class ThreadsJob {

    private final JobSpec spec;
    private final Console console;
    private final Log log;
    private final BlockingQueue<RankThread> ends = new LinkedBlockingQueue<>();
    private final List<RankThread> ranks = new ArrayList<>();
    private StderrTail[] tails;

    ThreadsJob(JobSpec spec, Console console, Log log) {
        this.spec = spec;
        this.console = console;
        this.log = log;
    }

    /** Runs the job to the end; returns jmpirun's exit code. */
    int run() {
        checkOptions();
        int size = spec.size();
        tails = new StderrTail[size];
        for (int r = 0; r < size; r++) {
            tails[r] = new StderrTail(Job.REPORT_LINES);
        }
        URL[] runtime = rankPath();
        Duration opTimeout = spec.opTimeout() == null ? Duration.ZERO : spec.opTimeout();
        ClassLoader shared = ThreadsJob.class.getClassLoader();
        log.verbose(1, "job of " + size + " ranks as threads of this JVM");
        try (OutputSink sink = new OutputSink(console, spec.output(), size);
                InJvmFabric fabric = InJvmFabric.open(size);
                RankOutputRouter router = RankOutputRouter.install(size, sink::out, (rank, line) -> {
                    tails[rank].add(line);
                    sink.err(rank, line);
                })) {
            try {
                for (int r = 0; r < size; r++) {
                    RankClassLoader loader = new RankClassLoader(r, runtime, shared);
                    ThreadRank handle = new ThreadRank(r, size, fabric.endpoint(r), opTimeout);
                    RankThread rank = new RankThread(r, loader, handle, spec.app(), ended -> {
                        try {
                            router.flush(ended.rank());
                        } finally {
                            ends.add(ended);
                        }
                    });
                    ranks.add(rank);
                }
                for (RankThread rank : ranks) {
                    rank.start();
                }
                return supervise();
            } finally {
                for (RankThread rank : ranks) {
                    rank.release();
                }
            }
        }
    }

    private void checkOptions() {
        for (Placement p : spec.placements()) {
            if (spec.remote(p)) {
                throw new UsageException("--threads runs every rank in this JVM; rank " + p.rank() + " is placed on "
                        + p.host() + " (drop --hostfile/--host/--force-ssh, or drop --threads)");
            }
        }
        if (spec.wdir() != null) {
            throw new UsageException("--wdir cannot be used with --threads (one JVM has one working directory:"
                    + " start jmpirun in " + spec.wdir() + " instead)");
        }
        if (!spec.jvmOptions().isEmpty()) {
            log.warn("--jvm-opt is ignored with --threads (every rank runs in jmpirun's JVM; set JAVA_OPTS"
                    + " or the java options of jmpirun itself)");
        }
        if (spec.extraEnv().keySet().stream().anyMatch(k -> !k.equals(JobPlanner.CHECK_COLLECTIVES_ENV))) {
            log.warn("-x is ignored with --threads (the ranks share jmpirun's environment)");
        }
        if (spec.extraEnv().containsKey(JobPlanner.CHECK_COLLECTIVES_ENV)) {
            log.warn("--check-collectives is ignored with --threads (the ranks share jmpirun's JVM: set"
                    + " -Djmpi.checkCollectives in JAVA_OPTS or JMPI_CHECK_COLLECTIVES in jmpirun's environment)");
        }
    }

    /** jmpi core and the mpiJava layer first (as for rank processes), then the program's class path. */
    private URL[] rankPath() {
        Set<Path> path = new LinkedHashSet<>();
        path.add(location(dev.jmpi.Jmpi.class));
        path.add(location(mpi.MPI.class));
        Path base = Path.of("").toAbsolutePath();
        path.addAll(ClassPaths.resolve(spec.app().userClassPath(), base));
        List<URL> urls = new ArrayList<>();
        for (Path p : path) {
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new UsageException("class path entry " + p + " is not a valid location: " + e.getMessage());
            }
        }
        return urls.toArray(new URL[0]);
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            throw new LaunchException("cannot find where " + type.getName() + " was loaded from: " + e, e);
        }
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
                RankThread rank = ends.poll(waitNs, TimeUnit.NANOSECONDS);
                if (rank == null) {
                    continue;
                }
                remaining--;
                if (rank.status() != 0) {
                    return onFailure(rank);
                }
                log.verbose(1, describe(rank) + " exited 0");
            }
            return ExitCodes.SUCCESS;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopOthers(null, "jmpirun was interrupted");
            throw new LaunchException("interrupted while waiting for ranks", e);
        }
    }

    private int onFailure(RankThread first) throws InterruptedException {
        RankThread failed = culprit(first);
        String why = describe(first) + " exited with status " + first.status()
                + (failed == first ? "" : " because " + describe(failed) + " failed");
        List<RankThread> others = alive();
        others.remove(failed);
        if (!others.isEmpty()) {
            log.info(why + "; stopping " + others.size() + " other rank" + (others.size() == 1 ? "" : "s")
                    + " (their jmpi calls fail at once; a rank still computing after "
                    + DurationConverter.format(spec.grace()) + " is abandoned)");
        }
        stopOthers(failed, "stopped by jmpirun: world rank " + failed.rank() + " failed first");
        int status = failed.status() > 0 ? failed.status() : first.status();
        List<String> report = new ArrayList<>();
        report.add("jmpirun: " + describe(failed) + " failed first: exited with status " + status);
        addTail(report, failed.rank(), "");
        console.errBlock(report);
        return status;
    }

    /**
     * The rank whose failure started it all: a rank that failed because another did names
     * that rank (its world reported the origin); the origin's own thread is given the grace
     * period to end, so its status and stderr are in the report.
     */
    private RankThread culprit(RankThread first) throws InterruptedException {
        int origin = first.failureOrigin();
        if (origin == first.rank() || origin < 0 || origin >= ranks.size()) {
            return first;
        }
        RankThread culprit = ranks.get(origin);
        culprit.awaitEnd(spec.grace().toMillis());
        return culprit;
    }

    private int onTimeout() throws InterruptedException {
        List<RankThread> hung = alive();
        log.info("--timeout " + DurationConverter.format(spec.timeout()) + " expired with " + hung.size() + " of "
                + ranks.size() + " ranks still running; stopping them");
        List<String> report = new ArrayList<>();
        report.add("jmpirun: timeout report (what each rank still running at the timeout is blocked in):");
        for (RankThread rank : hung) {
            List<String> pending = rank.pendingOperations();
            report.add("jmpirun: " + describe(rank) + ": " + (pending.isEmpty() ? "not blocked in jmpi" : ""));
            for (String op : pending) {
                report.add("  | " + op);
            }
        }
        console.errBlock(report);
        stopOthers(null, "stopped by jmpirun: --timeout " + DurationConverter.format(spec.timeout()) + " expired");
        return ExitCodes.TIMEOUT;
    }

    /** Breaks the worlds of every rank but {@code failed}, waits the grace period, reports those abandoned. */
    private void stopOthers(RankThread failed, String reason) {
        List<RankThread> others = new ArrayList<>(alive());
        others.remove(failed);
        for (RankThread rank : others) {
            rank.stop(reason);
        }
        long deadline = System.nanoTime() + spec.grace().toNanos();
        try {
            for (RankThread rank : others) {
                rank.awaitEnd((deadline - System.nanoTime()) / 1_000_000L);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (RankThread rank : others) {
            if (rank.alive()) {
                log.warn(describe(rank) + " is still running after " + DurationConverter.format(spec.grace())
                        + " (threads cannot be killed); abandoned");
            }
        }
    }

    private void addTail(List<String> report, int rank, String indent) {
        FailureSummary.addTail(report, rank, tails[rank].last(Job.REPORT_LINES), indent);
    }

    private List<RankThread> alive() {
        List<RankThread> alive = new ArrayList<>();
        for (RankThread rank : ranks) {
            if (rank.alive()) {
                alive.add(rank);
            }
        }
        return alive;
    }

    private static String describe(RankThread rank) {
        return "rank " + rank.rank() + " (a thread of jmpirun)";
    }
}
