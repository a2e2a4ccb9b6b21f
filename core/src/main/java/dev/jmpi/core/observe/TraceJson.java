package dev.jmpi.core.observe;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/**
 * Chrome trace-event JSON (opens in Perfetto or {@code chrome://tracing}): a process per
 * rank, a thread per rank thread, a complete event ({@code "ph":"X"}) per call with peer,
 * tag, bytes, context, and a collective's sequence and algorithm, and a flow
 * ({@code "s"}/{@code "f"}) from each send to its receive. Times are microseconds on rank
 * 0's clock since the first call; {@code otherData} holds the clock offsets and the epoch of
 * time 0.
 */
final class TraceJson {

    private TraceJson() {}

    /** Text written to {@code out} whenever this much has gathered. */
    private static final int SPILL_CHARS = 1 << 18;

    /**
     * Writes the trace to {@code out} as it goes: a long job's trace (a million spans a rank)
     * is hundreds of MB of text, more than jmpirun's heap holds as one string.
     */
    static void write(TraceModel m, Writer out) throws IOException {
        StringBuilder b = new StringBuilder(SPILL_CHARS + 4096);
        header(b, m);
        boolean first = processNames(b, m, true);
        first = threadNames(b, m, first);
        spans(b, m, first, out);
        flows(b, m, out);
        b.append("\n]}\n");
        out.append(b);
    }

    private static void spill(StringBuilder b, Writer out) throws IOException {
        if (b.length() >= SPILL_CHARS) {
            out.append(b);
            b.setLength(0);
        }
    }

    /** {@code otherData} (epoch, clock offsets, drop counts) and the opening of {@code traceEvents}. */
    private static void header(StringBuilder b, TraceModel m) {
        b.append("{\"displayTimeUnit\":\"ns\",\"otherData\":{\"originEpochNanos\":\"")
                .append(m.origin)
                .append("\",\"tool\":\"jmpi\",\"clockOffsetsNanos\":{");
        boolean first = true;
        for (RankObservation r : m.ranks) {
            b.append(first ? "" : ",")
                    .append('"')
                    .append(r.rank())
                    .append("\":")
                    .append(r.clockOffsetNanos());
            first = false;
        }
        b.append("},\"droppedSpans\":")
                .append(m.ranks.stream()
                        .mapToLong(RankObservation::droppedSpans)
                        .sum())
                .append(",\"unmatchedSends\":")
                .append(m.unmatchedSends)
                .append(",\"unmatchedReceives\":")
                .append(m.unmatchedRecvs)
                .append("},\n\"traceEvents\":[\n");
    }

    /** One process per rank, named and sorted by rank; returns whether nothing was written yet. */
    private static boolean processNames(StringBuilder b, TraceModel m, boolean first) {
        for (RankObservation r : m.ranks) {
            b.append(first ? "" : ",\n");
            first = false;
            b.append("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":")
                    .append(r.rank())
                    .append(",\"args\":{\"name\":")
                    .append(quote("rank " + r.rank() + " (" + r.host() + ", pid " + r.pid() + ")"))
                    .append("}},\n{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":")
                    .append(r.rank())
                    .append(",\"args\":{\"sort_index\":")
                    .append(r.rank())
                    .append("}}");
        }
        return first;
    }

    private static boolean threadNames(StringBuilder b, TraceModel m, boolean first) {
        for (long[] t : m.tracks()) {
            b.append(first ? "" : ",\n");
            first = false;
            b.append("{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":")
                    .append(t[0])
                    .append(",\"tid\":")
                    .append(t[1])
                    .append(",\"args\":{\"name\":")
                    .append(quote(m.threadName((int) t[0], t[1])))
                    .append("}}");
        }
        return first;
    }

    private static void spans(StringBuilder b, TraceModel m, boolean first, Writer out) throws IOException {
        for (TraceModel.Item it : m.items) {
            RankObservation.SpanRecord s = it.span();
            b.append(first ? "" : ",\n");
            first = false;
            b.append("{\"ph\":\"X\",\"cat\":\"")
                    .append(s.collective() ? "collective" : "p2p")
                    .append("\",\"name\":")
                    .append(quote(s.operation()))
                    .append(",\"pid\":")
                    .append(it.rank())
                    .append(",\"tid\":")
                    .append(it.thread())
                    .append(",\"ts\":")
                    .append(micros(it.start()))
                    .append(",\"dur\":")
                    .append(micros(s.durationNanos()))
                    .append(",\"args\":{\"peer\":")
                    .append(s.peer())
                    .append(",\"tag\":")
                    .append(s.tag())
                    .append(",\"bytes\":")
                    .append(s.bytes())
                    .append(",\"context\":")
                    .append(s.context());
            if (s.collective()) {
                b.append(",\"sequence\":").append(s.sequence());
            }
            if (!s.algorithm().isEmpty()) {
                b.append(",\"algorithm\":").append(quote(s.algorithm()));
            }
            if (s.failed()) {
                b.append(",\"failed\":true");
            }
            b.append("}}");
            spill(b, out);
        }
    }

    /** A flow arrow from each matched send to its receive (always after at least one event). */
    private static void flows(StringBuilder b, TraceModel m, Writer out) throws IOException {
        int id = 0;
        for (TraceModel.Flow f : m.flows) {
            id++;
            long from =
                    Math.max(f.recv().start(), Math.min(f.recv().end(), f.send().start()));
            long recvAt = from + (f.recv().end() - from) / 2; // inside the receive's slice, for "bp":"e"
            b.append(",\n{\"ph\":\"s\",\"cat\":\"message\",\"name\":\"message\",\"id\":")
                    .append(id)
                    .append(",\"pid\":")
                    .append(f.send().rank())
                    .append(",\"tid\":")
                    .append(f.send().thread())
                    .append(",\"ts\":")
                    .append(micros(f.send().start()))
                    .append("},\n")
                    .append("{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"message\",\"name\":\"message\",\"id\":")
                    .append(id)
                    .append(",\"pid\":")
                    .append(f.recv().rank())
                    .append(",\"tid\":")
                    .append(f.recv().thread())
                    .append(",\"ts\":")
                    .append(micros(recvAt))
                    .append('}');
            spill(b, out);
        }
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1000.0);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
