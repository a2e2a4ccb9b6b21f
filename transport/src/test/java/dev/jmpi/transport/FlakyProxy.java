package dev.jmpi.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy in front of a real listener whose first connections misbehave, the way
 * a loaded or lossy network does: {@link Misbehaviour#SILENT} accepts and never answers (the
 * handshake times out), {@link Misbehaviour#DROP} closes at once. Later connections are piped
 * through both ways.
 */
final class FlakyProxy implements AutoCloseable {

    enum Misbehaviour {
        SILENT,
        DROP
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final int badConnections;
    private final Misbehaviour misbehaviour;
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private FlakyProxy(InetSocketAddress target, int badConnections, Misbehaviour misbehaviour) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.badConnections = badConnections;
        this.misbehaviour = misbehaviour;
        daemon("proxy-accept", this::acceptLoop);
    }

    static FlakyProxy start(InetSocketAddress target, int badConnections, Misbehaviour misbehaviour)
            throws IOException {
        return new FlakyProxy(target, badConnections, misbehaviour);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far, bad ones included. */
    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket in = server.accept();
                sockets.add(in);
                if (accepted.incrementAndGet() <= badConnections) {
                    if (misbehaviour == Misbehaviour.DROP) {
                        in.close();
                    }
                    continue;
                }
                Socket out = new Socket(target.getAddress(), target.getPort());
                sockets.add(out);
                daemon("proxy-up", () -> pipe(in, out));
                daemon("proxy-down", () -> pipe(out, in));
            }
        } catch (IOException e) {
            // Closed: the test is over.
        }
    }

    private static void pipe(Socket from, Socket to) {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // One side closed; closing both below ends the other pipe.
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private static void daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(FlakyProxy::closeQuietly);
    }
}
