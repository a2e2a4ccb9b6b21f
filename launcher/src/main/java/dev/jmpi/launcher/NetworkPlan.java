package dev.jmpi.launcher;

import dev.jmpi.transport.rendezvous.AdvertisedAddress;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the launcher's rendezvous listens and is advertised, and what ranks are told about
 * binding and advertising, from {@code --bind}, {@code --iface}, {@code --advertise},
 * {@code --port} and {@code --port-range}.
 *
 * <p>A job on this host only binds the rendezvous and the ranks to loopback (no firewall
 * prompts, nothing exposed). A job spanning hosts binds
 * it to the wildcard address and advertises {@code --advertise}, the address of
 * {@code --iface}, or this machine's first non-loopback address; if that is a loopback
 * address the job fails at once, naming a remote host and the options that fix it.
 * {@code --bind}, {@code --iface} and {@code --advertise} name addresses of this host, so
 * they reach the ranks on this host only; remote ranks choose their own (the core binds
 * the wildcard address and advertises the host's first non-loopback address).
 *
 * @param bindHost      address the rendezvous binds
 * @param advertiseHost address ranks dial to reach the rendezvous
 * @param port          rendezvous port ({@code 0}: ephemeral or first free in {@code portRange})
 * @param portRange     ports ranks (and, without {@code --port}, the rendezvous) may use; or {@code null}
 * @param localBind     {@code JMPI_BIND} for ranks on this host, or {@code null}
 * @param localAdvertise {@code JMPI_ADVERTISE} for ranks on this host, or {@code null}
 */
record NetworkPlan(
        String bindHost, String advertiseHost, int port, PortRange portRange, String localBind, String localAdvertise) {

    /** Options that shape the plan, as given on the command line ({@code null} when absent). */
    record Options(String bind, String iface, String advertise, Integer port, PortRange portRange) {}

    /**
     * Builds and checks the plan.
     *
     * @param ranksPerHost how many ranks each host runs, in host order
     * @param localHosts   the hosts that are this machine
     */
    static NetworkPlan create(Options o, Map<String, Integer> ranksPerHost, Set<String> localHosts) {
        List<String> remoteHosts = ranksPerHost.keySet().stream()
                .filter(h -> !localHosts.contains(h))
                .collect(Collectors.toList());
        if (o.bind() != null && o.iface() != null) {
            throw new UsageException(
                    "--bind and --iface are mutually exclusive (--iface NAME binds that interface's address)");
        }
        boolean multiHost = !remoteHosts.isEmpty();
        String ifaceAddress = o.iface() == null ? null : interfaceAddress(o.iface());
        if (o.bind() != null) {
            checkLocalAddress(o.bind());
        }
        String bindHost = o.bind() != null
                ? o.bind()
                : ifaceAddress != null
                        ? ifaceAddress
                        : multiHost
                                ? "0.0.0.0"
                                : InetAddress.getLoopbackAddress().getHostAddress();
        String advertise;
        if (o.advertise() != null) {
            advertise = choose(o.advertise(), "--advertise");
        } else if (!AdvertisedAddress.isWildcard(bindHost)) {
            advertise = bindHost;
        } else {
            advertise = multiHost
                    ? AdvertisedAddress.choose(null)
                    : InetAddress.getLoopbackAddress().getHostAddress();
        }
        if (multiHost && AdvertisedAddress.isLoopback(advertise)) {
            String remote = remoteHosts.get(0);
            throw new UsageException("the rendezvous would be advertised at loopback address " + advertise
                    + ", which host " + remote + " cannot reach; pass --advertise ADDRESS (an address of this host"
                    + " that " + remote + " can reach) or --iface NAME");
        }
        checkPortRange(o, ranksPerHost, localHosts);
        int port = o.port() != null ? o.port() : 0;
        String localBind;
        String localAdvertise;
        if (o.bind() == null && o.iface() == null && o.advertise() == null && !multiHost) {
            localBind = bindHost;
            localAdvertise = bindHost;
        } else {
            localBind = o.iface() != null ? ifaceAddress : o.bind();
            localAdvertise = o.advertise() != null ? advertise : ifaceAddress;
        }
        return new NetworkPlan(bindHost, advertise, port, o.portRange(), localBind, localAdvertise);
    }

    private static void checkPortRange(Options o, Map<String, Integer> ranksPerHost, Set<String> localHosts) {
        PortRange range = o.portRange();
        if (range == null) {
            return;
        }
        for (Map.Entry<String, Integer> e : ranksPerHost.entrySet()) {
            boolean local = localHosts.contains(e.getKey());
            boolean withRendezvous = local && o.port() == null;
            int needed = e.getValue() + (withRendezvous ? 1 : 0);
            if (needed > range.size()) {
                throw new UsageException("--port-range " + range + " has " + range.size() + " ports but "
                        + "host " + e.getKey()
                        + " needs " + needed + " (" + e.getValue() + " ranks"
                        + (withRendezvous ? " + the rendezvous" : "") + "); widen the range");
            }
        }
    }

    private static String choose(String value, String option) {
        try {
            return AdvertisedAddress.choose(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + " " + value + ": " + e.getMessage());
        }
    }

    private static String interfaceAddress(String iface) {
        try {
            if (NetworkInterface.getByName(iface) == null) {
                throw new UsageException("--iface " + iface + ": no such network interface (available: "
                        + Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                                .map(NetworkInterface::getName)
                                .sorted()
                                .collect(Collectors.joining(", "))
                        + ")");
            }
        } catch (SocketException e) {
            throw new UsageException("--iface " + iface + ": cannot list network interfaces: " + e.getMessage());
        }
        return choose(iface, "--iface");
    }

    private static void checkLocalAddress(String bind) {
        try {
            InetAddress address = InetAddress.getByName(bind);
            if (!address.isAnyLocalAddress()
                    && !address.isLoopbackAddress()
                    && NetworkInterface.getByInetAddress(address) == null) {
                throw new UsageException("--bind " + bind + ": not an address of this host");
            }
        } catch (UnknownHostException e) {
            throw new UsageException("--bind " + bind + ": cannot resolve");
        } catch (SocketException e) {
            throw new UsageException("--bind " + bind + ": cannot list network interfaces: " + e.getMessage());
        }
    }
}
