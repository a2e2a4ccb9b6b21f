package dev.jmpi.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * A jmpi job as N containers, one rank each, for integration tests: a private network,
 * containers {@code rank-0..rank-N-1} (network alias and host name), rank 0 hosting the
 * rendezvous at {@code rank-0:7100}, bootstrapped by environment variables (no launcher,
 * as under Compose or Kubernetes). {@link #start()} starts every container at once; the
 * ranks find each other with their own retries. Close it (try-with-resources) to remove the
 * containers and the network.
 *
 * <pre>{@code
 * try (JmpiCluster job = JmpiCluster.builder(4)
 *         .image("jmpi:latest")                       // or your image with jmpi's runtime
 *         .classpathEntry(Path.of("target/classes"))  // your code, copied into each container
 *         .main("com.example.Solver", "--steps=10")
 *         .build()) {
 *     job.start();
 *     job.output(0).awaitLine("step 5", Duration.ofSeconds(60));
 *     job.kill(3);                                    // or pause(3), disconnect(3)
 *     assertNotEquals(0, job.awaitExit(0, Duration.ofSeconds(60)));
 * }
 * }</pre>
 *
 * <p>The image must hold a {@code java} on its {@code PATH} and jmpi's runtime (the jmpi image
 * has it in {@code /opt/jmpi/lib}); {@link Builder#classpath} says where. Not thread-safe:
 * one test thread drives it.
 */
public final class JmpiCluster implements Startable, AutoCloseable {

    /** Port of the rendezvous rank 0 hosts. */
    public static final int RENDEZVOUS_PORT = 7100;

    /** Image used unless {@link Builder#image} names another: the jmpi image. */
    public static final String DEFAULT_IMAGE = "jmpi:latest";

    /** Class path of a rank in the jmpi image: jmpi's runtime and the examples. */
    public static final String DEFAULT_CLASSPATH = "/opt/jmpi/lib/*:/opt/jmpi/examples/*";

    /** Where {@link Builder#classpathEntry} copies a host path: {@code /opt/app/0}, {@code /opt/app/1}... */
    static final String APP_DIR = "/opt/app/";

    private final int size;
    private final DockerImageName image;
    private final Network network;
    private final List<GenericContainer<?>> ranks = new ArrayList<>();
    private final List<RankOutput> outputs = new ArrayList<>();
    /** Whether Docker was asked for anything: a cluster never started leaves nothing to remove. */
    private boolean started;

    @SuppressWarnings("resource") // the containers are closed in stop()
    private JmpiCluster(Builder b) {
        this.size = b.size;
        this.image = b.image;
        this.network = Network.newNetwork();
        String secret = randomSecret();
        List<String> command = command(b);
        for (int r = 0; r < size; r++) {
            String name = "rank-" + r;
            RankOutput out = new RankOutput(name);
            GenericContainer<?> c = new GenericContainer<>(b.image)
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
                    .withStartupTimeout(b.startupTimeout);
            for (int i = 0; i < b.hostPaths.size(); i++) {
                c.withCopyFileToContainer(MountableFile.forHostPath(b.hostPaths.get(i)), APP_DIR + i);
            }
            ranks.add(c);
            outputs.add(out);
        }
    }

    private static List<String> command(Builder b) {
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(b.jvmOptions);
        if (b.jvmOptions.stream().noneMatch(o -> o.startsWith("-Djmpi.joinTimeout"))) {
            command.add(DEFAULT_JOIN_TIMEOUT_OPTION);
        }
        command.add("-cp");
        StringBuilder cp = new StringBuilder(b.classpath);
        for (int i = 0; i < b.hostPaths.size(); i++) {
            cp.append(':').append(APP_DIR).append(i);
            if (Files.isRegularFile(b.hostPaths.get(i))) {
                cp.append('/').append(b.hostPaths.get(i).getFileName());
            }
        }
        command.add(cp.toString());
        command.add(b.mainClass);
        command.addAll(b.args);
        return command;
    }

    /**
     * A cluster of {@code size} rank containers, to be configured.
     *
     * @param size the number of ranks, at least 1
     * @return a builder
     */
    public static Builder builder(int size) {
        return new Builder(size);
    }

    /**
     * Starts every rank container in parallel; returns once Docker has run them all (a rank
     * may already have exited: check with {@link #awaitExit}).
     */
    @Override
    public void start() {
        start(ranks);
    }

    /**
     * Starts only the containers of the given ranks, in parallel; the others never come up
     * (to test a job that waits for a rank that never joins).
     *
     * @param rankList the ranks to start
     */
    public void startRanks(int... rankList) {
        List<GenericContainer<?>> some = new ArrayList<>();
        for (int r : rankList) {
            some.add(ranks.get(checkRank(r)));
        }
        start(some);
    }

    private void start(List<GenericContainer<?>> containers) {
        started = true;
        try {
            Startables.deepStart(containers).join();
        } catch (CompletionException e) {
            throw new IllegalStateException(
                    "starting " + containers.size() + " of " + size + " rank containers failed: " + e.getCause() + "\n"
                            + allOutput(),
                    e);
        }
    }

    /** Removes the containers and the network; the first failure is rethrown after trying all. */
    @Override
    public void stop() {
        if (!started) {
            return;
        }
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

    /** Same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    /**
     * The number of ranks.
     *
     * @return the number of rank containers
     */
    public int size() {
        return size;
    }

    /**
     * The image every rank runs.
     *
     * @return the image's name
     */
    public DockerImageName image() {
        return image;
    }

    /**
     * The container of {@code rank}, for what this class does not offer (exec, copy files).
     *
     * @param rank the rank
     * @return its container
     */
    public GenericContainer<?> container(int rank) {
        return ranks.get(checkRank(rank));
    }

    /**
     * The output of {@code rank}, kept from its start.
     *
     * @param rank the rank
     * @return its stdout and stderr lines
     */
    public RankOutput output(int rank) {
        return outputs.get(checkRank(rank));
    }

    /**
     * Waits for the container of {@code rank} to exit.
     *
     * @param rank the rank
     * @param timeout how long to wait
     * @return its exit status (137 if {@link #kill killed})
     * @throws TimeoutException if it still runs after {@code timeout}; the message holds its output
     */
    public int awaitExit(int rank, Duration timeout) throws TimeoutException {
        String id = ranks.get(checkRank(rank)).getContainerId();
        try (WaitContainerResultCallback cb = docker().waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
            return cb.awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            TimeoutException t = new TimeoutException(
                    "rank-" + rank + " did not exit within " + timeout.toSeconds() + " s (" + e.getMessage()
                            + "); its output:\n" + outputs.get(rank).text());
            t.initCause(e);
            throw t;
        } catch (IOException e) {
            throw new IllegalStateException("closing the wait on rank-" + rank + " failed", e);
        }
    }

    /**
     * Waits for every rank to exit, all within one deadline.
     *
     * @param timeout how long to wait for all of them
     * @return each rank's exit status, by rank
     * @throws TimeoutException if a rank still runs at the deadline
     */
    public int[] awaitExitAll(Duration timeout) throws TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] status = new int[size];
        for (int r = 0; r < size; r++) {
            status[r] = awaitExit(r, Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
        }
        return status;
    }

    /**
     * Kills the container of {@code rank} with SIGKILL, as a crashed node.
     *
     * @param rank the rank
     */
    public void kill(int rank) {
        String id = ranks.get(checkRank(rank)).getContainerId();
        docker().killContainerCmd(id).withSignal("KILL").exec();
    }

    /**
     * Freezes every process of {@code rank}'s container (cgroup freezer), as a hung node: its
     * connections stay open but nothing answers.
     *
     * @param rank the rank
     */
    public void pause(int rank) {
        String id = ranks.get(checkRank(rank)).getContainerId();
        docker().pauseContainerCmd(id).exec();
    }

    /**
     * Lets a {@link #pause paused} rank run again.
     *
     * @param rank the rank
     */
    public void unpause(int rank) {
        String id = ranks.get(checkRank(rank)).getContainerId();
        docker().unpauseContainerCmd(id).exec();
    }

    /**
     * Takes the container of {@code rank} off the job's network, as a pulled cable.
     *
     * @param rank the rank
     */
    public void disconnect(int rank) {
        String id = ranks.get(checkRank(rank)).getContainerId();
        docker().disconnectFromNetworkCmd()
                .withNetworkId(network.getId())
                .withContainerId(id)
                .withForce(true)
                .exec();
    }

    /**
     * Every rank's output so far, under a header per rank: for failure messages.
     *
     * @return the output of all ranks
     */
    public String allOutput() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < size; r++) {
            b.append("---- rank-")
                    .append(r)
                    .append(" ----\n")
                    .append(outputs.get(r).text());
        }
        return b.toString();
    }

    private int checkRank(int rank) {
        if (rank < 0 || rank >= size) {
            throw new IllegalArgumentException("rank=" + rank + " (expected: 0 <= rank < size=" + size + ")");
        }
        return rank;
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    /** Containers start slowly: ranks keep joining for 90 s unless a jvmOption sets jmpi.joinTimeout (or its old name). */
    static final String DEFAULT_JOIN_TIMEOUT_OPTION = "-Djmpi.joinTimeout=90s";

    /** What the ranks run, from which image, with which settings. */
    public static final class Builder {
        private final int size;
        private DockerImageName image = DockerImageName.parse(DEFAULT_IMAGE);
        private String classpath = DEFAULT_CLASSPATH;
        private final List<Path> hostPaths = new ArrayList<>();
        private String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmOptions =
                new ArrayList<>(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xmx256m"));
        private final Map<String, String> env = new LinkedHashMap<>();
        private String jobId = "jmpi-cluster";
        private Duration startupTimeout = Duration.ofSeconds(90);

        private Builder(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("size=" + size + " (expected: >= 1)");
            }
            this.size = size;
        }

        /**
         * The image every rank runs (default {@value #DEFAULT_IMAGE}).
         *
         * @param name an image name, e.g. {@code jmpi:0.1.0} or your own image
         * @return this builder
         */
        public Builder image(String name) {
            return image(DockerImageName.parse(name));
        }

        /**
         * The image every rank runs.
         *
         * @param name the image
         * @return this builder
         */
        public Builder image(DockerImageName name) {
            this.image = java.util.Objects.requireNonNull(name, "image");
            return this;
        }

        /**
         * The class path inside the image (default {@value #DEFAULT_CLASSPATH}); it must hold
         * jmpi's runtime and, unless copied in with {@link #classpathEntry}, your program.
         *
         * @param classpath entries separated by {@code :}, {@code dir/*} for every jar in dir
         * @return this builder
         */
        public Builder classpath(String classpath) {
            this.classpath = java.util.Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        /**
         * Copies a directory or jar of this host into every rank container and appends it to
         * the class path: a test's own compiled classes run in the stock jmpi image.
         *
         * @param hostPath a directory of classes or a jar
         * @return this builder
         */
        public Builder classpathEntry(Path hostPath) {
            if (!Files.exists(hostPath)) {
                throw new IllegalArgumentException("classpathEntry " + hostPath.toAbsolutePath()
                        + " does not exist (expected: a directory of classes or a jar, e.g. target/classes)");
            }
            hostPaths.add(hostPath.toAbsolutePath());
            return this;
        }

        /**
         * The program every rank runs, with its arguments.
         *
         * @param mainClass the main class's binary name
         * @param args the program's arguments
         * @return this builder
         */
        public Builder main(String mainClass, String... args) {
            this.mainClass = java.util.Objects.requireNonNull(mainClass, "mainClass");
            this.args.addAll(List.of(args));
            return this;
        }

        /**
         * Adds a JVM option for every rank, e.g. {@code -Djmpi.heartbeatTimeout=3s}.
         *
         * @param option the option
         * @return this builder
         */
        public Builder jvmOption(String option) {
            jvmOptions.add(java.util.Objects.requireNonNull(option, "option"));
            return this;
        }

        /**
         * Sets an environment variable for every rank (e.g. {@code JMPI_TIMEOUT=30s}).
         *
         * @param name the variable
         * @param value its value
         * @return this builder
         */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        /**
         * The job id the ranks share (default {@code jmpi-cluster}).
         *
         * @param id the job id
         * @return this builder
         */
        public Builder jobId(String id) {
            this.jobId = java.util.Objects.requireNonNull(id, "id");
            return this;
        }

        /**
         * How long Docker may take to run a container (default 90 s).
         *
         * @param timeout the bound
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = java.util.Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * The cluster, not started yet.
         *
         * @return the cluster
         */
        public JmpiCluster build() {
            if (mainClass == null) {
                throw new IllegalStateException("main class not set (expected: main(\"com.example.Main\", args...))");
            }
            return new JmpiCluster(this);
        }
    }
}
