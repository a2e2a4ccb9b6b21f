package dev.jmpi.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startable;
import org.testcontainers.lifecycle.Startables;

/**
 * A jmpi job of N containers, one rank each, the way Compose runs one: a private network,
 * containers {@code rank-0..rank-N-1} (network alias and host name), rank 0 hosting the
 * rendezvous at {@code rank-0:7100}, no launcher. {@link #start()} starts all containers at
 * once; ranks find each other with their own retries. Use with try-with-resources: closing
 * removes the containers and the network (Ryuk, which would do it otherwise, is off here).
 *
 * <pre>{@code
 * try (JmpiCluster job = JmpiCluster.builder(4).main("dev.jmpi.examples.reduction.Reduction").build()) {
 *     job.start();
 *     assertEquals(0, job.awaitExit(0, Duration.ofSeconds(120)));
 * }
 * }</pre>
 */
final class JmpiCluster implements Startable {

    /** Port of the rendezvous rank 0 hosts. */
    static final int RENDEZVOUS_PORT = 7100;

    private final int size;
    private final Network network;
    private final List<GenericContainer<?>> ranks = new ArrayList<>();
    private final List<ContainerOutput> outputs = new ArrayList<>();

    private JmpiCluster(Builder b) {
        this.size = b.size;
        this.network = Network.newNetwork();
        String secret = randomSecret();
        for (int r = 0; r < size; r++) {
            String name = "rank-" + r;
            ContainerOutput out = new ContainerOutput(name);
            List<String> command = new ArrayList<>();
            command.add("java");
            command.addAll(b.jvmOptions);
            command.add("-cp");
            command.add(JmpiImages.RANK_CLASSPATH);
            command.add(b.mainClass);
            command.addAll(b.args);
            GenericContainer<?> c = new GenericContainer<>(JmpiImages.jmpi())
                .withNetwork(network)
                .withNetworkAliases(name)
                .withCreateContainerCmdModifier(cmd -> cmd.withHostName(name))
                .withEnv("JMPI_RANK", Integer.toString(r))
                .withEnv("JMPI_SIZE", Integer.toString(size))
                .withEnv("JMPI_RENDEZVOUS", "rank-0:" + RENDEZVOUS_PORT)
                .withEnv("JMPI_RENDEZVOUS_HOSTED_BY_RANK0", "1")
                .withEnv("JMPI_JOB_ID", b.jobId)
                .withEnv("JMPI_SECRET", secret)
                .withEnv(b.env)
                .withCommand(command.toArray(new String[0]))
                .withLogConsumer(out)
                .withStartupCheckStrategy(new StartedCheck())
                .withStartupTimeout(Duration.ofSeconds(90));
            ranks.add(c);
            outputs.add(out);
        }
    }

    /** A cluster of {@code size} rank containers. */
    static Builder builder(int size) {
        return new Builder(size);
    }

    /** Starts every rank container in parallel; returns once Docker has run them all. */
    @Override
    public void start() {
        try {
            Startables.deepStart(ranks).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("starting " + size + " rank containers failed: " + e.getCause(), e);
        }
    }

    /** Starts only the containers of the given ranks, in parallel (the others never come up). */
    void startRanks(int... rankList) {
        List<GenericContainer<?>> some = new ArrayList<>();
        for (int r : rankList) {
            some.add(ranks.get(r));
        }
        try {
            Startables.deepStart(some).join();
        } catch (CompletionException e) {
            throw new IllegalStateException("starting rank containers failed: " + e.getCause(), e);
        }
    }

    /** Removes the containers and the network. */
    @Override
    public void stop() {
        RuntimeException first = null;
        for (GenericContainer<?> c : ranks) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        try {
            network.close();
        } catch (RuntimeException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }

    int size() {
        return size;
    }

    GenericContainer<?> container(int rank) {
        return ranks.get(rank);
    }

    ContainerOutput output(int rank) {
        return outputs.get(rank);
    }

    /** Waits for the container of {@code rank} to exit and returns its status. */
    int awaitExit(int rank, Duration timeout) throws TimeoutException {
        String id = ranks.get(rank).getContainerId();
        try (WaitContainerResultCallback cb = docker().waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
            return cb.awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            TimeoutException t = new TimeoutException("rank-" + rank + " did not exit within " + timeout.toSeconds()
                + " s (" + e.getMessage() + "); its output:\n" + outputs.get(rank).text());
            t.initCause(e);
            throw t;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("closing the wait on rank-" + rank + " failed", e);
        }
    }

    /** Kills the container of {@code rank} with SIGKILL, as a crashed node. */
    void kill(int rank) {
        docker().killContainerCmd(ranks.get(rank).getContainerId()).withSignal("KILL").exec();
    }

    /** Takes the container of {@code rank} off the network, as a pulled cable. */
    void disconnect(int rank) {
        docker().disconnectFromNetworkCmd().withNetworkId(network.getId())
            .withContainerId(ranks.get(rank).getContainerId()).withForce(true).exec();
    }

    /** Every rank's output, for failure messages. */
    String allOutput() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < size; r++) {
            b.append("---- rank-").append(r).append(" ----\n").append(outputs.get(r).text());
        }
        return b.toString();
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    /** What the ranks run and with which settings. */
    static final class Builder {
        private final int size;
        private String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of(
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m",
            "-Djmpi.joinTimeoutMs=90000"));
        private final Map<String, String> env = new LinkedHashMap<>();
        private String jobId = "jmpi-cluster";

        private Builder(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("size=" + size + " (expected: >= 1)");
            }
            this.size = size;
        }

        /** The program every rank runs, with its arguments. */
        Builder main(String mainClass, String... args) {
            this.mainClass = mainClass;
            this.args.addAll(List.of(args));
            return this;
        }

        /** Adds a JVM option for every rank, e.g. {@code -Djmpi.heartbeatTimeoutMs=3000}. */
        Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Adds an environment variable for every rank. */
        Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        Builder jobId(String id) {
            this.jobId = id;
            return this;
        }

        JmpiCluster build() {
            if (mainClass == null) {
                throw new IllegalStateException("main class not set (expected: main(\"pkg.Main\", args...))");
            }
            return new JmpiCluster(this);
        }
    }
}
