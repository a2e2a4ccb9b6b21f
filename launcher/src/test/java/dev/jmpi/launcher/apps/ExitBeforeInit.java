package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/**
 * Test rank: {@code ExitBeforeInit RANK throw|return|late-return}: that rank never joins
 * the job: it throws {@code IllegalArgumentException: bad input file} or returns 0 from main
 * before {@code Jmpi.init} (late-return: after 4 s, by when the others have usually joined
 * the rendezvous); the others join and would wait for it there.
 */
public final class ExitBeforeInit {

    private ExitBeforeInit() {}

    public static void main(String[] args) throws InterruptedException {
        Block.announcePid();
        if (Block.rank() == Integer.parseInt(args[0])) {
            if (args[1].equals("throw")) {
                throw new IllegalArgumentException("bad input file");
            }
            if (args[1].equals("late-return")) {
                Thread.sleep(4_000);
            }
            return;
        }
        try (Communicator world = Jmpi.init(args)) {
            world.barrier();
        }
    }
}
