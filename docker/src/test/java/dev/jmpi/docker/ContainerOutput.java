package dev.jmpi.docker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.testcontainers.containers.output.OutputFrame;

/**
 * A container's stdout and stderr as whole lines, in arrival order, with waits that wake on the
 * line that satisfies them (no polling). Docker frames may split or join lines; this joins
 * them back per stream. Written by Testcontainers' log thread, read by the test thread.
 */
final class ContainerOutput implements Consumer<OutputFrame> {

    private final String name;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partialOut = new StringBuilder();
    private final StringBuilder partialErr = new StringBuilder();
    private boolean ended;

    ContainerOutput(String name) {
        this.name = name;
    }

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

    /** Waits for the first line matching {@code test} and returns it. */
    synchronized String awaitLine(Predicate<String> test, String what, Duration timeout)
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
                throw new TimeoutException(name + ": no line " + what + (ended ? " before its output ended" : " within "
                    + timeout.toSeconds() + " s") + "; its output:\n" + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits for a line containing {@code text}. */
    String awaitLine(String text, Duration timeout) throws InterruptedException, TimeoutException {
        return awaitLine(line -> line.contains(text), "containing \"" + text + "\"", timeout);
    }

    /** Everything received so far. */
    synchronized String text() {
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line).append('\n');
        }
        b.append(partialOut).append(partialErr);
        return b.toString();
    }
}
