package dev.jmpi.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks a Java exception's headline lines out of a rank's stderr as it streams by: the
 * {@code Exception in thread "main" java.lang.X: message} line (or a bare
 * {@code java.lang.X: message} line, as {@code printStackTrace} writes it) and each
 * {@code Caused by:} line. A long stack trace pushes them out of the stderr tail, which
 * then shows only {@code at ...} frames; the failure report shows these lines first.
 * Keeps the latest exception (a new headline starts over). Thread-safe.
 */
final class ExceptionLines {

    /** Lines kept for one exception: the headline and its causes. */
    static final int MAX_LINES = 8;

    private static final String UNCAUGHT = "Exception in thread \"";
    private static final Pattern THROWABLE_LINE =
            Pattern.compile("([A-Za-z_$][\\w$]*\\.)+[A-Za-z_$][\\w$]*(Exception|Error|Throwable|Failure)(: .*)?");

    private final List<String> lines = new ArrayList<>();

    synchronized void accept(String line) {
        if (line.startsWith("Caused by: ")) {
            if (!lines.isEmpty() && lines.size() < MAX_LINES) {
                lines.add(line);
            }
            return;
        }
        if (isHeadline(line)) {
            lines.clear();
            lines.add(line);
        }
    }

    /** The latest exception's lines, headline first; empty if none was seen. */
    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** {@code java.lang.IllegalStateException: boom} from the latest headline, or null. */
    synchronized String cause() {
        return lines.isEmpty() ? null : causeOf(lines.get(0));
    }

    static boolean isHeadline(String line) {
        return line.startsWith(UNCAUGHT) || THROWABLE_LINE.matcher(line).matches();
    }

    /** The headline without its {@code Exception in thread "name" } prefix. */
    static String causeOf(String headline) {
        if (headline.startsWith(UNCAUGHT)) {
            int close = headline.indexOf("\" ", UNCAUGHT.length());
            if (close > 0) {
                return headline.substring(close + 2);
            }
        }
        return headline;
    }
}
