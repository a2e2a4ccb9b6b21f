package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** After a barrier over the mesh, prints where this rank's Netty epoll library was mapped from. */
public final class NettyLibraryMapping {

    private NettyLibraryMapping() {}

    public static void main(String[] args) throws IOException {
        try (Communicator world = Jmpi.init(args)) {
            world.barrier();
            String mapped = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(l -> l.contains("netty_transport_native_epoll"))
                    .map(l -> l.substring(l.indexOf('/')))
                    .findFirst()
                    .orElse("none");
            System.out.println("rank " + world.rank() + " epoll library: " + mapped);
        }
    }
}
