package dev.jmpi.core.observe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The trace as one self-contained HTML page with an inline SVG (no script, no network): a
 * row per rank thread, a bar per call coloured by operation (hover for its details),
 * lines from sends to their receives, a time axis and a legend. Calls closer together than
 * a pixel merge into one bar, so the page stays small however long the trace; at most
 * {@link #MAX_FLOWS} message lines are drawn.
 */
final class HtmlTimeline {

    static final int WIDTH = 1400;
    static final int LEFT = 230;
    static final int ROW = 26;
    static final int TOP = 40;
    static final int MAX_FLOWS = 3000;
    /** Fixed colours for the common operations; others take the palette in name order. */
    static final Map<String, String> FIXED = Map.of(
            "send",
            "#1f77b4",
            "ssend",
            "#17becf",
            "recv",
            "#2ca02c",
            "irecv",
            "#98df8a",
            "sendrecv",
            "#bcbd22",
            "allreduce",
            "#d62728",
            "barrier",
            "#7f7f7f",
            "bcast",
            "#ff7f0e",
            "reduce",
            "#9467bd",
            "allgather",
            "#8c564b");

    static final String[] PALETTE = {
        "#e377c2", "#aec7e8", "#ffbb78", "#c5b0d5", "#c49c94", "#f7b6d2", "#dbdb8d", "#9edae5", "#393b79", "#637939",
        "#8c6d31", "#843c39"
    };

    private HtmlTimeline() {}

    static Map<String, String> colours(TraceModel m) {
        TreeSet<String> ops = new TreeSet<>();
        m.items.forEach(i -> ops.add(i.span().operation()));
        Map<String, String> out = new HashMap<>();
        int next = 0;
        for (String op : ops) {
            out.put(op, FIXED.getOrDefault(op, PALETTE[next++ % PALETTE.length]));
        }
        return out;
    }

    static String write(TraceModel m) {
        List<long[]> tracks = m.tracks();
        Map<String, Integer> row = new HashMap<>();
        for (int i = 0; i < tracks.size(); i++) {
            row.put(tracks.get(i)[0] + "/" + tracks.get(i)[1], i);
        }
        Map<String, String> colour = colours(m);
        double span = Math.max(1, m.end);
        double scale = (WIDTH - LEFT - 20) / span;
        int height = TOP + tracks.size() * ROW + 30;
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>jmpi trace</title><style>")
                .append("body{font-family:sans-serif;margin:16px;background:#fff}")
                .append(".legend span{display:inline-block;margin-right:14px}")
                .append(".sw{display:inline-block;width:10px;height:10px;margin-right:4px}</style></head><body>\n")
                .append("<h1 style=\"font-size:18px\">jmpi trace: ")
                .append(m.ranks.size())
                .append(" ranks, ")
                .append(m.items.size())
                .append(" calls, ")
                .append(m.flows.size())
                .append(" messages, ")
                .append(JobReport.time(m.end))
                .append("</h1>\n<div class=\"legend\">");
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(colour).entrySet()) {
            b.append("<span><i class=\"sw\" style=\"background:")
                    .append(e.getValue())
                    .append("\"></i>")
                    .append(escape(e.getKey()))
                    .append("</span>");
        }
        b.append("</div>\n<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" font-size=\"12\" shape-rendering=\"crispEdges\">\n");
        for (int i = 0; i < tracks.size(); i++) {
            long[] t = tracks.get(i);
            int y = TOP + i * ROW;
            b.append("<rect x=\"0\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(WIDTH)
                    .append("\" height=\"")
                    .append(ROW)
                    .append("\" fill=\"")
                    .append(i % 2 == 0 ? "#f4f4f4" : "#ffffff")
                    .append("\"/>")
                    .append("<text x=\"4\" y=\"")
                    .append(y + 17)
                    .append("\">")
                    .append(escape("rank " + t[0] + " " + m.threadName((int) t[0], t[1])))
                    .append("</text>\n");
        }
        axis(b, m, scale, height);
        bars(b, m, row, colour, scale);
        int drawn = 0;
        for (TraceModel.Flow f : m.flows) {
            if (drawn++ == MAX_FLOWS) {
                break;
            }
            Integer from = row.get(f.send().rank() + "/" + f.send().thread());
            Integer to = row.get(f.recv().rank() + "/" + f.recv().thread());
            if (from == null || to == null) {
                continue; // every thread with a call has a row; a flow's ends are calls
            }
            b.append("<line class=\"flow\" x1=\"")
                    .append(x(f.send().start(), scale))
                    .append("\" y1=\"")
                    .append(TOP + from * ROW + ROW / 2)
                    .append("\" x2=\"")
                    .append(x(f.recv().end(), scale))
                    .append("\" y2=\"")
                    .append(TOP + to * ROW + ROW / 2)
                    .append("\" stroke=\"#333\" stroke-width=\"0.6\" stroke-opacity=\"0.5\"/>\n");
        }
        b.append("</svg>\n<p style=\"font-size:12px;color:#555\">Times on rank 0's clock (offsets estimated at"
                + " init). Hover a bar for its calls. Open the JSON next to this file in https://ui.perfetto.dev"
                + " for zoom and search.</p>\n</body></html>\n");
        return b.toString();
    }

    private static void axis(StringBuilder b, TraceModel m, double scale, int height) {
        for (int i = 0; i <= 10; i++) {
            long t = m.end * i / 10;
            String x = x(t, scale);
            b.append("<line x1=\"")
                    .append(x)
                    .append("\" y1=\"")
                    .append(TOP - 6)
                    .append("\" x2=\"")
                    .append(x)
                    .append("\" y2=\"")
                    .append(height - 24)
                    .append("\" stroke=\"#ddd\"/><text x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(TOP - 10)
                    .append("\" text-anchor=\"middle\">")
                    .append(JobReport.time(t))
                    .append("</text>\n");
        }
    }

    /**
     * A bar per call; a call that starts within a pixel of the bar before it joins that bar
     * when it is the same operation, or when the bar is still under a pixel wide (the bar
     * takes the colour of the operation with the most time in it, and its tooltip counts the
     * calls), so a row holds about one bar per pixel however many calls it has, and a wide
     * bar of one operation is never repainted in the colour of the next.
     */
    private static void bars(
            StringBuilder b, TraceModel m, Map<String, Integer> row, Map<String, String> colour, double scale) {
        Map<Integer, List<TraceModel.Item>> byRow = new HashMap<>();
        for (TraceModel.Item it : m.items) {
            byRow.computeIfAbsent(row.get(it.rank() + "/" + it.thread()), k -> new ArrayList<>())
                    .add(it);
        }
        for (Map.Entry<Integer, List<TraceModel.Item>> e : byRow.entrySet()) {
            int y = TOP + e.getKey() * ROW + 4;
            List<TraceModel.Item> run = new ArrayList<>();
            long runEnd = 0;
            for (TraceModel.Item it : e.getValue()) {
                if (!run.isEmpty() && !joins(run, runEnd, it, scale)) {
                    bar(b, run, runEnd, y, colour, scale);
                    run.clear();
                }
                runEnd = run.isEmpty() ? it.end() : Math.max(runEnd, it.end());
                run.add(it);
            }
            if (!run.isEmpty()) {
                bar(b, run, runEnd, y, colour, scale);
            }
        }
    }

    private static boolean joins(List<TraceModel.Item> run, long runEnd, TraceModel.Item it, double scale) {
        if ((it.start() - runEnd) * scale >= 1) {
            return false;
        }
        boolean sameOperation =
                run.get(run.size() - 1).span().operation().equals(it.span().operation());
        return sameOperation || (runEnd - run.get(0).start()) * scale < 1;
    }

    private static void bar(
            StringBuilder b, List<TraceModel.Item> run, long end, int y, Map<String, String> colour, double scale) {
        TraceModel.Item first = run.get(0);
        String title;
        String op;
        if (run.size() == 1) {
            RankObservation.SpanRecord s = first.span();
            op = s.operation();
            title = op + (s.algorithm().isEmpty() ? "" : " (" + s.algorithm() + ")") + " peer=" + s.peer() + " tag="
                    + s.tag() + " bytes=" + s.bytes() + " " + JobReport.time(s.durationNanos());
        } else {
            Map<String, long[]> byOp = new java.util.TreeMap<>();
            for (TraceModel.Item it : run) {
                long[] v = byOp.computeIfAbsent(it.span().operation(), k -> new long[2]);
                v[0]++;
                v[1] += it.span().durationNanos();
            }
            op = byOp.entrySet().stream()
                    .max(java.util.Comparator.comparingLong(x -> x.getValue()[1]))
                    .get()
                    .getKey();
            StringBuilder t = new StringBuilder();
            byOp.forEach((k, v) -> t.append(t.length() == 0 ? "" : ", ")
                    .append(v[0])
                    .append(" × ")
                    .append(k));
            title = t + " over " + JobReport.time(end - first.start());
        }
        double w = Math.max(1, (end - first.start()) * scale);
        b.append("<rect x=\"")
                .append(x(first.start(), scale))
                .append("\" y=\"")
                .append(y)
                .append("\" width=\"")
                .append(String.format(Locale.ROOT, "%.2f", w))
                .append("\" height=\"")
                .append(ROW - 8)
                .append("\" fill=\"")
                .append(colour.get(op))
                .append("\"><title>")
                .append(escape(title))
                .append("</title></rect>\n");
    }

    private static String x(long t, double scale) {
        return String.format(Locale.ROOT, "%.2f", LEFT + t * scale);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
