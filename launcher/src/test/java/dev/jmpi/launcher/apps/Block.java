package dev.jmpi.launcher.apps;

import java.util.concurrent.CountDownLatch;

/** Helpers for test ranks: print the pid, then block until killed. */
final class Block {

    private Block() {}

    static int rank() {
        return Integer.parseInt(System.getenv("JMPI_RANK"));
    }

    /** Prints {@code pid=<pid>} on stdout. */
    static void announcePid() {
        System.out.println("rank " + rank() + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
    }

    /** Blocks until the process is killed. */
    static void forever() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
