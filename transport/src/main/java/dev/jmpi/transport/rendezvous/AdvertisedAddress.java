package dev.jmpi.transport.rendezvous;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the address a rank advertises to its peers. Ranks on other machines cannot dial
 * a loopback address, so the default is the first non-loopback IPv4 address of an
 * interface that is up (site-local addresses first), falling back to loopback only on a
 * machine without any network.
 */
public final class AdvertisedAddress {

    private AdvertisedAddress() {}

    /**
     * Picks the address to advertise.
     *
     * @param ifaceOrHost {@code null}, empty or {@code "auto"}: a non-loopback address of
     *                    this machine; the name of a network interface (e.g. {@code eth0}):
     *                    that interface's first address (IPv4 first); anything else: a host
     *                    name or IP literal, returned as given after checking it resolves
     * @return an IP literal or the given host name
     * @throws IllegalArgumentException if {@code ifaceOrHost} names an interface without
     *                                  addresses or a host that does not resolve
     */
    public static String choose(@Nullable String ifaceOrHost) {
        if (ifaceOrHost == null || ifaceOrHost.isBlank() || ifaceOrHost.equalsIgnoreCase("auto")) {
            return firstNonLoopback().getHostAddress();
        }
        String name = ifaceOrHost.trim();
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif != null) {
                List<InetAddress> addrs = Collections.list(nif.getInetAddresses());
                addrs.sort((a, b) -> Boolean.compare(!(a instanceof Inet4Address), !(b instanceof Inet4Address)));
                if (addrs.isEmpty()) {
                    throw new IllegalArgumentException("network interface " + name + " has no address");
                }
                return stripScope(addrs.get(0).getHostAddress());
            }
        } catch (SocketException e) {
            throw new IllegalArgumentException("cannot inspect network interface " + name + ": " + e.getMessage(), e);
        }
        try {
            InetAddress.getByName(name);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "advertised host " + name + " is neither a network interface nor a resolvable host", e);
        }
        return name;
    }

    /** Whether {@code host} is, or resolves to, a loopback address. Unresolvable: false. */
    public static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether {@code host} is a wildcard bind address ({@code 0.0.0.0}, {@code ::}). */
    public static boolean isWildcard(String host) {
        if (host == null || host.isEmpty() || host.equals("*")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isAnyLocalAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static InetAddress firstNonLoopback() {
        List<InetAddress> siteLocal = new ArrayList<>();
        List<InetAddress> other = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (!(a instanceof Inet4Address) || a.isLoopbackAddress() || a.isLinkLocalAddress()) {
                        continue;
                    }
                    (a.isSiteLocalAddress() ? siteLocal : other).add(a);
                }
            }
        } catch (SocketException e) {
            return InetAddress.getLoopbackAddress();
        }
        if (!siteLocal.isEmpty()) {
            return siteLocal.get(0);
        }
        return other.isEmpty() ? InetAddress.getLoopbackAddress() : other.get(0);
    }

    private static String stripScope(String literal) {
        int pct = literal.indexOf('%');
        return pct < 0 ? literal : literal.substring(0, pct);
    }
}
