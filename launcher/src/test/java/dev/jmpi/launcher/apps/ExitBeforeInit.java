package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/**
 * Test rank: {@code ExitBeforeInit RANK throw|return}: that rank never joins the job: it
 * throws {@code IllegalArgumentException: bad input file} or returns 0 from main before
 * {@code Jmpi.init}; the others join and would wait for it in the rendezvous.
 */
public final class ExitBeforeInit {

    private ExitBeforeInit() {
    }

    public static void main(String[] args) {
        Block.announcePid();
        if (Block.rank() == Integer.parseInt(args[0])) {
            if (args[1].equals("throw")) {
                throw new IllegalArgumentException("bad input file");
            }
            return;
        }
        try (Communicator world = Jmpi.init(args)) {
            world.barrier();
        }
    }
}
