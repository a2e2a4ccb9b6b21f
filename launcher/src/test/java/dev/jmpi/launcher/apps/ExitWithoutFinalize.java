package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/**
 * Test rank: {@code ExitWithoutFinalize RANK}: every rank joins; that rank then calls
 * {@code System.exit(0)} without closing its world communicator, while the others wait for
 * a message from it (which never comes; they fail when they notice it is gone).
 */
public final class ExitWithoutFinalize {

    private ExitWithoutFinalize() {}

    public static void main(String[] args) {
        int quitter = Integer.parseInt(args[0]);
        Communicator world = Jmpi.init(args);
        world.barrier();
        Block.announcePid();
        if (world.rank() == quitter) {
            System.exit(0);
        }
        world.recv(new int[1], 0, 1, quitter, 5);
        world.close();
    }
}
