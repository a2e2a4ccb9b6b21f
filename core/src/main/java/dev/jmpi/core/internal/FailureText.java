package dev.jmpi.core.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Says what a failure was in the few lines a person reads first: the exception's class and
 * message, each cause, then a few frames. Used for the cause sent to peers and the report
 * sent to the launcher, where a stack trace's tail of {@code at ...} frames hides the
 * message.
 */
final class FailureText {

    /** Frames of the outermost exception kept in {@link #detail}. */
    static final int FRAMES = 8;

    private static final int MAX_CAUSES = 8;

    private FailureText() {}

    /** {@code java.lang.IllegalStateException: boom}: the exception's own first line. */
    static String cause(Throwable error) {
        String line = error.toString();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }

    /** The exception line, a few of its frames, and every {@code Caused by:} line. */
    static String detail(Throwable error) {
        List<String> lines = new ArrayList<>();
        lines.add(error.toString());
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < Math.min(FRAMES, frames.length); i++) {
            lines.add("\tat " + frames[i]);
        }
        if (frames.length > FRAMES) {
            lines.add("\t... " + (frames.length - FRAMES) + " more");
        }
        Throwable c = error.getCause();
        for (int n = 0; c != null && c != error && n < MAX_CAUSES; n++, c = c.getCause()) {
            lines.add("Caused by: " + c);
        }
        return String.join("\n", lines);
    }
}
