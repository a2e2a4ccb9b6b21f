package dev.jmpi.launcher.apps;

/**
 * Test rank standing in for a rank stuck in a jmpi operation: prints its pid and blocks;
 * on SIGTERM it prints a {@code jmpi: rank N blocked in ...} line to stderr as the core
 * does. With argument {@code stubborn} it then refuses to exit, so only SIGKILL ends it.
 */
public final class Hang {

    private Hang() {}

    public static void main(String[] args) throws InterruptedException {
        int rank = Block.rank();
        boolean stubborn = args.length > 0 && args[0].equals("stubborn");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("jmpi: rank " + rank + " blocked in recv(source=" + ((rank + 1) % 2) + ", tag=7)");
            System.err.flush();
            if (stubborn) {
                try {
                    Block.forever();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        Block.announcePid();
        Block.forever();
    }
}
