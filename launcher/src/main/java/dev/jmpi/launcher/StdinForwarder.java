package dev.jmpi.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies jmpirun's stdin to one rank's stdin on a daemon thread, flushing as data comes, and
 * closes the rank's stdin at EOF so the rank sees the end of input.
 */
final class StdinForwarder {

    private StdinForwarder() {}

    /** Starts forwarding {@code in} to {@code rankStdin}. */
    static void start(InputStream in, OutputStream rankStdin, int rank) {
        Thread t = new Thread(() -> copy(in, rankStdin), "jmpirun-stdin-rank-" + rank);
        t.setDaemon(true);
        t.start();
    }

    private static void copy(InputStream in, OutputStream out) {
        byte[] buf = new byte[8192];
        try (out) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // The rank exited or closed its stdin; stop forwarding.
            return;
        }
    }
}
