package dev.jmpi.launcher.apps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Test rank: prints what jmpirun gave it, one {@code key=value} line each, prefixed with its rank.
 * Reads the secret from stdin when {@code JMPI_SECRET_STDIN=1}, as the core's bootstrap does.
 * Arguments are names of extra environment variables to print.
 */
public final class PrintEnv {

    private PrintEnv() {}

    public static void main(String[] args) throws IOException {
        String rank = System.getenv("JMPI_RANK");
        StringBuilder sb = new StringBuilder();
        for (String name : new String[] {
            "JMPI_RANK",
            "JMPI_SIZE",
            "JMPI_LOCAL_RANK",
            "JMPI_LOCAL_SIZE",
            "JMPI_JOB_ID",
            "JMPI_RENDEZVOUS",
            "JMPI_LAUNCHED",
            "JMPI_HOSTNAME",
            "JMPI_BIND",
            "JMPI_ADVERTISE",
            "JMPI_PORT_RANGE",
            "JMPI_TLS",
            "JMPI_TIMEOUT",
            "JMPI_SECRET_STDIN",
            "JMPI_HOST_CORES"
        }) {
            sb.append(rank)
                    .append(' ')
                    .append(name)
                    .append('=')
                    .append(System.getenv(name))
                    .append('\n');
        }
        String secret = System.getenv("JMPI_SECRET");
        String from = "env";
        if ("1".equals(System.getenv("JMPI_SECRET_STDIN"))) {
            secret = firstLine(System.in);
            from = "stdin";
        }
        sb.append(rank).append(" secret.from=").append(from).append('\n');
        sb.append(rank)
                .append(" secret.length=")
                .append(secret == null ? -1 : secret.length())
                .append('\n');
        sb.append(rank).append(" secret=").append(secret).append('\n');
        sb.append(rank).append(" pid=").append(ProcessHandle.current().pid()).append('\n');
        sb.append(rank).append(" cpus=").append(allowedCpus()).append('\n');
        sb.append(rank).append(" cwd=").append(Path.of("").toAbsolutePath()).append('\n');
        sb.append(rank)
                .append(" cmdline=")
                .append(ProcessHandle.current().info().commandLine().orElse(""))
                .append('\n');
        sb.append(rank)
                .append(" prop=")
                .append(System.getProperty("jmpi.test.prop"))
                .append('\n');
        for (String name : args) {
            sb.append(rank)
                    .append(" env.")
                    .append(name)
                    .append('=')
                    .append(System.getenv(name))
                    .append('\n');
        }
        System.out.print(sb);
        System.out.flush();
    }

    /** The kernel's {@code Cpus_allowed_list} of this process, or "unknown". */
    private static String allowedCpus() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!java.nio.file.Files.exists(status)) {
            return "unknown";
        }
        for (String line : java.nio.file.Files.readAllLines(status)) {
            if (line.startsWith("Cpus_allowed_list:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static String firstLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.append((char) c);
        }
        return b.toString();
    }
}
