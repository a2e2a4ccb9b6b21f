package dev.jmpi.launcher;

import java.io.PrintWriter;

/**
 * jmpirun's stdout and stderr behind one lock, so that a line from a rank or from jmpirun
 * itself is always written whole, never interleaved mid-line with another.
 */
final class Console {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Object lock = new Object();

    Console(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /** Writes one line to stdout and flushes. */
    void out(String line) {
        synchronized (lock) {
            out.println(line);
            out.flush();
        }
    }

    /** Writes one line to stderr and flushes. */
    void err(String line) {
        synchronized (lock) {
            err.println(line);
            err.flush();
        }
    }

    /** Writes lines to stderr as one block (no other line comes between them). */
    void errBlock(Iterable<String> lines) {
        synchronized (lock) {
            for (String line : lines) {
                err.println(line);
            }
            err.flush();
        }
    }
}
