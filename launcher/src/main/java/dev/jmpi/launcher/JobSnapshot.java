package dev.jmpi.launcher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the ranks' processes looked like when the job failed, before jmpirun stopped them:
 * which had exited by themselves (and with what status), and which local ones were
 * stopped (SIGSTOP, debugger). Stopping the job changes both, so they are taken first.
 */
final class JobSnapshot {

    private final List<RankProcess> ranks;
    private final Set<Integer> stopped = new HashSet<>();
    private final Map<Integer, Integer> ownExits = new HashMap<>();

    private JobSnapshot(List<RankProcess> ranks) {
        this.ranks = List.copyOf(ranks);
    }

    /** Takes the snapshot of {@code ranks} now. */
    static JobSnapshot beforeStopping(List<RankProcess> ranks) {
        JobSnapshot s = new JobSnapshot(ranks);
        for (RankProcess rank : s.ranks) {
            if (rank.alive()) {
                if (rank.stopped()) {
                    s.stopped.add(rank.rank());
                }
            } else {
                s.ownExits.put(rank.rank(), rank.process().exitValue());
            }
        }
        return s;
    }

    /** Every rank's outcome, with what the ledger and its stderr say (read now, after stopping). */
    List<RankOutcome> outcomes(RankLedger ledger, int tailLines) {
        List<RankOutcome> out = new ArrayList<>();
        for (RankProcess rank : ranks) {
            RankState st = ledger.of(rank.rank());
            Integer exit = ownExits.get(rank.rank());
            out.add(new RankOutcome(
                    rank.rank(),
                    rank.describe(),
                    st.isRegistered(),
                    st.isFinalized(),
                    st.failure(),
                    exit,
                    exit == null ? null : rank.describeExit(exit),
                    exit == null ? 0 : st.exitSequence(),
                    st.verdict(),
                    st.othersRunningAtExit(),
                    stopped.contains(rank.rank()),
                    rank.pid(),
                    rank.exceptions().lines(),
                    rank.tail().last(tailLines)));
        }
        return out;
    }
}
