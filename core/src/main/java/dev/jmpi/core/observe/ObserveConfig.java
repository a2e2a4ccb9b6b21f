package dev.jmpi.core.observe;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What a rank records, read once at {@code init}: system property first, then environment.
 *
 * <ul>
 *   <li>{@code jmpi.stats} / {@code JMPI_STATS} ({@code true}/{@code 1}): per-operation statistics.</li>
 *   <li>{@code jmpi.trace} / {@code JMPI_TRACE} (a file name): trace spans; without an
 *       observation directory the rank writes its own trace to {@code FILE} with
 *       {@code .rank-N} before the extension.</li>
 *   <li>{@code jmpi.observeDir} / {@code JMPI_OBSERVE_DIR}: where each rank writes its
 *       observations at finalize ({@code rank-N.obs}), for jmpirun (or {@code jmpirun --report DIR})
 *       to merge; without it, statistics go to the rank's stderr.</li>
 *   <li>{@code jmpi.jfr} / {@code JMPI_JFR} ({@code true}/{@code 1}): JFR events; also on when a
 *       JFR recording runs at init.</li>
 *   <li>{@code jmpi.statusEveryMs} / {@code JMPI_STATUS_EVERY_MS}: print what the rank is in
 *       at this period.</li>
 * </ul>
 *
 * @param stats record statistics
 * @param trace trace file name, or null for no trace
 * @param observeDir directory for the rank's observation file, or null
 * @param jfr emit JFR events
 * @param statusEveryMs status period, 0 for none
 */
public record ObserveConfig(boolean stats, String trace, Path observeDir, boolean jfr, long statusEveryMs) {

    /** Nothing recorded. */
    public static final ObserveConfig NONE = new ObserveConfig(false, null, null, false, 0);

    /** Whether any recording is on (a status printer alone records nothing). */
    public boolean records() {
        return stats || trace != null || jfr;
    }

    /** The settings of this process. */
    public static ObserveConfig fromEnvironment() {
        String dir = setting("jmpi.observeDir", "JMPI_OBSERVE_DIR");
        String trace = setting("jmpi.trace", "JMPI_TRACE");
        String status = setting("jmpi.statusEveryMs", "JMPI_STATUS_EVERY_MS");
        long statusMs = 0;
        if (status != null) {
            try {
                statusMs = Long.parseLong(status.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("JMPI_STATUS_EVERY_MS=" + status
                    + " (expected: a number of milliseconds > 0)", e);
            }
            if (statusMs <= 0) {
                throw new IllegalArgumentException("JMPI_STATUS_EVERY_MS=" + status + " (expected: > 0)");
            }
        }
        boolean jfr = flag(setting("jmpi.jfr", "JMPI_JFR")) || jfrRecording();
        return new ObserveConfig(flag(setting("jmpi.stats", "JMPI_STATS")), trace == null || trace.isBlank()
            ? null : trace, dir == null || dir.isBlank() ? null : Path.of(dir), jfr, statusMs);
    }

    private static String setting(String property, String variable) {
        String v = System.getProperty(property);
        return v != null ? v : System.getenv(variable);
    }

    private static boolean flag(String v) {
        if (v == null) {
            return false;
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("true") || s.equals("yes") || s.equals("on");
    }

    private static boolean jfrRecording() {
        try {
            return jdk.jfr.FlightRecorder.isInitialized()
                && !jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings().isEmpty();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
