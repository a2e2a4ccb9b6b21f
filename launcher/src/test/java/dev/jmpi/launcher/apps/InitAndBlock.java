package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/** Test rank: joins the job (Jmpi.init), prints its pid, and blocks until killed. */
public final class InitAndBlock {

    private InitAndBlock() {}

    public static void main(String[] args) throws InterruptedException {
        Communicator world = Jmpi.init(args);
        world.barrier();
        Block.announcePid();
        Block.forever();
    }
}
