package dev.jmpi.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link MeshChild} JVM with its stdout lines queued for assertions. */
final class ChildProcess implements AutoCloseable {

    final int rank;
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Every line the child printed, including those {@link #await} consumed. */
    final List<String> history = new CopyOnWriteArrayList<>();

    private ChildProcess(int rank, Process process) {
        this.rank = rank;
        this.process = process;
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            System.out.println("[child rank " + rank + "] " + line);
                            history.add(line);
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        lines.add("STDOUT_ERROR " + e);
                    }
                },
                "child-" + rank + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildProcess start(
            int rank,
            int size,
            int rendezvousPort,
            String mode,
            long heartbeatIntervalMs,
            long heartbeatTimeoutMs,
            String secretHex)
            throws IOException {
        return start(rank, size, rendezvousPort, mode, heartbeatIntervalMs, heartbeatTimeoutMs, secretHex, List.of());
    }

    /** As above, with extra JVM options for this child (e.g. {@code -Djmpi.heartbeatTimeoutMs=2000}). */
    static ChildProcess start(
            int rank,
            int size,
            int rendezvousPort,
            String mode,
            long heartbeatIntervalMs,
            long heartbeatTimeoutMs,
            String secretHex,
            List<String> jvmOptions)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + "/bin/java");
        cmd.add("-Xmx384m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MeshChild.class.getName());
        cmd.add(String.valueOf(rank));
        cmd.add(String.valueOf(size));
        cmd.add(String.valueOf(rendezvousPort));
        cmd.add(mode);
        cmd.add(String.valueOf(heartbeatIntervalMs));
        cmd.add(String.valueOf(heartbeatTimeoutMs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("JMPI_TEST_SECRET", secretHex);
        return new ChildProcess(rank, pb.start());
    }

    /** Waits for a line starting with {@code prefix}; fails naming what was seen. */
    String await(String prefix, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        List<String> seen = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                throw new AssertionError("child rank " + rank + " printed no '" + prefix + "' within " + timeoutMs
                        + " ms; saw " + seen + (process.isAlive() ? "" : ", exit " + process.exitValue()));
            }
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.add(line);
        }
    }

    void quit() throws IOException {
        OutputStream in = process.getOutputStream();
        in.write("quit\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                signal("CONT");
            } catch (IOException | InterruptedException e) {
                // The process may be gone already; destroyForcibly below covers it.
            }
            process.destroyForcibly();
        }
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
