package dev.jmpi.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The event-loop group of one mesh and the matching channel classes: native epoll when
 * available (or demanded), Java NIO otherwise. Threads are daemons named
 * {@code jmpi-r<rank>-io-N}, so a transport that is never closed cannot keep a JVM alive.
 */
final class EventLoops {

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> socketChannel;
    private final Class<? extends ServerChannel> serverChannel;
    private final String kind;

    private EventLoops(EventLoopGroup group, Class<? extends SocketChannel> socketChannel,
                       Class<? extends ServerChannel> serverChannel, String kind) {
        this.group = group;
        this.socketChannel = socketChannel;
        this.serverChannel = serverChannel;
        this.kind = kind;
    }

    static EventLoops create(MeshConfig.IoMode mode, int threads, int rank) {
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
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                new DefaultThreadFactory("jmpi-r" + rank + "-io", true), factory);
        return epoll
                ? new EventLoops(group, EpollSocketChannel.class, EpollServerSocketChannel.class, "epoll")
                : new EventLoops(group, NioSocketChannel.class, NioServerSocketChannel.class, "nio");
    }

    EventLoopGroup group() {
        return group;
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

    /** Shuts the loops down without a quiet period; waits up to {@code timeoutMs}. */
    void shutdown(long timeoutMs) {
        group.shutdownGracefully(0, timeoutMs, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeoutMs + 1000);
    }
}
