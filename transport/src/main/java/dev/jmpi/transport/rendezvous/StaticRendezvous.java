package dev.jmpi.transport.rendezvous;

import java.time.Duration;
import java.util.List;

/**
 * Addresses known in advance (fixed ports on known hosts, e.g. DNS names of Kubernetes
 * pods): no service is contacted.
 */
public final class StaticRendezvous implements Rendezvous {

    private final List<RankAddress> table;

    /** The table, indexed by rank. */
    public StaticRendezvous(List<RankAddress> table) {
        for (int r = 0; r < table.size(); r++) {
            if (table.get(r).rank() != r) {
                throw new IllegalArgumentException("table[" + r + "].rank=" + table.get(r).rank()
                    + " (expected: " + r + ")");
            }
        }
        this.table = List.copyOf(table);
    }

    @Override
    public List<RankAddress> exchange(RankAddress self, Duration timeout) {
        if (self.rank() < 0 || self.rank() >= table.size()) {
            throw new RendezvousException("rank " + self.rank() + " is not in the static table of "
                + table.size() + " ranks");
        }
        RankAddress expected = table.get(self.rank());
        if (expected.port() != self.port()) {
            throw new RendezvousException("rank " + self.rank() + " listens on port " + self.port()
                + " but the static table says " + expected.hostPort() + " (expected: the same port)");
        }
        return table;
    }
}
