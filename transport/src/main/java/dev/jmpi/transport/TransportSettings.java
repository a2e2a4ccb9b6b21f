package dev.jmpi.transport;

import dev.jmpi.transport.config.Setting;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The transport's settings ({@link MeshConfig} and {@link SpinPolicy}), read through a
 * {@link dev.jmpi.transport.config.ConfigSource} by {@link MeshConfig.Builder#settings}.
 * Every rank of a job should use the same values.
 */
public final class TransportSettings {

    private static final String MESH = "transport";

    /** Address the listener binds. */
    public static final Setting<String> BIND_HOST = Setting.text(
            MESH,
            "jmpi.bindHost",
            MeshConfig.DEFAULT_BIND_HOST,
            "host",
            "Address the listener binds (all interfaces by default); jmpirun's JMPI_BIND wins.");
    /** Address other ranks dial. */
    public static final Setting<String> ADVERTISED_HOST = Setting.text(
                    MESH,
                    "jmpi.advertisedHost",
                    null,
                    "host",
                    "Address other ranks dial; default: the bind host, or a non-loopback address when binding all.")
            .defaultText("chosen");
    /** Listen port or range. */
    public static final Setting<Ports> PORT = Setting.of(
            MESH,
            "jmpi.port",
            new Ports(0, 0),
            "0",
            "port",
            "a port, or first-last with 1 <= first <= last <= 65535",
            new Parser<>(Parser.PORTS),
            "Listen port, or first-last to take the first free port of a range; 0 is ephemeral.");
    /** Largest frame accepted from a peer. */
    public static final Setting<Long> MAX_FRAME_BYTES = Setting.bytes(
                    MESH,
                    "jmpi.maxFrameBytes",
                    MeshConfig.DEFAULT_MAX_FRAME_BYTES,
                    "Largest frame accepted from a peer; a bigger one closes that connection.")
            .range(1024, Integer.MAX_VALUE, ">= 1k and < 2g");
    /** Payload bytes per frame. */
    public static final Setting<Long> CHUNK_BYTES = Setting.bytes(
                    MESH,
                    "jmpi.chunkBytes",
                    MeshConfig.DEFAULT_CHUNK_BYTES,
                    "Payload bytes per frame; larger messages are sent in chunks of this size.")
            .range(1, Integer.MAX_VALUE, ">= 1 and < 2g");
    /** Heartbeat period. */
    public static final Setting<Duration> HEARTBEAT_INTERVAL = Setting.duration(
                    MESH,
                    "jmpi.heartbeatInterval",
                    Duration.ofMillis(MeshConfig.DEFAULT_HEARTBEAT_INTERVAL_MS),
                    ChronoUnit.MILLIS,
                    "Heartbeat period on an idle connection.")
            .aliases("jmpi.heartbeatIntervalMs")
            .atLeast(Duration.ofMillis(1), ">= 1ms");
    /** Peer silence after which the peer is failed. */
    public static final Setting<Duration> HEARTBEAT_TIMEOUT = Setting.duration(
                    MESH,
                    "jmpi.heartbeatTimeout",
                    Duration.ofMillis(MeshConfig.DEFAULT_HEARTBEAT_TIMEOUT_MS),
                    ChronoUnit.MILLIS,
                    "Silence of a peer, while this rank runs, after which the peer is declared failed; "
                            + ">= 2 heartbeat intervals.")
            .aliases("jmpi.heartbeatTimeoutMs")
            .atLeast(Duration.ofMillis(1), ">= 1ms");
    /** Deadline for building the mesh. */
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration(
                    MESH,
                    "jmpi.connectTimeout",
                    Duration.ofMillis(MeshConfig.DEFAULT_CONNECT_TIMEOUT_MS),
                    ChronoUnit.MILLIS,
                    "Time to build the mesh (dials retry until then); under Jmpi.init the join timeout is used instead.")
            .aliases("jmpi.connectTimeoutMs")
            .atLeast(Duration.ofMillis(1), ">= 1ms");
    /** Deadline for one handshake. */
    public static final Setting<Duration> HANDSHAKE_TIMEOUT = Setting.duration(
                    MESH,
                    "jmpi.handshakeTimeout",
                    Duration.ofMillis(MeshConfig.DEFAULT_HANDSHAKE_TIMEOUT_MS),
                    ChronoUnit.MILLIS,
                    "Time a new connection has to complete the handshake.")
            .aliases("jmpi.handshakeTimeoutMs")
            .atLeast(Duration.ofMillis(1), ">= 1ms");
    /** Low write-buffer water mark. */
    public static final Setting<Long> WRITE_BUFFER_LOW_BYTES = Setting.bytes(
                    MESH,
                    "jmpi.writeBufferLowBytes",
                    MeshConfig.DEFAULT_WRITE_BUFFER_LOW_BYTES,
                    "Queued outbound bytes below which a backpressured sender resumes.")
            .range(1, Integer.MAX_VALUE, ">= 1 and < 2g");
    /** High write-buffer water mark. */
    public static final Setting<Long> WRITE_BUFFER_HIGH_BYTES = Setting.bytes(
                    MESH,
                    "jmpi.writeBufferHighBytes",
                    MeshConfig.DEFAULT_WRITE_BUFFER_HIGH_BYTES,
                    "Queued outbound bytes above which senders wait.")
            .range(1, Integer.MAX_VALUE, ">= 1 and < 2g");
    /** SO_SNDBUF and SO_RCVBUF. */
    public static final Setting<Long> SOCKET_BUFFER_BYTES = Setting.bytes(
                    MESH,
                    "jmpi.socketBufferBytes",
                    MeshConfig.DEFAULT_SOCKET_BUFFER_BYTES,
                    "SO_SNDBUF and SO_RCVBUF; 0 keeps the kernel's auto-tuning.")
            .range(Long.MIN_VALUE, Integer.MAX_VALUE, "< 2g");
    /** Epoll or NIO. */
    public static final Setting<MeshConfig.IoMode> IO_MODE = Setting.of(
            MESH,
            "jmpi.ioMode",
            MeshConfig.IoMode.AUTO,
            "auto",
            "auto, epoll or nio",
            "auto, epoll or nio",
            new Parser<>(Parser.IO_MODE),
            "Event loops: native epoll where available (auto), or always epoll, or Java NIO.");
    /** When connections to peers are opened. */
    public static final Setting<ConnectMode> CONNECT = Setting.of(
            MESH,
            "jmpi.connect",
            ConnectMode.LAZY,
            "lazy",
            "lazy or eager",
            "lazy or eager",
            new Parser<>(Parser.CONNECT),
            "When connections to peers are opened: lazy, on the first message to a peer (a job opens only the "
                    + "connections it uses); eager, every connection at init (a peer that cannot be reached fails "
                    + "init instead of the first send to it).");
    /** TLS mode. */
    public static final Setting<TlsMode> TLS = Setting.of(
            MESH,
            "jmpi.tls",
            TlsMode.OFF,
            "off",
            "off, job or keystore",
            "off, job or keystore (1 or true: job; 0 or false: off)",
            new Parser<>(Parser.TLS),
            "TLS on every connection: off; job (a certificate derived from the job secret; jmpirun --tls sets "
                    + "JMPI_TLS=1); keystore (jmpi.tls.keyStore).");
    /** Key store for {@code jmpi.tls=keystore}. */
    public static final Setting<String> TLS_KEY_STORE =
            Setting.text(MESH, "jmpi.tls.keyStore", null, "file", "PKCS12 key store for jmpi.tls=keystore.");
    /** Trust store for {@code jmpi.tls=keystore}. */
    public static final Setting<String> TLS_TRUST_STORE = Setting.text(
                    MESH,
                    "jmpi.tls.trustStore",
                    null,
                    "file",
                    "PKCS12 trust store for jmpi.tls=keystore; default: the key store.")
            .defaultText("the key store");
    /** Store password: environment only, never on a command line. */
    public static final Setting<String> TLS_PASSWORD = Setting.text(
                    MESH,
                    "jmpi.tls.password",
                    "",
                    "secret",
                    "Password of the PKCS12 stores. Environment only, so that it never shows on a command line.")
            .environmentOnly()
            .defaultText("empty");
    /** How long a waiting thread spins before it blocks. */
    public static final Setting<Duration> SPIN = Setting.duration(
                    MESH, "jmpi.spin", null, ChronoUnit.MICROS, "How long a waiting thread spins before it blocks.")
            .aliases("jmpi.spinMicros", "JMPI_SPIN_MICROS")
            .defaultText("auto: " + SpinPolicy.DEFAULT_BOUND_SPIN_MICROS
                    + "us if every rank on the host has a core and this one is bound to its own (jmpirun's binding), "
                    + SpinPolicy.DEFAULT_SPIN_MICROS + "us if not bound, else " + SpinPolicy.DEFAULT_YIELD_SPIN_MICROS
                    + "us yielding (see jmpi.spinYield)");
    /** Whether a spinning waiter yields its core between polls. */
    public static final Setting<Optional<Boolean>> SPIN_YIELD = Setting.of(
            MESH,
            "jmpi.spinYield",
            Optional.empty(),
            "auto: true if the host has more ranks (jmpi.localSize) than cores, else false",
            "flag",
            "auto, true or false",
            new Parser<>(Parser.AUTO_FLAG),
            "Whether a waiting thread yields its core (sched_yield) between polls while it spins, as Open MPI"
                    + " does when oversubscribed: on a host with more ranks than cores a busy spinner takes the"
                    + " core of the rank it waits for, and blocking pays a wake-up (tens of microseconds) at every"
                    + " step of a collective; polling with yields gives the core to a rank with work and still"
                    + " sees the message without a wake-up.");
    /** Whether large payloads may be read straight into the receive's own direct buffer. */
    public static final Setting<Boolean> ZERO_COPY_RECEIVE = Setting.flag(
            MESH,
            "jmpi.zeroCopyReceive",
            true,
            "Put the payload of a large message (64 KiB and more: rendezvous pieces, and eager messages whose"
                    + " receive is already posted) in place while it arrives: read straight from the socket into a"
                    + " receive's direct ByteBuffer, copied into any other buffer as each read comes. Never with"
                    + " TLS. Off: a payload comes whole in transport buffers and is copied then.");
    /** Ranks on this host. */
    public static final Setting<Long> LOCAL_SIZE = Setting.number(
                    MESH, "jmpi.localSize", 1, "Ranks on this host (jmpirun sets it); decides the default spin.")
            .range(1, Long.MAX_VALUE, ">= 1");

    public static final Setting<Long> HOST_CORES = Setting.number(
                    MESH,
                    "jmpi.hostCores",
                    0,
                    "CPUs the host gives its ranks (jmpirun sets it; a rank bound to its share of them sees"
                            + " fewer); with jmpi.localSize decides the default spin. 0: this JVM's CPU count.")
            .range(0, Long.MAX_VALUE, ">= 0");

    /** Every transport setting. */
    public static final List<Setting<?>> ALL = List.of(
            BIND_HOST,
            ADVERTISED_HOST,
            PORT,
            MAX_FRAME_BYTES,
            CHUNK_BYTES,
            HEARTBEAT_INTERVAL,
            HEARTBEAT_TIMEOUT,
            CONNECT_TIMEOUT,
            HANDSHAKE_TIMEOUT,
            WRITE_BUFFER_LOW_BYTES,
            WRITE_BUFFER_HIGH_BYTES,
            SOCKET_BUFFER_BYTES,
            IO_MODE,
            CONNECT,
            TLS,
            TLS_KEY_STORE,
            TLS_TRUST_STORE,
            TLS_PASSWORD,
            SPIN,
            SPIN_YIELD,
            ZERO_COPY_RECEIVE,
            LOCAL_SIZE,
            HOST_CORES);

    private TransportSettings() {}

    /**
     * The parsers above as one class, not a method reference each: every rank and jmpirun
     * initialise these settings at start-up, where each lambda call site's first run costs about
     * twice a class's load (issue 16; see {@link Setting#range}).
     */
    private static final class Parser<T> implements Function<String, T> {
        static final int IO_MODE = 0;
        static final int CONNECT = 1;
        static final int TLS = 2;
        static final int AUTO_FLAG = 3;
        static final int PORTS = 4;

        private final int kind;

        Parser(int kind) {
            this.kind = kind;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T apply(String s) {
            Object v = switch (kind) {
                case IO_MODE -> MeshConfig.IoMode.valueOf(s.trim().toUpperCase(Locale.ROOT));
                case CONNECT -> ConnectMode.parse(s);
                case TLS -> TlsMode.parse(s);
                case AUTO_FLAG -> parseAutoFlag(s);
                case PORTS -> Ports.parse(s);
                default -> throw new IllegalStateException("parser " + kind);
            };
            return (T) v;
        }
    }

    /** {@code auto} (empty: decided by {@link SpinPolicy}), or a flag. */
    private static Optional<Boolean> parseAutoFlag(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> Optional.empty();
            case "true", "1", "yes", "on" -> Optional.of(Boolean.TRUE);
            case "false", "0", "no", "off" -> Optional.of(Boolean.FALSE);
            default -> throw new IllegalArgumentException(s);
        };
    }

    /**
     * A listen port or range.
     *
     * @param first first port to try (0: ephemeral)
     * @param last  last port to try
     */
    public record Ports(int first, int last) {

        static Ports parse(String v) {
            int dash = v.indexOf('-');
            Ports p = dash < 0
                    ? new Ports(Integer.parseInt(v.trim()), Integer.parseInt(v.trim()))
                    : new Ports(
                            Integer.parseInt(v.substring(0, dash).trim()),
                            Integer.parseInt(v.substring(dash + 1).trim()));
            if (p.first < 0 || p.last < p.first || p.last > 65535 || (p.first == 0 && p.last != 0)) {
                throw new IllegalArgumentException(v);
            }
            return p;
        }
    }

    /** When connections to peers are opened. */
    public enum ConnectMode {
        /** On the first message to a peer, by the sender; the lower rank's dial wins a simultaneous one. */
        LAZY,
        /** All at init: every rank dials every lower rank, and init waits for all of them. */
        EAGER;

        static ConnectMode parse(String v) {
            return valueOf(v.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** How connections are secured. */
    public enum TlsMode {
        /** Plain TCP (HMAC-authenticated handshake). */
        OFF,
        /** TLS with a certificate derived from the job secret. */
        JOB,
        /** TLS with the certificates of a PKCS12 key store. */
        KEYSTORE;

        static TlsMode parse(String v) {
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "off", "false", "0" -> OFF;
                case "job", "true", "1" -> JOB;
                case "keystore" -> KEYSTORE;
                default -> throw new IllegalArgumentException(v);
            };
        }
    }
}
