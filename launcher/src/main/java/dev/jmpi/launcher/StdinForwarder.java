package dev.jmpi.launcher;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;

/**
 * Copies jmpirun's stdin to one rank's stdin on a daemon thread, flushing as data comes, and
 * closes the rank's stdin at EOF so the rank sees the end of input.
 *
 * <p>When the job ends the thread is interrupted ({@link #stop}): reading jmpirun's stdin
 * through {@link #interruptibleStdin()} it then leaves its blocking read. A thread still
 * blocked in a read (a terminal, an open pipe) makes HotSpot's exit wait ~300 ms for it.
 */
final class StdinForwarder {

    private StdinForwarder() {}

    /** Starts forwarding {@code in} to {@code rankStdin}; returns the forwarding thread. */
    static Thread start(InputStream in, OutputStream rankStdin, int rank) {
        Thread t = new Thread(() -> copy(in, rankStdin), "jmpirun-stdin-rank-" + rank);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** This process's stdin as a stream whose blocking read ends when the reading thread is interrupted. */
    static InputStream interruptibleStdin() {
        return Channels.newInputStream(new FileInputStream(FileDescriptor.in).getChannel());
    }

    /** Stops forwarding (the job ended): a read from an interruptible stream ends at once. */
    static void stop(Thread forwarder) {
        if (forwarder != null) {
            forwarder.interrupt();
        }
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
