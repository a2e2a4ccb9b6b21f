package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/** Test rank: joins, then every rank waits for a message (tag 7) from its right neighbour that never comes. */
public final class RecvForever {

    private RecvForever() {}

    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            world.recv(new int[1], 0, 1, (world.rank() + 1) % world.size(), 7);
        }
    }
}
