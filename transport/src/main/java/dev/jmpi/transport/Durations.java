package dev.jmpi.transport;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Durations for people: {@code "31 s"}, {@code "2.4 s"}, {@code "0.3 s"}. Stateless. */
final class Durations {

    private Durations() {}

    /** Whole seconds from 10 s on, tenths below (where a tenth still matters). */
    static String seconds(long nanos) {
        long ms = TimeUnit.NANOSECONDS.toMillis(nanos);
        if (ms >= 10_000) {
            return (ms + 500) / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
