package dev.jmpi.transport;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs refused connections at WARN, at most {@value #MAX_PER_WINDOW} per
 * {@value #WINDOW_SECONDS}-second window per JVM; the rest are counted and summarized once
 * the window has passed. A flood of garbage connections thus cannot flood the log. Thread-safe.
 */
final class RefusalLog {

    static final int MAX_PER_WINDOW = 20;
    static final int WINDOW_SECONDS = 10;

    private final Logger log;
    private long windowStartNanos = System.nanoTime();
    private int logged;
    private int suppressed;

    RefusalLog(Logger log) {
        this.log = log;
    }

    synchronized void warn(String format, Object... args) {
        long now = System.nanoTime();
        if (now - windowStartNanos > TimeUnit.SECONDS.toNanos(WINDOW_SECONDS)) {
            if (suppressed > 0) {
                log.warn("{} more refused connections were not logged in the last {} s", suppressed, WINDOW_SECONDS);
            }
            windowStartNanos = now;
            logged = 0;
            suppressed = 0;
        }
        if (logged < MAX_PER_WINDOW) {
            logged++;
            log.warn(format, args);
        } else {
            suppressed++;
            log.debug(format, args);
        }
    }
}
