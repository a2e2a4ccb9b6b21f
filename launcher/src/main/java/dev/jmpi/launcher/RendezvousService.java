package dev.jmpi.launcher;

import dev.jmpi.transport.rendezvous.LifelineListener;
import dev.jmpi.transport.rendezvous.TcpRendezvousServer;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The job's rendezvous, hosted by jmpirun: every rank publishes its listen address to it
 * and gets the whole table back. Authenticated with the job secret. Listens on
 * {@code --port}, else the first free port of {@code --port-range}, else an ephemeral port.
 * Each rank's connection stays open as its lifeline: reports arrive on it, and closing the
 * service (or jmpirun dying) ends every rank still running.
 */
final class RendezvousService implements AutoCloseable {

    private final TcpRendezvousServer server;
    private final String advertised;

    private RendezvousService(TcpRendezvousServer server, String advertised) {
        this.server = server;
        this.advertised = advertised;
    }

    /**
     * Starts listening.
     *
     * @throws LaunchException naming the address and option if no port can be bound
     */
    static RendezvousService start(
            NetworkPlan plan, String jobId, byte[] secret, int size, LifelineListener lifelines) {
        if (plan.port() != 0 || plan.portRange() == null) {
            try {
                return started(
                        plan, TcpRendezvousServer.start(plan.bindHost(), plan.port(), jobId, secret, size, lifelines));
            } catch (RuntimeException e) {
                throw new LaunchException(
                        "cannot start the rendezvous on " + plan.bindHost() + ":" + plan.port()
                                + (plan.port() != 0 ? " (--port " + plan.port() + ")" : "") + ": " + e.getMessage(),
                        e);
            }
        }
        PortRange range = plan.portRange();
        RuntimeException last = null;
        for (int port = range.first(); port <= range.last(); port++) {
            try {
                return started(plan, TcpRendezvousServer.start(plan.bindHost(), port, jobId, secret, size, lifelines));
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new LaunchException(
                "--port-range " + range + " exhausted: no free port on " + plan.bindHost()
                        + " for the rendezvous (last error: " + (last == null ? "none" : last.getMessage()) + ")",
                last);
    }

    private static RendezvousService started(NetworkPlan plan, TcpRendezvousServer server) {
        InetSocketAddress bound = server.address();
        String host = plan.advertiseHost();
        String hostPart = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return new RendezvousService(server, hostPart + ":" + bound.getPort());
    }

    /** {@code host:port} ranks dial ({@code JMPI_RENDEZVOUS}). */
    String address() {
        return advertised;
    }

    /** Waits until every rank has published its address; returns whether that happened in time. */
    boolean awaitComplete(Duration timeout) {
        try {
            return server.awaitComplete(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
