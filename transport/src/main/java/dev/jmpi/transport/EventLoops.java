package dev.jmpi.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The event loop of one mesh, the {@link ProgressEngine} that decides which thread runs it,
 * and the matching channel classes: native epoll when available (or demanded), Java NIO
 * otherwise. All of a rank's connections share the one loop; it is run by the user thread
 * that waits for the network, or by the daemon thread {@code jmpi-r<rank>-progress} when no
 * user thread does, so a transport that is never closed cannot keep a JVM alive.
 */
final class EventLoops {

    private final DrivenEventLoop loop;
    private final ProgressEngine engine;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends ServerChannel> serverChannel;
    private final String kind;

    private EventLoops(
            IoHandlerFactory factory,
            long spinNanos,
            boolean spinYields,
            int rank,
            Class<? extends SocketChannel> socketChannel,
            Class<? extends ServerChannel> serverChannel,
            String kind) {
        this.loop = new DrivenEventLoop(factory);
        this.engine = new ProgressEngine(loop, spinNanos, spinYields, "jmpi-r" + rank + "-progress");
        this.socketChannel = socketChannel;
        this.serverChannel = serverChannel;
        this.kind = kind;
    }

    static EventLoops create(MeshConfig.IoMode mode, long spinNanos, boolean spinYields, int rank) {
        boolean epoll;
        switch (mode) {
            case EPOLL:
                if (!Epoll.isAvailable()) {
                    throw new IllegalStateException("ioMode=EPOLL but native epoll is unavailable: "
                            + Epoll.unavailabilityCause() + " (use ioMode=auto or nio)");
                }
                epoll = true;
                break;
            case NIO:
                epoll = false;
                break;
            default:
                epoll = Epoll.isAvailable();
        }
        return epoll
                ? new EventLoops(
                        EpollIoHandler.newFactory(),
                        spinNanos,
                        spinYields,
                        rank,
                        EpollSocketChannel.class,
                        EpollServerSocketChannel.class,
                        "epoll")
                : new EventLoops(
                        NioIoHandler.newFactory(),
                        spinNanos,
                        spinYields,
                        rank,
                        NioSocketChannel.class,
                        NioServerSocketChannel.class,
                        "nio");
    }

    /** The loop every channel of the mesh is registered with. */
    DrivenEventLoop loop() {
        return loop;
    }

    ProgressEngine engine() {
        return engine;
    }

    Class<? extends SocketChannel> socketChannel() {
        return socketChannel;
    }

    Class<? extends ServerChannel> serverChannel() {
        return serverChannel;
    }

    /** {@code epoll} or {@code nio}. */
    String kind() {
        return kind;
    }

    /** Terminates the loop (closing every channel still open); waits up to {@code timeoutMs}. */
    void shutdown(long timeoutMs) {
        engine.shutdown();
        loop.terminationFuture().awaitUninterruptibly(timeoutMs);
    }

    /** Starts termination without waiting; for a close from inside a transport callback. */
    void shutdownLater() {
        engine.shutdown();
    }
}
