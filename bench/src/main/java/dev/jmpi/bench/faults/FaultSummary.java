package dev.jmpi.bench.faults;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table fault trials end with: one row per kind of fault. */
final class FaultSummary {

    private FaultSummary() {}

    static String table(Map<FaultKind, List<TrialResult>> results) {
        StringBuilder b = new StringBuilder();
        b.append("| fault | trials | hangs | fault to end p50 | max | cause named | processes left |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Map.Entry<FaultKind, List<TrialResult>> e : results.entrySet()) {
            List<TrialResult> rs = e.getValue();
            long[] ms =
                    rs.stream().mapToLong(TrialResult::faultToEndMs).sorted().toArray();
            b.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %.1f s | %.1f s | %d of %d | %d |%n",
                    name(e.getKey()),
                    rs.size(),
                    rs.stream().filter(TrialResult::hung).count(),
                    percentile(ms, 50) / 1000.0,
                    (ms.length == 0 ? 0 : ms[ms.length - 1]) / 1000.0,
                    rs.stream().filter(TrialResult::causeNamed).count(),
                    rs.size(),
                    rs.stream().mapToInt(TrialResult::leftBehind).sum()));
        }
        return b.toString();
    }

    private static String name(FaultKind k) {
        return switch (k) {
            case KILL -> "SIGKILL of a rank";
            case STOP -> "SIGSTOP of a rank";
            case THROW -> "exception in a rank";
            case LAUNCHER -> "SIGKILL of jmpirun";
        };
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
