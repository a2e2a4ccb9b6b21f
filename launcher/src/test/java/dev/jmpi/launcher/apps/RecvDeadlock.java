package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/** Every rank receives from its right neighbour, which never sends: a deadlock for --timeout to end. */
public final class RecvDeadlock {

    private RecvDeadlock() {}

    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            world.recv(new int[1], (world.rank() + 1) % world.size(), 7);
        }
    }
}
