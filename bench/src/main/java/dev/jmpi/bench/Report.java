package dev.jmpi.bench;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/** Rank 0's output: the C bench's {@code RES} lines, plus {@code HIST}, {@code CPU}, {@code JIT}, {@code FLT} and {@code VERIFY} lines. */
final class Report {

    private final PrintWriter out;

    Report(PrintWriter out) {
        this.out = out;
    }

    void section(Operation op, ElementType type, int np) {
        String what = switch (op) {
            case PINGPONG -> "ping-pong latency: one-way time (half the round trip), param = bytes";
            case BANDWIDTH -> "ping-pong bandwidth: one-way time and MB/s, param = bytes";
            case WINDOW -> "stream bandwidth: window of non-blocking sends + 1-byte ack, per message, param = bytes";
            case ALLGATHER, ALLTOALL -> "time per operation, param = elements per rank block";
            case BARRIER -> "time per barrier";
            default -> "time per operation, root 0, SUM, param = elements";
        };
        out.println(String.format(
                Locale.ROOT,
                "# %s (%s, np=%d, type=%s)",
                op.name().toLowerCase(Locale.ROOT),
                what,
                np,
                type.name().toLowerCase(Locale.ROOT)));
    }

    void verified(BenchCase c, boolean ok) {
        out.println("VERIFY " + c.test() + " " + c.param() + " "
                + (ok ? (c.checksData() ? "ok" : "ok (completed; no data to check)") : "FAILED (see stderr)"));
    }

    void result(BenchCase c, Measurement.Result r) {
        double units = c.unitsPerOp();
        double med = r.median() / units;
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "RES %s %d %.3f %.3f %.3f %d %d",
                c.test(),
                c.param(),
                med * 1e6,
                r.min() / units * 1e6,
                r.max() / units * 1e6,
                r.reps(),
                r.iters()));
        if (c.bytesPerUnit() > 0) {
            sb.append(String.format(Locale.ROOT, " %.1f", c.bytesPerUnit() / med / 1e6));
        }
        out.println(sb);
        Histogram h = r.perOpNanos();
        if (h != null && h.getTotalCount() > 0) {
            double scale = 1e3 * units;
            out.println(String.format(
                    Locale.ROOT,
                    "HIST %s %d p50=%.3f p90=%.3f p99=%.3f max=%.3f n=%d (us, rank 0)",
                    c.test(),
                    c.param(),
                    h.getValueAtPercentile(50) / scale,
                    h.getValueAtPercentile(90) / scale,
                    h.getValueAtPercentile(99) / scale,
                    h.getMaxValue() / scale,
                    h.getTotalCount()));
        }
        Measurement.Alternation a = r.alternation();
        if (a != null) {
            alternation(c, a, h, units);
        }
        if (r.cpuPerOp() >= 0) {
            out.println(String.format(
                    Locale.ROOT,
                    "CPU %s %d %.3f (us of CPU per operation, all ranks)",
                    c.test(),
                    c.param(),
                    r.cpuPerOp() / units * 1e6));
        }
        if (r.jitMillis() >= 0) {
            out.println(String.format(
                    Locale.ROOT,
                    "JIT %s %d %.0f (ms of JIT compilation during the timed repetitions, all ranks)",
                    c.test(),
                    c.param(),
                    r.jitMillis()));
        }
        if (r.faultsPerOp() >= 0) {
            out.println(String.format(
                    Locale.ROOT,
                    "FLT %s %d %.2f (minor page faults per operation during the timed repetitions, all ranks)",
                    c.test(),
                    c.param(),
                    r.faultsPerOp() / units));
        }
        out.flush();
    }

    /**
     * {@code OBSERVE}: recorded and unrecorded medians, the median paired change with its 95 %
     * interval and range, p50/p99 of both halves; {@code PAIRS}: every paired change, so that
     * runs can be pooled (bench/compare_report.py).
     */
    private void alternation(BenchCase c, Measurement.Alternation a, @Nullable Histogram h, double units) {
        List<Double> changes = a.changes();
        double[] ci = a.changeInterval95();
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "OBSERVE %s %d recorded=%.3f unrecorded=%.3f change=%+.2f%% ci95=%+.2f%%..%+.2f%%"
                        + " range=%+.1f%%..%+.1f%% pairs=%d",
                c.test(),
                c.param(),
                a.recordedMedian() / units * 1e6,
                a.unrecordedMedian() / units * 1e6,
                100 * a.changeMedian(),
                100 * ci[0],
                100 * ci[1],
                100 * changes.get(0),
                100 * changes.get(changes.size() - 1),
                changes.size()));
        Histogram hr = a.recordedPerOpNanos();
        if (hr != null && hr.getTotalCount() > 0 && h != null && h.getTotalCount() > 0) {
            double scale = 1e3 * units;
            line.append(String.format(
                    Locale.ROOT,
                    " p50=%.3f/%.3f p99=%.3f/%.3f",
                    hr.getValueAtPercentile(50) / scale,
                    h.getValueAtPercentile(50) / scale,
                    hr.getValueAtPercentile(99) / scale,
                    h.getValueAtPercentile(99) / scale));
        }
        out.println(line.append(" (us; recorded/unrecorded, rank 0)"));
        StringBuilder pairs = new StringBuilder("PAIRS " + c.test() + " " + c.param());
        for (double x : changes) {
            pairs.append(String.format(Locale.ROOT, " %.5f", x));
        }
        out.println(pairs);
    }
}
