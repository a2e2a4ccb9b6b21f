package dev.jmpi.transport.rendezvous;

import dev.jmpi.proto.RankReport;
import dev.jmpi.proto.RendezvousMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rank's end of its rendezvous connection, kept open after the peer table when a launcher
 * (jmpirun) started the rank. It works both ways: the rank reports how it ends on it
 * ({@link #report}), and when the launcher goes away, however it died, the connection
 * closes and {@code onLost} is called once with the reason.
 *
 * <p>Threads: one daemon thread reads until the connection ends (the launcher sends nothing); {@link #report} may be called from any thread and is serialized.
 */
public final class Lifeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lifeline.class);

    private final Socket socket;
    private final String service;
    private final Consumer<String> onLost;
    private volatile boolean closing;

    private Lifeline(Socket socket, String service, Consumer<String> onLost) {
        this.socket = socket;
        this.service = service;
        this.onLost = onLost;
    }

    /** Takes over {@code socket} (registered, table received) and starts watching it. */
    static Lifeline watch(Socket socket, String service, int rank, Consumer<String> onLost) throws IOException {
        socket.setSoTimeout(0);
        socket.setKeepAlive(true);
        Lifeline lifeline = new Lifeline(socket, service, onLost);
        Thread t = new Thread(lifeline::watchLoop, "jmpi-lifeline-rank-" + rank);
        t.setDaemon(true);
        t.start();
        return lifeline;
    }

    /** {@code host:port} of the launcher's rendezvous. */
    public String service() {
        return service;
    }

    private void watchLoop() {
        String reason;
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // The launcher sends nothing after the table; only the end matters.
            }
            reason = "connection closed";
        } catch (IOException e) {
            reason = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        if (!closing) {
            onLost.accept(reason);
        }
    }

    /**
     * Sends {@code report} to the launcher; best effort (a report to a launcher that is gone
     * is dropped, the watch thread handles that).
     */
    public void report(RankReport report) {
        synchronized (this) {
            try {
                OutputStream out = socket.getOutputStream();
                RendezvousWire.write(
                        out, RendezvousMessage.newBuilder().setReport(report).build());
            } catch (IOException e) {
                LOG.debug("report {} to the launcher at {} not sent: {}", report.getState(), service, e.toString());
            }
        }
    }

    /** Closes the connection without calling {@code onLost}. */
    @Override
    public void close() {
        closing = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("close failed", e);
        }
    }
}
