package dev.jmpi.core.observe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The whole job's observations, merged from the ranks' files: the statistics table
 * ({@code jmpirun --stats}), the collective imbalance, the clock offsets, and the trace
 * ({@code --trace}: Chrome trace-event JSON plus an HTML timeline, see {@link TraceJson} and
 * {@link HtmlTimeline}).
 */
public final class JobReport {

    private final List<RankObservation> ranks;

    /** A report over these ranks' observations (any order). */
    public JobReport(List<RankObservation> ranks) {
        List<RankObservation> sorted = new ArrayList<>(ranks);
        sorted.sort(Comparator.comparingInt(RankObservation::rank));
        this.ranks = List.copyOf(sorted);
    }

    /** Reads every {@code rank-N.obs} in {@code dir}. */
    public static JobReport read(Path dir) {
        List<RankObservation> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith("rank-") && name.endsWith(".obs")) {
                    out.add(RankObservation.read(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list observations in " + dir, e);
        }
        return new JobReport(out);
    }

    /** The ranks' observations, by rank. */
    public List<RankObservation> ranks() {
        return ranks;
    }

    /** Whether a send span (the rest of the point-to-point spans are receives). */
    static boolean isSend(String operation) {
        return operation.equals("send") || operation.equals("ssend");
    }

    /** Rank waits in collectives: per rank, per operation, and who was last. */
    public record Imbalance(
            Map<String, long[]> waitNanosByOperation,
            Map<String, long[]> lastCountByOperation,
            Map<String, Long> callsByOperation,
            int size) {}

    /**
     * For each collective call (same context and sequence on its members), every member waits
     * from its own start until the last member starts; summed per rank and operation, with a
     * count of which rank was last.
     */
    public Imbalance imbalance() {
        int size = ranks.stream().mapToInt(RankObservation::rank).max().orElse(-1) + 1;
        record Arrival(int rank, long aligned, String operation) {}
        Map<String, List<Arrival>> calls = new HashMap<>();
        for (RankObservation r : ranks) {
            for (RankObservation.CollectiveRecord c : r.collectives()) {
                calls.computeIfAbsent(c.context() + "/" + c.sequence(), k -> new ArrayList<>())
                        .add(new Arrival(r.rank(), r.aligned(c.startNanos()), c.operation()));
            }
        }
        Map<String, long[]> wait = new TreeMap<>();
        Map<String, long[]> last = new TreeMap<>();
        Map<String, Long> count = new TreeMap<>();
        for (List<Arrival> members : calls.values()) {
            if (members.size() < 2) {
                continue;
            }
            Arrival latest = members.get(0);
            for (Arrival a : members) {
                if (a.aligned() > latest.aligned()) {
                    latest = a;
                }
            }
            String op = latest.operation();
            long[] w = wait.computeIfAbsent(op, k -> new long[size]);
            for (Arrival a : members) {
                w[a.rank()] += latest.aligned() - a.aligned();
            }
            last.computeIfAbsent(op, k -> new long[size])[latest.rank()]++;
            count.merge(op, 1L, Long::sum);
        }
        return new Imbalance(wait, last, count, size);
    }

    /** The statistics table, job-wide then per rank, the imbalance and the clock offsets. */
    public String statisticsTable() {
        StringBuilder b = new StringBuilder();
        Map<String, OperationTotals> job = new TreeMap<>();
        long wall = 0;
        for (RankObservation r : ranks) {
            wall += r.elapsedNanos();
            for (OperationTotals o : r.operations()) {
                job.computeIfAbsent(
                                o.operation + "\t" + o.algorithm, k -> new OperationTotals(o.operation, o.algorithm))
                        .addAll(o);
            }
        }
        b.append(String.format(
                Locale.ROOT, "jmpi statistics: %d ranks, time inside jmpi per operation%n", ranks.size()));
        String head = String.format(
                Locale.ROOT,
                "%-6s %-16s %-20s %10s %12s %11s %7s %10s %10s %10s%n",
                "rank",
                "operation",
                "algorithm",
                "calls",
                "bytes",
                "time",
                "wall%",
                "p50",
                "p99",
                "max");
        b.append(head);
        for (OperationTotals o : sortedByTime(job)) {
            b.append(row("all", o, wall));
        }
        for (RankObservation r : ranks) {
            Map<String, OperationTotals> own = new TreeMap<>();
            r.operations().forEach(o -> own.put(o.operation + "\t" + o.algorithm, o));
            for (OperationTotals o : sortedByTime(own)) {
                b.append(row(Integer.toString(r.rank()), o, r.elapsedNanos()));
            }
        }
        appendImbalance(b);
        appendClocks(b);
        return b.toString();
    }

    private static List<OperationTotals> sortedByTime(Map<String, OperationTotals> ops) {
        List<OperationTotals> l = new ArrayList<>(ops.values());
        l.sort(Comparator.comparingLong(OperationTotals::totalNanos).reversed());
        return l;
    }

    private static String row(String who, OperationTotals o, long wallNanos) {
        dev.jmpi.OperationStatistics s = o.toStatistics();
        return String.format(
                Locale.ROOT,
                "%-6s %-16s %-20s %10d %12s %11s %6.1f%% %10s %10s %10s%n",
                who,
                o.operation,
                o.algorithm.isEmpty() ? "-" : o.algorithm,
                s.calls(),
                bytes(s.bytes()),
                time(s.totalTime().toNanos()),
                wallNanos == 0 ? 0.0 : 100.0 * s.totalTime().toNanos() / wallNanos,
                time(s.p50().toNanos()),
                time(s.p99().toNanos()),
                time(s.max().toNanos()));
    }

    private void appendImbalance(StringBuilder b) {
        Imbalance im = imbalance();
        if (im.callsByOperation().isEmpty()) {
            return;
        }
        b.append(String.format(
                Locale.ROOT,
                "%ncollective imbalance (time each rank waited for the last rank to" + " arrive, clocks aligned):%n"));
        for (Map.Entry<String, Long> e : im.callsByOperation().entrySet()) {
            long[] w = im.waitNanosByOperation().get(e.getKey());
            long[] last = im.lastCountByOperation().get(e.getKey());
            if (w == null || last == null) {
                continue; // the three maps have the same keys
            }
            int mostLast = 0;
            long total = 0;
            StringBuilder per = new StringBuilder();
            for (int r = 0; r < w.length; r++) {
                total += w[r];
                if (last[r] > last[mostLast]) {
                    mostLast = r;
                }
                per.append(per.length() == 0 ? "" : ", ").append(r).append(": ").append(time(w[r]));
            }
            b.append(String.format(
                    Locale.ROOT,
                    "  %-16s %d calls, %s waited in all; last to arrive most often:"
                            + " rank %d (%d of %d); waits by rank {%s}%n",
                    e.getKey(),
                    e.getValue(),
                    time(total),
                    mostLast,
                    last[mostLast],
                    e.getValue(),
                    per));
        }
    }

    private void appendClocks(StringBuilder b) {
        StringBuilder c = new StringBuilder();
        for (RankObservation r : ranks) {
            if (r.rank() != 0 && r.clockRttNanos() >= 0) {
                c.append(c.length() == 0 ? "" : ", ")
                        .append(String.format(
                                Locale.ROOT,
                                "rank %d %+.3f ms (±%.3f)",
                                r.rank(),
                                r.clockOffsetNanos() / 1e6,
                                r.clockRttNanos() / 2e6));
            }
        }
        if (c.length() > 0) {
            b.append(String.format(Locale.ROOT, "%nclock offsets to rank 0: %s%n", c));
        }
        long dropped =
                ranks.stream().mapToLong(RankObservation::droppedCollectives).sum();
        if (dropped > 0) {
            b.append("imbalance leaves out ")
                    .append(dropped)
                    .append(" collective calls past ")
                    .append(Recorder.MAX_COLLECTIVES)
                    .append(" per rank and thread\n");
        }
    }

    static String time(long nanos) {
        if (nanos < 10_000) {
            return nanos + " ns";
        }
        if (nanos < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String bytes(long n) {
        if (n < 10_000) {
            return n + " B";
        }
        if (n < 10_000_000) {
            return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        if (n < 10_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
        }
        return String.format(Locale.ROOT, "%.2f GiB", n / 1073741824.0);
    }

    /**
     * Writes the trace: Chrome trace-event JSON to {@code json} and the HTML timeline next to
     * it ({@code job.json} gives {@code job.html}). Returns the HTML file.
     */
    public Path writeTrace(Path json) {
        String name = json.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path html = json.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".html");
        try {
            Path parent = json.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            TraceModel model = new TraceModel(ranks);
            try (Writer out = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
                TraceJson.write(model, out);
            }
            Files.writeString(html, HtmlTimeline.write(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the trace " + json + ": " + e.getMessage(), e);
        }
        return html;
    }
}
