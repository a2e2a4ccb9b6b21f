package dev.jmpi.core.observe;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one rank recorded, as written at finalize to {@code rank-N.obs} (tab-separated lines,
 * one record each) and read back by the job report. Times are nanoseconds since the rank's
 * recorder started ({@code baseEpochNanos} on its wall clock); adding {@code clockOffsetNanos}
 * puts them on rank 0's clock.
 *
 * @param rank world rank
 * @param host host name
 * @param pid process id
 * @param baseEpochNanos the rank's wall clock when recording started
 * @param clockOffsetNanos rank 0's clock minus this rank's
 * @param clockRttNanos round trip of the best offset measurement (-1: not measured)
 * @param elapsedNanos recording time up to the snapshot
 * @param stats whether statistics were recorded
 * @param trace whether spans were recorded
 * @param operations per-operation totals
 * @param collectives every collective call (for the imbalance)
 * @param droppedCollectives collective calls past the limit
 * @param spans trace spans
 * @param droppedSpans spans past the limit
 * @param threadNames names of the threads in the spans
 */
public record RankObservation(
        int rank,
        String host,
        long pid,
        long baseEpochNanos,
        long clockOffsetNanos,
        long clockRttNanos,
        long elapsedNanos,
        boolean stats,
        boolean trace,
        List<OperationTotals> operations,
        List<CollectiveRecord> collectives,
        long droppedCollectives,
        List<SpanRecord> spans,
        long droppedSpans,
        Map<Long, String> threadNames) {

    private static final String MAGIC = "jmpi-observation\t2";

    /** One collective call: times since the recorder's start. */
    public record CollectiveRecord(String operation, int context, long sequence, long startNanos, long endNanos) {}

    /** One span: start since the recorder's start; {@code algorithm} "" for none. */
    public record SpanRecord(
            boolean collective,
            String operation,
            String algorithm,
            long thread,
            long startNanos,
            long durationNanos,
            int peer,
            int tag,
            int context,
            long bytes,
            long sequence,
            boolean failed) {}

    /** A time of this rank on rank 0's clock, in epoch nanoseconds. */
    long aligned(long sinceStartNanos) {
        return baseEpochNanos + clockOffsetNanos + sinceStartNanos;
    }

    /** The file name of {@code rank}'s observations in a directory. */
    public static String fileName(int rank) {
        return "rank-" + rank + ".obs";
    }

    /** Writes to {@code file} atomically (a temporary file, then a move). */
    public void write(Path file) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(MAGIC + "\n");
            w.write(String.join(
                            "\t",
                            "rank",
                            Integer.toString(rank),
                            host,
                            Long.toString(pid),
                            Long.toString(baseEpochNanos),
                            Long.toString(clockOffsetNanos),
                            Long.toString(clockRttNanos),
                            Long.toString(elapsedNanos),
                            Boolean.toString(stats),
                            Boolean.toString(trace))
                    + "\n");
            for (OperationTotals o : operations) {
                StringBuilder h = new StringBuilder();
                long[] counts = o.histogramCounts();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] != 0) {
                        h.append(h.length() == 0 ? "" : ",")
                                .append(i)
                                .append(':')
                                .append(counts[i]);
                    }
                }
                w.write("op\t" + o.operation + "\t" + o.algorithm + "\t" + o.calls() + "\t" + o.bytes() + "\t"
                        + o.totalNanos() + "\t" + o.maxNanos() + "\t" + h + "\n");
            }
            for (CollectiveRecord c : collectives) {
                w.write("coll\t" + c.operation() + "\t" + c.context() + "\t" + c.sequence() + "\t" + c.startNanos()
                        + "\t" + c.endNanos() + "\n");
            }
            for (SpanRecord s : spans) {
                w.write("span\t" + (s.collective() ? "C" : "P") + "\t" + s.operation() + "\t" + s.algorithm() + "\t"
                        + s.thread() + "\t"
                        + s.startNanos() + "\t" + s.durationNanos() + "\t" + s.peer() + "\t" + s.tag() + "\t"
                        + s.context() + "\t" + s.bytes() + "\t" + s.sequence() + "\t" + s.failed() + "\n");
            }
            for (Map.Entry<Long, String> t : threadNames.entrySet()) {
                w.write("thread\t" + t.getKey() + "\t"
                        + t.getValue().replace('\t', ' ').replace('\n', ' ') + "\n");
            }
            w.write("dropped\t" + droppedCollectives + "\t" + droppedSpans + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("rank " + rank + ": cannot write observations to " + tmp, e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("rank " + rank + ": cannot move observations to " + file, e);
        }
    }

    /**
     * Reads a file {@link #write} wrote; a malformed one fails naming the file and line. Lines
     * are read one at a time and the few distinct operation and algorithm names are shared, so
     * a rank's million spans cost their records, not a copy of the file's text as well.
     */
    public static RankObservation read(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read observations " + file, e);
        }
    }

    private static RankObservation read(Path file, BufferedReader in) throws IOException {
        String magic = in.readLine();
        String header = in.readLine();
        if (magic == null || header == null || !magic.equals(MAGIC)) {
            throw new IllegalArgumentException(
                    file + ": not a jmpi observation file (expected first line '" + MAGIC.replace('\t', ' ') + "')");
        }
        int n = 2;
        try {
            String[] r = header.split("\t");
            List<OperationTotals> ops = new ArrayList<>();
            List<CollectiveRecord> colls = new ArrayList<>();
            List<SpanRecord> spans = new ArrayList<>();
            Map<Long, String> threads = new HashMap<>();
            Map<String, String> names = new HashMap<>();
            long droppedColl = 0;
            long droppedSpans = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                String[] f = line.split("\t", -1);
                switch (f[0]) {
                    case "op" -> ops.add(operation(f));
                    case "coll" ->
                        colls.add(new CollectiveRecord(
                                shared(names, f[1]),
                                Integer.parseInt(f[2]),
                                Long.parseLong(f[3]),
                                Long.parseLong(f[4]),
                                Long.parseLong(f[5])));
                    case "span" ->
                        spans.add(new SpanRecord(
                                f[1].equals("C"),
                                shared(names, f[2]),
                                shared(names, f[3]),
                                Long.parseLong(f[4]),
                                Long.parseLong(f[5]),
                                Long.parseLong(f[6]),
                                Integer.parseInt(f[7]),
                                Integer.parseInt(f[8]),
                                Integer.parseInt(f[9]),
                                Long.parseLong(f[10]),
                                Long.parseLong(f[11]),
                                Boolean.parseBoolean(f[12])));
                    case "thread" -> threads.put(Long.parseLong(f[1]), f[2]);
                    case "dropped" -> {
                        droppedColl = Long.parseLong(f[1]);
                        droppedSpans = Long.parseLong(f[2]);
                    }
                    default -> throw new IllegalArgumentException("unknown record '" + f[0] + "'");
                }
            }
            return new RankObservation(
                    Integer.parseInt(r[1]),
                    r[2],
                    Long.parseLong(r[3]),
                    Long.parseLong(r[4]),
                    Long.parseLong(r[5]),
                    Long.parseLong(r[6]),
                    Long.parseLong(r[7]),
                    Boolean.parseBoolean(r[8]),
                    Boolean.parseBoolean(r[9]),
                    ops,
                    colls,
                    droppedColl,
                    spans,
                    droppedSpans,
                    threads);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " line " + n + ": malformed (" + e + ")", e);
        }
    }

    /** One instance per distinct name, however many records carry it. */
    private static String shared(Map<String, String> names, String name) {
        String known = names.putIfAbsent(name, name);
        return known != null ? known : name;
    }

    private static OperationTotals operation(String[] f) {
        long[] counts = new long[Histogram.BUCKETS];
        if (!f[7].isEmpty()) {
            for (String bc : f[7].split(",")) {
                int colon = bc.indexOf(':');
                counts[Integer.parseInt(bc.substring(0, colon))] = Long.parseLong(bc.substring(colon + 1));
            }
        }
        return new OperationTotals(
                f[1],
                f[2],
                Long.parseLong(f[3]),
                Long.parseLong(f[4]),
                Long.parseLong(f[5]),
                Long.parseLong(f[6]),
                new Histogram(counts));
    }
}
