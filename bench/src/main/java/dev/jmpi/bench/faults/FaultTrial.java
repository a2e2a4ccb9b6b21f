package dev.jmpi.bench.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One trial: start a {@link FaultyJob} through jmpirun, wait until every rank is running,
 * break it ({@link FaultKind}), and measure how the job ends: how long it took, whether
 * jmpirun's summary led with the broken rank, and which rank processes were left behind.
 */
final class FaultTrial {

    private static final Pattern READY = Pattern.compile("faulty-job rank (\\d+) pid=(\\d+) ready");
    /** The line of jmpirun's summary that names the rank whose failure started it all. */
    private static final Pattern LEAD = Pattern.compile("jmpirun: rank (\\d+) .* failed first: .*");

    private static final Duration READY_DEADLINE = Duration.ofMinutes(2);
    private static final Duration LEFTOVER_WAIT = Duration.ofSeconds(10);

    private final List<String> jmpirun;
    private final int ranks;
    private final Duration hangAfter;

    /**
     * @param jmpirun   the jmpirun command and every option but the program: {@code bin/jmpirun
     *                  -n 4 --oversubscribe -cp ...}
     * @param ranks     ranks the command starts
     * @param hangAfter how long after the fault an unfinished job counts as hung
     */
    FaultTrial(List<String> jmpirun, int ranks, Duration hangAfter) {
        this.jmpirun = List.copyOf(jmpirun);
        this.ranks = ranks;
        this.hangAfter = hangAfter;
    }

    TrialResult run(FaultKind kind, int victim, Duration delay) throws IOException, InterruptedException {
        Path triggers = Files.createTempDirectory("jmpi-fault-");
        List<String> cmd = new ArrayList<>(jmpirun);
        cmd.addAll(List.of(FaultyJob.class.getName(), triggers.toString(), "600"));
        Process launcher = new ProcessBuilder(cmd).start();
        launcher.getOutputStream().close();
        List<String> err = new CopyOnWriteArrayList<>();
        long[] pids = new long[ranks];
        CountDownLatch ready = new CountDownLatch(ranks);
        pump(launcher.getInputStream(), line -> {
            Matcher m = READY.matcher(line);
            if (m.find()) {
                pids[Integer.parseInt(m.group(1))] = Long.parseLong(m.group(2));
                ready.countDown();
            }
        });
        pump(launcher.getErrorStream(), err::add);
        try {
            if (!ready.await(READY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the job did not start within " + READY_DEADLINE + ": " + err);
            }
            Thread.sleep(delay.toMillis()); // the random moment of the fault, not a wait for readiness
            long faultAt = System.nanoTime();
            inject(kind, victim, pids[victim], launcher.pid(), triggers);
            boolean ended = kind == FaultKind.LAUNCHER
                    ? allExited(pids, hangAfter)
                    : launcher.waitFor(hangAfter.toMillis(), TimeUnit.MILLISECONDS);
            long faultToEndMs = (System.nanoTime() - faultAt) / 1_000_000;
            if (!ended && kind != FaultKind.LAUNCHER) {
                launcher.destroyForcibly();
            }
            launcher.waitFor(LEFTOVER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            allExited(pids, LEFTOVER_WAIT);
            int leftBehind = cleanUp(pids);
            boolean causeNamed = kind == FaultKind.LAUNCHER || causeNamed(kind, victim, err);
            int exit = kind == FaultKind.LAUNCHER || launcher.isAlive() ? -1 : launcher.exitValue();
            return new TrialResult(
                    kind, victim, !ended, faultToEndMs, causeNamed, leftBehind, exit, String.join("\n", err));
        } finally {
            launcher.destroyForcibly();
            cleanUp(pids);
            deleteTree(triggers);
        }
    }

    private static void inject(FaultKind kind, int victim, long victimPid, long launcherPid, Path triggers)
            throws IOException, InterruptedException {
        switch (kind) {
            case KILL -> signal("KILL", victimPid);
            case STOP -> signal("STOP", victimPid);
            case THROW -> Files.createFile(triggers.resolve("throw-" + victim));
            case LAUNCHER -> signal("KILL", launcherPid);
            default -> throw new IllegalArgumentException("kind=" + kind);
        }
    }

    /** True when jmpirun's summary leads with the victim (and, for THROW, its exception). */
    static boolean causeNamed(FaultKind kind, int victim, List<String> jmpirunErr) {
        Optional<String> lead =
                jmpirunErr.stream().filter(l -> LEAD.matcher(l).matches()).findFirst();
        if (lead.isEmpty()) {
            return false;
        }
        Matcher m = LEAD.matcher(lead.get());
        boolean rankNamed = m.matches() && Integer.parseInt(m.group(1)) == victim;
        if (kind != FaultKind.THROW) {
            return rankNamed;
        }
        return rankNamed && lead.get().contains("IllegalStateException: injected fault on rank " + victim);
    }

    private static boolean allExited(long[] pids, Duration within) throws InterruptedException {
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> exits.add(h.onExit()));
        }
        try {
            CompletableFuture.allOf(exits.toArray(new CompletableFuture<?>[0]))
                    .get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Kills what is still alive (a stopped process first gets SIGCONT); returns how many. */
    private static int cleanUp(long[] pids) throws IOException, InterruptedException {
        int alive = 0;
        for (long pid : pids) {
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (pid != 0 && h.isPresent() && h.get().isAlive()) {
                alive++;
                signal("CONT", pid);
                h.get().destroyForcibly();
            }
        }
        return alive;
    }

    private static void signal(String name, long pid) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, Long.toString(pid))
                .inheritIO()
                .start()
                .waitFor();
    }

    private static void pump(InputStream in, java.util.function.Consumer<String> sink) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                        for (String line = r.readLine(); line != null; line = r.readLine()) {
                            sink.accept(line);
                        }
                    } catch (IOException e) {
                        // The launcher was killed: its pipes close.
                    }
                },
                "fault-trial-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
