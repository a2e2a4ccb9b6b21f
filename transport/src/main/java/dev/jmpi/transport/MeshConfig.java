package dev.jmpi.transport;

import dev.jmpi.transport.config.ConfigException;
import dev.jmpi.transport.config.ConfigSource;
import dev.jmpi.transport.config.Setting;
import dev.jmpi.transport.config.Units;
import dev.jmpi.transport.rendezvous.AdvertisedAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings of one rank's {@link NettyMesh}: identity (rank, size, job id, secret), where to
 * listen, frame limits, liveness, timeouts, flow control and TLS. Immutable; built with
 * {@link #builder()} and validated once in {@link Builder#build()}.
 *
 * <p>Tunables can also come from the resolved settings ({@link Builder#settings}, see
 * {@link TransportSettings}). Identity and the secret never come from settings (they would
 * show on a command line).
 *
 * <pre>{@code
 * MeshConfig cfg = MeshConfig.builder()
 *         .settings(source) // the ConfigSource resolved at init
 *         .rank(2).size(8).jobId("job-42").secret(secretBytes)
 *         .build();
 * }</pre>
 */
public final class MeshConfig {

    /** Default bind address. */
    public static final String DEFAULT_BIND_HOST = "0.0.0.0";
    /** Default port: ephemeral. */
    public static final int DEFAULT_PORT = 0;
    /** 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /**
     * 1 MiB: small against the write-buffer water marks, so a large message streams instead
     * of stalling on writability (measured in bench/: 3.7× faster 8 MiB ping-pong than 4 MiB).
     */
    public static final int DEFAULT_CHUNK_BYTES = 1024 * 1024;
    /** 1 s. */
    public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 1_000;
    /**
     * 30 s: a rank may stand still for up to 29 s (a GC pause touching gigabytes of fresh
     * memory on a slow VM took 11 s) without its peers blaming it, and a frozen rank is still
     * named by every running peer within 30.5 s (the timeout plus one check, half an interval).
     */
    public static final long DEFAULT_HEARTBEAT_TIMEOUT_MS = 30_000;
    /** 60 s. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 60_000;
    /** 10 s. */
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
    /** 2 MiB. */
    public static final int DEFAULT_WRITE_BUFFER_LOW_BYTES = 2 * 1024 * 1024;
    /** 8 MiB. */
    public static final int DEFAULT_WRITE_BUFFER_HIGH_BYTES = 8 * 1024 * 1024;
    /** 0: kernel auto-tuning. */
    public static final int DEFAULT_SOCKET_BUFFER_BYTES = 0;

    /** Event loop implementation. */
    public enum IoMode {
        /** Epoll when {@code Epoll.isAvailable()}, NIO otherwise. */
        AUTO,
        /** Native epoll; fails if unavailable. */
        EPOLL,
        /** Java NIO. */
        NIO
    }

    private final int rank;
    private final int size;
    private final String jobId;
    private final byte[] secret;
    private final String bindHost;
    private final String advertisedHost;
    private final int firstPort;
    private final int lastPort;
    private final int maxFrameBytes;
    private final int chunkBytes;
    private final long heartbeatIntervalMs;
    private final long heartbeatTimeoutMs;
    private final long connectTimeoutMs;
    private final long handshakeTimeoutMs;
    private final int writeBufferLowBytes;
    private final int writeBufferHighBytes;
    private final int socketBufferBytes;
    private final IoMode ioMode;
    private final TlsConfig tls;
    private final long spinNanos;
    private final boolean spinYields;
    private final TransportSettings.ConnectMode connectMode;
    private final boolean zeroCopyReceive;

    private MeshConfig(Builder b, String jobId, byte[] secret, String advertisedHost) {
        this.rank = b.rank;
        this.size = b.size;
        this.jobId = jobId;
        this.secret = secret.clone();
        this.bindHost = b.bindHost;
        this.advertisedHost = advertisedHost;
        this.firstPort = b.firstPort;
        this.lastPort = b.lastPort;
        this.maxFrameBytes = b.maxFrameBytes;
        this.chunkBytes = b.chunkBytes;
        this.heartbeatIntervalMs = b.heartbeatIntervalMs;
        this.heartbeatTimeoutMs = b.heartbeatTimeoutMs;
        this.connectTimeoutMs = b.connectTimeoutMs;
        this.handshakeTimeoutMs = b.handshakeTimeoutMs;
        this.writeBufferLowBytes = b.writeBufferLowBytes;
        this.writeBufferHighBytes = b.writeBufferHighBytes;
        this.socketBufferBytes = b.socketBufferBytes;
        this.ioMode = b.ioMode;
        this.tls = b.tls;
        this.spinNanos = b.spinNanos;
        this.spinYields = b.spinYields;
        this.connectMode = b.connectMode;
        this.zeroCopyReceive = b.zeroCopyReceive;
    }

    /** A builder with every default set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to derive a variant. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.rank = rank;
        b.size = size;
        b.jobId = jobId;
        b.secret = secret.clone();
        b.bindHost = bindHost;
        b.advertisedHost = advertisedHost;
        b.firstPort = firstPort;
        b.lastPort = lastPort;
        b.maxFrameBytes = maxFrameBytes;
        b.chunkBytes = chunkBytes;
        b.heartbeatIntervalMs = heartbeatIntervalMs;
        b.heartbeatTimeoutMs = heartbeatTimeoutMs;
        b.connectTimeoutMs = connectTimeoutMs;
        b.handshakeTimeoutMs = handshakeTimeoutMs;
        b.writeBufferLowBytes = writeBufferLowBytes;
        b.writeBufferHighBytes = writeBufferHighBytes;
        b.socketBufferBytes = socketBufferBytes;
        b.ioMode = ioMode;
        b.tls = tls;
        b.spinNanos = spinNanos;
        b.spinYields = spinYields;
        b.connectMode = connectMode;
        b.zeroCopyReceive = zeroCopyReceive;
        return b;
    }

    /** This endpoint's rank. */
    public int rank() {
        return rank;
    }

    /** Ranks in the job. */
    public int size() {
        return size;
    }

    /** Job id; peers of other jobs are refused. */
    public String jobId() {
        return jobId;
    }

    /** A copy of the job secret. */
    public byte[] secret() {
        return secret.clone();
    }

    /** Address the listener binds. */
    public String bindHost() {
        return bindHost;
    }

    /** Address other ranks dial. */
    public String advertisedHost() {
        return advertisedHost;
    }

    /** First port to try (0 = ephemeral). */
    public int firstPort() {
        return firstPort;
    }

    /** Last port to try (equal to {@link #firstPort()} for a single port). */
    public int lastPort() {
        return lastPort;
    }

    /** Largest frame accepted. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** Payload bytes per frame. */
    public int chunkBytes() {
        return chunkBytes;
    }

    /** Heartbeat period on an idle connection. */
    public long heartbeatIntervalMs() {
        return heartbeatIntervalMs;
    }

    /** Silence of a peer while this rank was running after which the peer is failed. */
    public long heartbeatTimeoutMs() {
        return heartbeatTimeoutMs;
    }

    /** Deadline for building the whole mesh. */
    public long connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** Deadline for one connection's handshake. */
    public long handshakeTimeoutMs() {
        return handshakeTimeoutMs;
    }

    /** Low write-buffer water mark. */
    public int writeBufferLowBytes() {
        return writeBufferLowBytes;
    }

    /** High write-buffer water mark. */
    public int writeBufferHighBytes() {
        return writeBufferHighBytes;
    }

    /** SO_SNDBUF / SO_RCVBUF, 0 for kernel auto-tuning. */
    public int socketBufferBytes() {
        return socketBufferBytes;
    }

    /** Epoll or NIO. */
    public IoMode ioMode() {
        return ioMode;
    }

    /** TLS settings. */
    public TlsConfig tls() {
        return tls;
    }

    /** How long a waiting thread spins before it blocks, in nanoseconds ({@link SpinPolicy}). */
    public long spinNanos() {
        return spinNanos;
    }

    /** Whether a spinning waiter yields its core between polls ({@link SpinPolicy#yields}). */
    public boolean spinYields() {
        return spinYields;
    }

    /** When connections are opened: on the first message to a peer (lazy), or all at connect (eager). */
    public TransportSettings.ConnectMode connectMode() {
        return connectMode;
    }

    /** Whether large payloads may be read straight into a receive's direct buffer (never with TLS). */
    public boolean zeroCopyReceive() {
        return zeroCopyReceive;
    }

    @Override
    public String toString() {
        return "MeshConfig[rank=" + rank + ", size=" + size + ", jobId=" + jobId
                + ", bind=" + bindHost + ", advertised=" + advertisedHost
                + ", ports=" + firstPort + (lastPort != firstPort ? "-" + lastPort : "")
                + ", maxFrameBytes=" + maxFrameBytes + ", chunkBytes=" + chunkBytes
                + ", heartbeatIntervalMs=" + heartbeatIntervalMs
                + ", heartbeatTimeoutMs=" + heartbeatTimeoutMs
                + ", connectTimeoutMs=" + connectTimeoutMs + ", tls=" + tls.mode()
                + ", ioMode=" + ioMode + ", connect=" + connectMode + "]";
    }

    /** Collects settings; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder {
        private int rank = -1;
        private int size = -1;
        private @Nullable String jobId;
        private byte @Nullable [] secret;
        private String bindHost = DEFAULT_BIND_HOST;
        private @Nullable String advertisedHost;
        private int firstPort = DEFAULT_PORT;
        private int lastPort = DEFAULT_PORT;
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private int chunkBytes = DEFAULT_CHUNK_BYTES;
        private long heartbeatIntervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS;
        private long heartbeatTimeoutMs = DEFAULT_HEARTBEAT_TIMEOUT_MS;
        private long connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
        private long handshakeTimeoutMs = DEFAULT_HANDSHAKE_TIMEOUT_MS;
        private int writeBufferLowBytes = DEFAULT_WRITE_BUFFER_LOW_BYTES;
        private int writeBufferHighBytes = DEFAULT_WRITE_BUFFER_HIGH_BYTES;
        private int socketBufferBytes = DEFAULT_SOCKET_BUFFER_BYTES;
        private IoMode ioMode = IoMode.AUTO;
        private TlsConfig tls = TlsConfig.disabled();
        private boolean zeroCopyReceive = true;
        /** One rank, not pinned: {@link #settings} resolves the real policy. */
        private long spinNanos = SpinPolicy.DEFAULT_SPIN_MICROS * 1000L;

        private boolean spinYields =
                SpinPolicy.yields(null, 1, Runtime.getRuntime().availableProcessors());
        private TransportSettings.ConnectMode connectMode =
                Objects.requireNonNull(TransportSettings.CONNECT.defaultValue());

        private Builder() {}

        /** This endpoint's rank. */
        public Builder rank(int rank) {
            this.rank = rank;
            return this;
        }

        /** Ranks in the job. */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /** Job id. */
        public Builder jobId(String jobId) {
            this.jobId = jobId;
            return this;
        }

        /** Job secret (copied); at least 16 bytes. */
        public Builder secret(byte[] secret) {
            this.secret = secret == null ? null : secret.clone();
            return this;
        }

        /** Address to bind. */
        public Builder bindHost(String bindHost) {
            this.bindHost = bindHost;
            return this;
        }

        /** Address other ranks dial; {@code null} chooses one. */
        public Builder advertisedHost(String advertisedHost) {
            this.advertisedHost = advertisedHost;
            return this;
        }

        /** A single listen port, 0 for ephemeral. */
        public Builder port(int port) {
            this.firstPort = port;
            this.lastPort = port;
            return this;
        }

        /** Tries each port from {@code firstPort} to {@code lastPort} inclusive. */
        public Builder portRange(int firstPort, int lastPort) {
            this.firstPort = firstPort;
            this.lastPort = lastPort;
            return this;
        }

        /** Largest frame accepted from a peer. */
        public Builder maxFrameBytes(int maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        /** Payload bytes per frame; must be below {@code maxFrameBytes}. */
        public Builder chunkBytes(int chunkBytes) {
            this.chunkBytes = chunkBytes;
            return this;
        }

        /** Heartbeat period on an idle connection. */
        public Builder heartbeatIntervalMs(long heartbeatIntervalMs) {
            this.heartbeatIntervalMs = heartbeatIntervalMs;
            return this;
        }

        /** Peer silence (while this rank runs) after which the peer is failed; at least twice the interval. */
        public Builder heartbeatTimeoutMs(long heartbeatTimeoutMs) {
            this.heartbeatTimeoutMs = heartbeatTimeoutMs;
            return this;
        }

        /** Deadline for building the mesh. */
        public Builder connectTimeoutMs(long connectTimeoutMs) {
            this.connectTimeoutMs = connectTimeoutMs;
            return this;
        }

        /** Deadline for one connection's handshake. */
        public Builder handshakeTimeoutMs(long handshakeTimeoutMs) {
            this.handshakeTimeoutMs = handshakeTimeoutMs;
            return this;
        }

        /** Write-buffer water marks that drive backpressure. */
        public Builder writeBufferWaterMarks(int lowBytes, int highBytes) {
            this.writeBufferLowBytes = lowBytes;
            this.writeBufferHighBytes = highBytes;
            return this;
        }

        /** SO_SNDBUF and SO_RCVBUF, 0 for kernel auto-tuning. */
        public Builder socketBufferBytes(int socketBufferBytes) {
            this.socketBufferBytes = socketBufferBytes;
            return this;
        }

        /** Epoll or NIO. */
        public Builder ioMode(IoMode ioMode) {
            this.ioMode = ioMode;
            return this;
        }

        /** TLS settings. */
        public Builder tls(TlsConfig tls) {
            this.tls = tls;
            return this;
        }

        /** When connections are opened (see {@link TransportSettings#CONNECT}). */
        public Builder connectMode(TransportSettings.ConnectMode connectMode) {
            this.connectMode = connectMode;
            return this;
        }

        /** Whether large payloads may be read straight into a receive's direct buffer. */
        public Builder zeroCopyReceive(boolean zeroCopyReceive) {
            this.zeroCopyReceive = zeroCopyReceive;
            return this;
        }

        /** How long a waiting thread spins before it blocks, in nanoseconds. */
        public Builder spinNanos(long spinNanos) {
            this.spinNanos = spinNanos;
            return this;
        }

        /** Whether a spinning waiter yields its core between polls. */
        public Builder spinYields(boolean spinYields) {
            this.spinYields = spinYields;
            return this;
        }

        /**
         * Applies every tunable of {@link TransportSettings} from {@code source} (defaults
         * included), so call it before setting values in code.
         *
         * @throws dev.jmpi.transport.config.ConfigException naming the setting whose value is
         *                                                   malformed, and where it came from
         */
        public Builder settings(ConfigSource source) {
            bindHost = source.get(TransportSettings.BIND_HOST);
            advertisedHost = source.getOrNull(TransportSettings.ADVERTISED_HOST);
            TransportSettings.Ports ports = source.get(TransportSettings.PORT);
            portRange(ports.first(), ports.last());
            maxFrameBytes = source.get(TransportSettings.MAX_FRAME_BYTES).intValue();
            chunkBytes = source.get(TransportSettings.CHUNK_BYTES).intValue();
            heartbeatIntervalMs =
                    source.get(TransportSettings.HEARTBEAT_INTERVAL).toMillis();
            heartbeatTimeoutMs = source.get(TransportSettings.HEARTBEAT_TIMEOUT).toMillis();
            connectTimeoutMs = source.get(TransportSettings.CONNECT_TIMEOUT).toMillis();
            handshakeTimeoutMs = source.get(TransportSettings.HANDSHAKE_TIMEOUT).toMillis();
            writeBufferLowBytes =
                    source.get(TransportSettings.WRITE_BUFFER_LOW_BYTES).intValue();
            writeBufferHighBytes =
                    source.get(TransportSettings.WRITE_BUFFER_HIGH_BYTES).intValue();
            socketBufferBytes =
                    source.get(TransportSettings.SOCKET_BUFFER_BYTES).intValue();
            ioMode = source.get(TransportSettings.IO_MODE);
            connectMode = source.get(TransportSettings.CONNECT);
            zeroCopyReceive = source.get(TransportSettings.ZERO_COPY_RECEIVE);
            tls = tls(source);
            long hostCores = source.get(TransportSettings.HOST_CORES);
            int jvmCores = Runtime.getRuntime().availableProcessors();
            int cores = hostCores > 0 ? (int) Math.min(Integer.MAX_VALUE, hostCores) : jvmCores;
            spinNanos = SpinPolicy.spinNanos(
                    source.getOrNull(TransportSettings.SPIN),
                    source.get(TransportSettings.LOCAL_SIZE),
                    cores,
                    AllowedCpus.count(jvmCores));
            spinYields = SpinPolicy.yields(
                    source.get(TransportSettings.SPIN_YIELD).orElse(null),
                    source.get(TransportSettings.LOCAL_SIZE),
                    cores);
            requireTogether(
                    source,
                    heartbeatTimeoutMs >= 2 * heartbeatIntervalMs,
                    TransportSettings.HEARTBEAT_TIMEOUT,
                    TransportSettings.HEARTBEAT_INTERVAL,
                    ">= 2 * " + TransportSettings.HEARTBEAT_INTERVAL.key());
            requireTogether(
                    source,
                    writeBufferHighBytes > writeBufferLowBytes,
                    TransportSettings.WRITE_BUFFER_HIGH_BYTES,
                    TransportSettings.WRITE_BUFFER_LOW_BYTES,
                    "> " + TransportSettings.WRITE_BUFFER_LOW_BYTES.key());
            requireTogether(
                    source,
                    chunkBytes <= maxFrameBytes - FrameEncoder.MAX_HEADER_OVERHEAD_BYTES,
                    TransportSettings.CHUNK_BYTES,
                    TransportSettings.MAX_FRAME_BYTES,
                    "<= " + TransportSettings.MAX_FRAME_BYTES.key() + " - " + FrameEncoder.MAX_HEADER_OVERHEAD_BYTES);
            return this;
        }

        private static String text(@Nullable Object value) {
            return value instanceof java.time.Duration d ? Units.formatDuration(d) : String.valueOf(value);
        }

        /** Fails naming both settings, their values and where each came from, unless {@code ok}. */
        private static void requireTogether(
                ConfigSource source, boolean ok, Setting<?> setting, Setting<?> other, String expected) {
            if (!ok) {
                ConfigSource.Resolved<?> a = source.resolve(setting);
                ConfigSource.Resolved<?> b = source.resolve(other);
                throw new ConfigException(setting.key() + "=" + text(a.value()) + " (" + a.origin() + ") with "
                        + other.key() + "=" + text(b.value()) + " (" + b.origin() + ") (expected: " + setting.key()
                        + " " + expected + ")");
            }
        }

        private static TlsConfig tls(ConfigSource source) {
            switch (source.get(TransportSettings.TLS)) {
                case OFF:
                    return TlsConfig.disabled();
                case JOB:
                    return TlsConfig.jobCertificate();
                default:
                    String keyPath = source.getOrNull(TransportSettings.TLS_KEY_STORE);
                    if (keyPath == null) {
                        throw new ConfigException(TransportSettings.TLS.key() + "=keystore needs "
                                + TransportSettings.TLS_KEY_STORE.key() + " (expected: a PKCS12 file)");
                    }
                    char[] password = source.get(TransportSettings.TLS_PASSWORD).toCharArray();
                    KeyStore keys = loadStore(Path.of(keyPath), password);
                    String trustPath = source.getOrNull(TransportSettings.TLS_TRUST_STORE);
                    KeyStore trust = trustPath == null ? keys : loadStore(Path.of(trustPath), password);
                    return TlsConfig.keyStore(keys, password, trust);
            }
        }

        private static KeyStore loadStore(Path path, char[] password) {
            try (InputStream in = Files.newInputStream(path)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, password);
                return ks;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException(
                        "cannot load PKCS12 store " + path + " (password from $" + TransportSettings.TLS_PASSWORD.env()
                                + "): " + e.getMessage(),
                        e);
            }
        }

        /**
         * Validates every setting and builds the configuration.
         *
         * @throws IllegalArgumentException naming the first invalid setting, its value and
         *                                  what was expected
         */
        public MeshConfig build() {
            check(size >= 1, "size=" + size + " (expected: >= 1)");
            check(rank >= 0 && rank < size, "rank=" + rank + " (expected: 0 <= rank < size=" + size + ")");
            String job = jobId;
            byte[] key = secret;
            if (job == null || job.isEmpty()) {
                throw new IllegalArgumentException(
                        "invalid MeshConfig: jobId=" + job + " (expected: a non-empty string)");
            }
            if (key == null || key.length < 16) {
                throw new IllegalArgumentException("invalid MeshConfig: secret of "
                        + (key == null ? "null" : key.length + " bytes") + " (expected: >= 16 bytes)");
            }
            Objects.requireNonNull(bindHost, "bindHost");
            check(firstPort >= 0 && firstPort <= 65535, "firstPort=" + firstPort + " (expected: 0..65535)");
            check(
                    lastPort >= firstPort && lastPort <= 65535,
                    "lastPort=" + lastPort + " (expected: firstPort=" + firstPort + " <= lastPort <= 65535)");
            check(
                    firstPort != 0 || lastPort == 0,
                    "port range " + firstPort + "-" + lastPort
                            + " (expected: a range of non-zero ports, or 0 for ephemeral)");
            check(maxFrameBytes >= 1024, "maxFrameBytes=" + maxFrameBytes + " (expected: >= 1024)");
            check(
                    chunkBytes >= 1 && chunkBytes <= maxFrameBytes - FrameEncoder.MAX_HEADER_OVERHEAD_BYTES,
                    "chunkBytes=" + chunkBytes + " (expected: 1 <= chunkBytes <= maxFrameBytes - "
                            + FrameEncoder.MAX_HEADER_OVERHEAD_BYTES + " = "
                            + (maxFrameBytes - FrameEncoder.MAX_HEADER_OVERHEAD_BYTES) + ")");
            check(heartbeatIntervalMs >= 1, "heartbeatIntervalMs=" + heartbeatIntervalMs + " (expected: >= 1)");
            check(
                    heartbeatTimeoutMs >= 2 * heartbeatIntervalMs,
                    "heartbeatTimeoutMs=" + heartbeatTimeoutMs + " (expected: >= 2 * heartbeatIntervalMs="
                            + 2 * heartbeatIntervalMs + ")");
            check(connectTimeoutMs >= 1, "connectTimeoutMs=" + connectTimeoutMs + " (expected: >= 1)");
            check(handshakeTimeoutMs >= 1, "handshakeTimeoutMs=" + handshakeTimeoutMs + " (expected: >= 1)");
            check(
                    writeBufferLowBytes >= 1 && writeBufferHighBytes > writeBufferLowBytes,
                    "writeBufferWaterMarks low=" + writeBufferLowBytes + " high=" + writeBufferHighBytes
                            + " (expected: 1 <= low < high)");
            check(socketBufferBytes >= 0, "socketBufferBytes=" + socketBufferBytes + " (expected: >= 0)");
            Objects.requireNonNull(ioMode, "ioMode");
            Objects.requireNonNull(connectMode, "connectMode");
            Objects.requireNonNull(tls, "tls");
            String advertised = advertisedHost;
            if (advertised == null || advertised.isEmpty()) {
                advertised = AdvertisedAddress.isWildcard(bindHost) ? AdvertisedAddress.choose(null) : bindHost;
            }
            return new MeshConfig(this, job, key, advertised);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("invalid MeshConfig: " + message);
            }
        }
    }
}
