package dev.jmpi.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Decides whether a host named by the user is this machine (ranks forked directly) or
 * another one (ranks started over ssh), and checks that every host resolves. A name that
 * DNS does not know may still be an alias in the ssh configuration; {@code ssh -G} is asked
 * for the real host name before the name is declared unresolvable.
 */
final class HostResolver {

    private final List<String> sshCommand;

    HostResolver(List<String> sshCommand) {
        this.sshCommand = sshCommand;
    }

    /** This machine's host name, as jmpirun reports it. */
    static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Whether {@code host} is this machine; throws {@link UsageException} if it does not resolve.
     *
     * @param origin where the host was declared, for the message
     */
    boolean isLocal(String host, String origin) {
        String name = stripUser(host);
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.equals(localHostName().toLowerCase(Locale.ROOT))) {
            return true;
        }
        InetAddress[] addresses = resolve(name, origin);
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() || address.isAnyLocalAddress() || isInterfaceAddress(address)) {
                return true;
            }
        }
        return false;
    }

    private InetAddress[] resolve(String name, String origin) {
        try {
            return InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            String real = sshHostName(name);
            if (real != null && !real.equalsIgnoreCase(name)) {
                try {
                    return InetAddress.getAllByName(real);
                } catch (UnknownHostException e2) {
                    throw unresolvable(name + " (ssh config: " + real + ")", origin);
                }
            }
            throw unresolvable(name, origin);
        }
    }

    private static UsageException unresolvable(String name, String origin) {
        return new UsageException(
                "cannot resolve host " + name + " (from " + origin + "); check the name, DNS or /etc/hosts");
    }

    private static boolean isInterfaceAddress(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private String sshHostName(String alias) {
        if (sshCommand.isEmpty() || !sshCommand.get(0).endsWith("ssh")) {
            return null;
        }
        List<String> cmd = new ArrayList<>(sshCommand);
        cmd.add("-G");
        cmd.add(alias);
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return null;
            }
            for (String line : out.split("\n")) {
                if (line.startsWith("hostname ")) {
                    return line.substring("hostname ".length()).trim();
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** {@code user@host} → {@code host}; brackets of {@code [v6]} removed. */
    static String stripUser(String host) {
        String name = host.substring(host.indexOf('@') + 1);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name;
    }
}
