package dev.jmpi.testing;

import dev.jmpi.Communicator;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs N ranks as threads in this JVM, over the same code paths as a real job, for tests.
 *
 * <pre>{@code
 * List<Double> sums = Ranks.call(4, comm -> {
 *     double[] in = {comm.rank()};
 *     double[] out = new double[1];
 *     comm.allreduce(in, out, Op.SUM);
 *     return out[0];
 * });
 * }</pre>
 *
 * <p>If a rank throws, the others are aborted (so they never hang on it) and the first
 * failure is rethrown as a {@link RanksFailedError} naming its rank; if the ranks do not
 * finish within the timeout (default 60 s), the error lists what each rank is blocked in.
 */
public final class Ranks {

    /** Default bound on one run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Ranks() {}

    /** What one rank runs. */
    @FunctionalInterface
    public interface Body {
        /**
         * Runs on one rank.
         *
         * @param comm this rank's communicator
         * @throws Exception anything the rank throws fails the run
         */
        void run(Communicator comm) throws Exception;
    }

    /**
     * What one rank computes (named so as not to shadow {@link java.util.function.Function},
     * whose {@code apply} cannot throw checked exceptions).
     */
    @FunctionalInterface
    public interface RankFunction<T extends @Nullable Object> {
        /**
         * Runs on one rank and returns its result.
         *
         * @param comm this rank's communicator
         * @return this rank's result
         * @throws Exception anything the rank throws fails the run
         */
        @Nullable
        T apply(Communicator comm) throws Exception;
    }

    /** How the ranks are connected. */
    public enum Wiring {
        /** Real TCP connections over 127.0.0.1, through the Netty mesh: the default. */
        LOOPBACK,
        /** In-JVM queues: no sockets, fastest. */
        IN_JVM
    }

    /**
     * Runs {@code body} on {@code n} ranks over loopback sockets.
     *
     * @param n the number of ranks, {@code >= 1}
     * @param body what each rank runs, with its communicator
     */
    public static void run(int n, Body body) {
        builder().run(n, body);
    }

    /**
     * Runs {@code fn} on {@code n} ranks and returns the results in rank order.
     *
     * @param <T> the type of each rank's result
     * @param n the number of ranks, {@code >= 1}
     * @param fn what each rank computes, with its communicator
     * @return each rank's result, indexed by rank
     */
    public static <T extends @Nullable Object> List<T> call(int n, RankFunction<T> fn) {
        return builder().call(n, fn);
    }

    /**
     * Options: wiring, timeout.
     *
     * @return a builder with the default wiring and timeout
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Options for a run. */
    public static final class Builder {
        private Wiring wiring = Wiring.LOOPBACK;
        private Duration timeout = DEFAULT_TIMEOUT;
        private final java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();

        private Builder() {}

        /**
         * Sets a jmpi setting for these ranks only, above the environment and system properties,
         * as the setting is written in {@code docs/configuration.md}: for example
         * {@code setting("jmpi.unexpectedBytes", "64k")} or {@code setting("jmpi.checkCollectives", "strict")}.
         *
         * @param name  the setting's system property (or its environment variable)
         * @param value its value as text
         * @return this builder
         * @throws dev.jmpi.InvalidArgumentException if no setting has this name
         */
        public Builder setting(String name, String value) {
            dev.jmpi.core.internal.JmpiConfig.requireKnown(name);
            settings.put(name, value);
            return this;
        }

        /**
         * How ranks connect (default {@link Wiring#LOOPBACK}).
         *
         * @param w how the ranks are connected
         * @return this builder
         */
        public Builder wiring(Wiring w) {
            this.wiring = w;
            return this;
        }

        /**
         * Bound on the whole run (default 60 s).
         *
         * @param t how long the ranks may run before the run fails
         * @return this builder
         */
        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /**
         * Runs {@code body} on {@code n} ranks.
         *
         * @param n the number of ranks, {@code >= 1}
         * @param body what each rank runs, with its communicator
         */
        public void run(int n, Body body) {
            call(n, comm -> {
                body.run(comm);
                return null;
            });
        }

        /**
         * Runs {@code fn} on {@code n} ranks; results in rank order.
         *
         * @param <T> the type of each rank's result
         * @param n the number of ranks, {@code >= 1}
         * @param fn what each rank computes, with its communicator
         * @return each rank's result, indexed by rank
         */
        public <T extends @Nullable Object> List<T> call(int n, RankFunction<T> fn) {
            return new RankThreads<T>(n, wiring, timeout, settings).run(fn);
        }
    }
}
