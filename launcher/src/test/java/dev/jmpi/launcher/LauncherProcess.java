package dev.jmpi.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** jmpirun started as a real child process (for signals), with its stdout lines collected. */
final class LauncherProcess implements AutoCloseable {

    private static final Pattern PID = Pattern.compile("rank (\\d+) pid=(\\d+)");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer err = new StringBuffer();

    private LauncherProcess(Process process) {
        this.process = process;
        Thread out = new Thread(
                () -> read(
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                        true),
                "test-launcher-out");
        Thread errReader = new Thread(
                () -> read(
                        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)),
                        false),
                "test-launcher-err");
        out.setDaemon(true);
        errReader.setDaemon(true);
        out.start();
        errReader.start();
    }

    /** Starts {@code java ... JmpiRun args} with this JVM's class path. */
    static LauncherProcess start(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                JavaCommand.localJava(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                JmpiRun.class.getName()));
        cmd.addAll(args);
        return new LauncherProcess(new ProcessBuilder(cmd).start());
    }

    private void read(BufferedReader reader, boolean stdout) {
        try (reader) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (stdout) {
                    lines.add(line);
                } else {
                    err.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            err.append("(reader failed: ").append(e).append(")\n");
        }
    }

    Process process() {
        return process;
    }

    String err() {
        return err.toString();
    }

    /** Waits (bounded) until {@code n} ranks announced their pids; returns them. */
    List<Long> awaitPids(int n, long timeoutSeconds) throws InterruptedException {
        return new ArrayList<>(awaitRankPids(n, timeoutSeconds).values());
    }

    /** Waits (bounded) until {@code n} ranks announced their pids; returns them by rank. */
    Map<Integer, Long> awaitRankPids(int n, long timeoutSeconds) throws InterruptedException {
        Map<Integer, Long> pids = new TreeMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (pids.size() < n) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("only " + pids.size() + " of " + n + " ranks started; stderr:\n" + err);
            }
            Matcher m = PID.matcher(line);
            if (m.find()) {
                pids.put(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)));
            }
        }
        return pids;
    }

    /** Sends {@code signal} (e.g. INT) to jmpirun by pid. */
    void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                .inheritIO()
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
