package dev.jmpi.core.observe;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What a rank records, resolved once at init with the rest of the configuration (the
 * {@code jmpi.stats}, {@code jmpi.trace}, {@code jmpi.observeDir}, {@code jmpi.jfr},
 * {@code jmpi.statusEvery} and {@code jmpi.traceMaxSpans} settings; see
 * {@code docs/configuration.md}).
 *
 * <ul>
 *   <li>stats: per-operation statistics.</li>
 *   <li>trace (a file name): trace spans; without an observation directory the rank writes
 *       its own trace to {@code FILE} with {@code .rank-N} before the extension.</li>
 *   <li>observeDir: where each rank writes its observations at finalize ({@code rank-N.obs}),
 *       for jmpirun (or {@code jmpirun --report DIR}) to merge; without it, statistics go to
 *       the rank's stderr.</li>
 *   <li>jfr: JFR events; also on when a JFR recording runs at init.</li>
 *   <li>statusEveryMs: print what the rank is in at this period.</li>
 * </ul>
 *
 * @param stats         record statistics
 * @param trace         trace file name, or null for no trace
 * @param observeDir    directory for the rank's observation file, or null
 * @param jfr           emit JFR events
 * @param statusEveryMs status period, 0 for none
 * @param traceMaxSpans most trace spans kept (later ones are counted as dropped)
 */
public record ObserveConfig(
        boolean stats,
        @Nullable String trace,
        @Nullable Path observeDir,
        boolean jfr,
        long statusEveryMs,
        int traceMaxSpans) {

    /** Nothing recorded. */
    public static final ObserveConfig NONE = new ObserveConfig(false, null, null, false, 0);

    /** Default of {@link #traceMaxSpans}. */
    public static final int TRACE_MAX_SPANS_DEFAULT = 1_000_000;

    /** With the default {@link #traceMaxSpans}. */
    public ObserveConfig(
            boolean stats, @Nullable String trace, @Nullable Path observeDir, boolean jfr, long statusEveryMs) {
        this(stats, trace, observeDir, jfr, statusEveryMs, TRACE_MAX_SPANS_DEFAULT);
    }

    /** Whether any recording is on (a status printer alone records nothing). */
    public boolean records() {
        return stats || trace != null || jfr;
    }

    /** Whether a JFR recording runs now. */
    public static boolean jfrRecording() {
        try {
            return jdk.jfr.FlightRecorder.isInitialized()
                    && !jdk.jfr.FlightRecorder.getFlightRecorder()
                            .getRecordings()
                            .isEmpty();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
