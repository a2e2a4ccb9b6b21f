package dev.jmpi.it;

import dev.jmpi.transport.rendezvous.TcpRendezvousServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Starts N real JVMs running {@link ChildRank}, with a rendezvous hosted in the test JVM,
 * and collects their output line by line so tests can wait on events.
 */
final class ChildJob implements AutoCloseable {

    private final TcpRendezvousServer server;
    private final List<Process> processes = new ArrayList<>();
    private final List<List<String>> output = new ArrayList<>();

    ChildJob(int n, List<String> jvmOptions, String... args) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String jobId = "it-" + System.nanoTime();
        server = TcpRendezvousServer.start("127.0.0.1", 0, jobId, secret, n);
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        for (int r = 0; r < n; r++) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.add("-Xmx256m");
            cmd.addAll(jvmOptions);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(ChildRank.class.getName());
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("JMPI_RANK", Integer.toString(r));
            pb.environment().put("JMPI_SIZE", Integer.toString(n));
            pb.environment().put("JMPI_JOB_ID", jobId);
            pb.environment()
                    .put("JMPI_RENDEZVOUS", "127.0.0.1:" + server.address().getPort());
            pb.environment().put("JMPI_SECRET", Base64.getEncoder().encodeToString(secret));
            pb.environment().put("JMPI_BIND", "127.0.0.1");
            pb.environment().put("JMPI_ADVERTISE", "127.0.0.1");
            Process p = pb.start();
            processes.add(p);
            List<String> lines = new CopyOnWriteArrayList<>();
            output.add(lines);
            Thread reader = new Thread(() -> pump(p, lines), "child-output-" + r);
            reader.setDaemon(true);
            reader.start();
        }
    }

    private static void pump(Process p, List<String> lines) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                synchronized (lines) {
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            lines.add("<output error " + e + ">");
        }
    }

    Process process(int rank) {
        return processes.get(rank);
    }

    List<String> output(int rank) {
        return output.get(rank);
    }

    /** Waits until rank's output has a line matching {@code p}; false on deadline. */
    boolean awaitLine(int rank, Predicate<String> p, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        List<String> lines = output.get(rank);
        synchronized (lines) {
            while (lines.stream().noneMatch(p)) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
        return true;
    }

    /** Waits for rank's exit; returns its status, or -1 on deadline. */
    int awaitExit(int rank, Duration deadline) throws InterruptedException {
        Process p = processes.get(rank);
        return p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) ? p.exitValue() : -1;
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < output.size(); r++) {
            b.append("--- rank ").append(r).append(" ---\n");
            for (String l : output.get(r)) {
                b.append(l).append('\n');
            }
        }
        return b.toString();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        server.close();
    }
}
