package dev.jmpi.launcher;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last lines a rank wrote to stderr, for failure and timeout reports. Thread-safe. */
final class StderrTail {

    private final int capacity;
    private final ArrayDeque<String> lines;

    StderrTail(int capacity) {
        this.capacity = capacity;
        this.lines = new ArrayDeque<>(capacity);
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The last {@code n} lines, oldest first. */
    synchronized List<String> last(int n) {
        List<String> all = new ArrayList<>(lines);
        return all.subList(Math.max(0, all.size() - n), all.size());
    }
}
