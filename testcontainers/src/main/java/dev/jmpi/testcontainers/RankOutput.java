package dev.jmpi.testcontainers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.testcontainers.containers.output.OutputFrame;

/**
 * One rank's stdout and stderr as whole lines, in arrival order, with waits that wake on the
 * line that satisfies them (no polling). Docker frames may split or join lines; this joins
 * them back per stream. Written by Testcontainers' log thread, read by the test's threads.
 */
public final class RankOutput implements Consumer<OutputFrame> {

    private final String name;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partialOut = new StringBuilder();
    private final StringBuilder partialErr = new StringBuilder();
    private boolean ended;

    RankOutput(String name) {
        this.name = name;
    }

    /**
     * Takes one frame of the container's output (Testcontainers calls this).
     *
     * @param frame a piece of stdout or stderr, or the end of both
     */
    @Override
    public synchronized void accept(OutputFrame frame) {
        if (frame.getType() == OutputFrame.OutputType.END) {
            flush(partialOut);
            flush(partialErr);
            ended = true;
            notifyAll();
            return;
        }
        StringBuilder partial = frame.getType() == OutputFrame.OutputType.STDERR ? partialErr : partialOut;
        partial.append(frame.getUtf8String());
        int nl;
        while ((nl = partial.indexOf("\n")) >= 0) {
            lines.add(stripCr(partial.substring(0, nl)));
            partial.delete(0, nl + 1);
        }
        notifyAll();
    }

    private void flush(StringBuilder partial) {
        if (partial.length() > 0) {
            lines.add(stripCr(partial.toString()));
            partial.setLength(0);
        }
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Waits for the first line matching {@code test} and returns it.
     *
     * @param test which line to wait for
     * @param what the line, described for the timeout's message
     * @param timeout how long to wait
     * @return the first matching line
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws TimeoutException if no line matched in time, or the output ended first; its
     *     message holds the whole output
     */
    public synchronized String awaitLine(Predicate<String> test, String what, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                if (test.test(lines.get(seen))) {
                    return lines.get(seen);
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new TimeoutException(name + ": no line " + what
                        + (ended ? " before its output ended" : " within " + timeout.toSeconds() + " s")
                        + "; its output:\n" + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /**
     * Waits for a line containing {@code text}.
     *
     * @param text what the line contains
     * @param timeout how long to wait
     * @return the first line containing {@code text}
     * @throws InterruptedException if the waiting thread is interrupted
     * @throws TimeoutException if no line matched in time, or the output ended first
     */
    public String awaitLine(String text, Duration timeout) throws InterruptedException, TimeoutException {
        return awaitLine(line -> line.contains(text), "containing \"" + text + "\"", timeout);
    }

    /**
     * Every line received so far, stdout and stderr as they arrived.
     *
     * @return the lines
     */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * Everything received so far, one line after another.
     *
     * @return the output as text
     */
    public synchronized String text() {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line).append('\n');
        }
        b.append(partialOut).append(partialErr);
        return b.toString();
    }
}
