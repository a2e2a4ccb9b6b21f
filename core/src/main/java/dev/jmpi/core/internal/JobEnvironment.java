package dev.jmpi.core.internal;

import dev.jmpi.InvalidArgumentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything a rank must know to join its job, read from the environment jmpirun (or
 * another launcher) sets. Validated in one place; messages name the variable.
 *
 * @param rank            this process's rank
 * @param size            number of ranks
 * @param jobId           job identity, checked in every handshake
 * @param secret          job secret for HMAC authentication
 * @param rendezvousHost  host of the rendezvous service
 * @param rendezvousPort  port of the rendezvous service
 * @param hostRendezvous  true if rank 0 must host the rendezvous service itself (no launcher)
 * @param bindHost        address to listen on, or null for the default
 * @param advertisedHost  address other ranks dial, or null to pick one
 * @param firstPort       first listen port (0 = ephemeral)
 * @param lastPort        last listen port of the range
 * @param tls             whether connections use TLS
 * @param timeout         default operation timeout (ZERO = none)
 * @param launched        true under a launcher: abort ends the process
 * @param source          which launcher or engine the values came from, for messages
 */
@SuppressWarnings("ArrayRecordComponent") // never compared: secret is only passed on to the mesh
public record JobEnvironment(
        int rank,
        int size,
        String jobId,
        byte[] secret,
        String rendezvousHost,
        int rendezvousPort,
        boolean hostRendezvous,
        @Nullable String bindHost,
        @Nullable String advertisedHost,
        int firstPort,
        int lastPort,
        boolean tls,
        Duration timeout,
        boolean launched,
        String source) {

    /** Variable naming this rank. */
    public static final String RANK = "JMPI_RANK";
    /** Variable naming the number of ranks. */
    public static final String SIZE = "JMPI_SIZE";
    /** Variable naming the job id. */
    public static final String JOB_ID = "JMPI_JOB_ID";
    /** {@code host:port} of the rendezvous service. */
    public static final String RENDEZVOUS = "JMPI_RENDEZVOUS";
    /** Set to 1 when rank 0 must host the rendezvous service (no launcher). */
    public static final String RENDEZVOUS_HOSTED = "JMPI_RENDEZVOUS_HOSTED_BY_RANK0";
    /** Base64 job secret. */
    public static final String SECRET = "JMPI_SECRET";
    /** File holding the base64 job secret. */
    public static final String SECRET_FILE = "JMPI_SECRET_FILE";
    /** Set to 1 when the secret is the first line of standard input (SSH launch). */
    public static final String SECRET_STDIN = "JMPI_SECRET_STDIN";
    /** Address to bind. */
    public static final String BIND = "JMPI_BIND";
    /** Address to advertise. */
    public static final String ADVERTISE = "JMPI_ADVERTISE";
    /** Fixed listen port. */
    public static final String PORT = "JMPI_PORT";
    /** Listen port range {@code first-last}. */
    public static final String PORT_RANGE = "JMPI_PORT_RANGE";
    /** Set to 1 for TLS. */
    public static final String TLS = "JMPI_TLS";
    /** Default operation timeout, e.g. {@code 30s}, {@code 5m}, {@code 0} (none). */
    public static final String TIMEOUT = "JMPI_TIMEOUT";
    /** Set to 1 by jmpirun. */
    public static final String LAUNCHED = "JMPI_LAUNCHED";

    /**
     * The job description variables and what each holds, for {@code docs/configuration.md}:
     * not settings (no property, no default to tune) but what a launcher tells each rank.
     */
    public static final List<Map.Entry<String, String>> VARIABLES = List.of(
            Map.entry(RANK, "This process's rank, 0 <= rank < size."),
            Map.entry(SIZE, "Number of ranks; its presence (with JMPI_RANK) makes the program join a job."),
            Map.entry(JOB_ID, "Job identity, checked in every handshake (default jmpi-job)."),
            Map.entry(RENDEZVOUS, "host:port of the rendezvous service."),
            Map.entry(RENDEZVOUS_HOSTED, "1: rank 0 hosts the rendezvous itself (no launcher)."),
            Map.entry(
                    JobSources.RENDEZVOUS_PORT,
                    "Port of the rendezvous rank 0 hosts under Slurm "
                            + "(default: derived from the job and step ids)."),
            Map.entry(SECRET, "Base64 job secret (HMAC authentication of every connection)."),
            Map.entry(SECRET_FILE, "File holding the base64 job secret."),
            Map.entry(SECRET_STDIN, "1: the secret is the first line of standard input (SSH launch)."),
            Map.entry(BIND, "Address to listen on; beats jmpi.bindHost."),
            Map.entry(ADVERTISE, "Address other ranks dial; beats jmpi.advertisedHost."),
            Map.entry(PORT, "Fixed listen port."),
            Map.entry(PORT_RANGE, "Listen port range first-last."),
            Map.entry(TLS, "1: TLS with the job certificate (jmpirun --tls); same as jmpi.tls=job."),
            Map.entry(
                    TIMEOUT,
                    "Default operation timeout, a duration such as 30s or 5m (a bare number is seconds); "
                            + "0 for none; jmpirun --op-timeout."),
            Map.entry(
                    LAUNCHED, "1 under jmpirun: an abort ends the process, and the rank keeps a lifeline to jmpirun."),
            Map.entry("JMPI_LOCAL_RANK", "This rank's index among the ranks on its host (jmpirun sets it)."));

    /** True if the environment names a jmpi job (else the program runs as a singleton). */
    public static boolean present(Map<String, String> env) {
        return env.containsKey(RANK);
    }

    /**
     * Reads the job from jmpirun-style variables.
     *
     * @param stdin read only when {@code JMPI_SECRET_STDIN=1}: its first line is the secret
     */
    public static JobEnvironment fromJmpiVariables(Map<String, String> env, InputStream stdin) {
        Function<String, String> get = env::get;
        int size = intVar(get, SIZE, 1, Integer.MAX_VALUE);
        int rank = intVar(get, RANK, 0, size - 1);
        String rendezvous = required(get, RENDEZVOUS, "host:port of the rendezvous service");
        int colon = rendezvous.lastIndexOf(':');
        if (colon <= 0) {
            throw new InvalidArgumentException(RENDEZVOUS + "=" + rendezvous + " (expected: host:port)");
        }
        String host = rendezvous.substring(0, colon).replace("[", "").replace("]", "");
        int port = parseInt(RENDEZVOUS + " port", rendezvous.substring(colon + 1), 1, 65535);
        int[] ports = ports(get);
        return new JobEnvironment(
                rank,
                size,
                env.getOrDefault(JOB_ID, "jmpi-job"),
                secret(get, stdin),
                host,
                port,
                "1".equals(env.get(RENDEZVOUS_HOSTED)),
                env.get(BIND),
                env.get(ADVERTISE),
                ports[0],
                ports[1],
                "1".equals(env.get(TLS)),
                durationVar(get, TIMEOUT),
                "1".equals(env.get(LAUNCHED)),
                "JMPI_* variables");
    }

    static int[] ports(Function<String, String> get) {
        String range = get.apply(PORT_RANGE);
        if (range != null && !range.isBlank()) {
            String[] parts = range.trim().split("-");
            if (parts.length != 2) {
                throw new InvalidArgumentException(
                        PORT_RANGE + "=" + range + " (expected: first-last, e.g. 7100-7199)");
            }
            int first = parseInt(PORT_RANGE, parts[0], 1, 65535);
            int last = parseInt(PORT_RANGE, parts[1], first, 65535);
            return new int[] {first, last};
        }
        String port = get.apply(PORT);
        if (port != null && !port.isBlank()) {
            int p = parseInt(PORT, port, 0, 65535);
            return new int[] {p, p};
        }
        return new int[] {0, 0};
    }

    static byte[] secret(Function<String, String> get, InputStream stdin) {
        String b64 = get.apply(SECRET);
        if (b64 == null && get.apply(SECRET_FILE) != null) {
            try {
                b64 = Files.readString(Path.of(get.apply(SECRET_FILE))).trim();
            } catch (IOException e) {
                throw new InvalidArgumentException(SECRET_FILE + "=" + get.apply(SECRET_FILE)
                        + " cannot be read (expected: a readable file holding the base64 secret): " + e.getMessage());
            }
        }
        if (b64 == null && "1".equals(get.apply(SECRET_STDIN))) {
            b64 = firstLine(stdin);
        }
        if (b64 == null || b64.isBlank()) {
            throw new InvalidArgumentException("no job secret (expected: " + SECRET + ", " + SECRET_FILE + " or "
                    + SECRET_STDIN + "=1; jmpirun sets it for you)");
        }
        try {
            return Base64.getDecoder().decode(b64.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("job secret is not base64 (expected: base64 of random bytes)");
        }
    }

    /** Reads one line byte by byte, so the rest of stdin stays for the program. */
    private static String firstLine(InputStream in) {
        StringBuilder b = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                b.append((char) c);
            }
        } catch (IOException e) {
            throw new InvalidArgumentException(SECRET_STDIN + "=1 but stdin could not be read: " + e.getMessage());
        }
        return b.toString().trim();
    }

    static int intVar(Function<String, String> get, String name, int min, int max) {
        return parseInt(name, required(get, name, "an integer"), min, max);
    }

    static String required(Function<String, String> get, String name, String what) {
        String v = get.apply(name);
        if (v == null || v.isBlank()) {
            throw new InvalidArgumentException(
                    name + " is not set (expected: " + what + "; start the program with jmpirun -n N ...)");
        }
        return v.trim();
    }

    static int parseInt(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException(
                    name + "=" + value + " (expected: an integer in " + min + ".." + max + ")");
        }
    }

    static Duration durationVar(Function<String, String> get, String name) {
        String v = get.apply(name);
        if (v == null || v.isBlank()) {
            return Duration.ZERO;
        }
        return Durations.parse(name, v);
    }

    /** The secret as text for child environments. */
    public String secretBase64() {
        return Base64.getEncoder().encodeToString(secret);
    }

    @Override
    public String toString() {
        return "JobEnvironment[rank=" + rank + ", size=" + size + ", job=" + jobId + ", rendezvous=" + rendezvousHost
                + ":" + rendezvousPort + ", from " + source + "]";
    }
}
