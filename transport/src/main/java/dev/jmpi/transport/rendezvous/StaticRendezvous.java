package dev.jmpi.transport.rendezvous;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rendezvous whose addresses are known in advance (a host list, Kubernetes DNS names of
 * an Indexed Job behind a headless service, Docker Compose service names): it returns the
 * table without talking to anyone. Each rank must listen on the port its entry names.
 *
 * <pre>{@code
 * Rendezvous r = StaticRendezvous.parse("rank-0:7100,rank-1:7100,rank-2:7100");
 * }</pre>
 */
public final class StaticRendezvous implements Rendezvous {

    private final List<RankAddress> table;

    /** @param table every rank's address, indexed by rank */
    public StaticRendezvous(List<RankAddress> table) {
        Objects.requireNonNull(table, "table");
        for (int r = 0; r < table.size(); r++) {
            RankAddress a = Objects.requireNonNull(table.get(r), "table entry " + r);
            if (a.rank() != r) {
                throw new IllegalArgumentException(
                        "table entry " + r + " is for rank " + a.rank() + " (expected: entries indexed by rank)");
            }
        }
        this.table = List.copyOf(table);
    }

    /**
     * Parses {@code host:port} entries separated by commas or whitespace, rank 0 first;
     * IPv6 literals in brackets ({@code [::1]:7100}).
     *
     * @throws IllegalArgumentException naming the malformed entry
     */
    public static StaticRendezvous parse(String hostPorts) {
        List<RankAddress> list = new ArrayList<>();
        for (String entry : hostPorts.trim().split("[,\\s]+")) {
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "address of rank " + list.size() + " is '" + entry + "' (expected: host:port)");
            }
            String host = entry.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "address of rank " + list.size() + " is '" + entry + "' (expected: a numeric port)", e);
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(
                        "port=" + port + " of rank " + list.size() + " (expected: 1..65535)");
            }
            list.add(new RankAddress(list.size(), host, port, host, -1));
        }
        return new StaticRendezvous(list);
    }

    /**
     * Returns the fixed table.
     *
     * @throws RendezvousException if {@code self} is not in the table as given
     */
    @Override
    public List<RankAddress> exchange(RankAddress self, Duration timeout) {
        if (self.rank() < 0 || self.rank() >= table.size()) {
            throw new RendezvousException(
                    "rank " + self.rank() + " is not in the static address table of " + table.size() + " ranks");
        }
        RankAddress mine = table.get(self.rank());
        if (mine.port() != self.port()) {
            throw new RendezvousException("rank " + self.rank() + " listens on port " + self.port()
                    + " but the static address table says " + mine.hostPort()
                    + " (expected: configure the listen port to match, e.g. -Djmpi.port=" + mine.port() + ")");
        }
        return table;
    }
}
