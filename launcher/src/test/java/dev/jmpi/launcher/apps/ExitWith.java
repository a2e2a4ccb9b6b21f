package dev.jmpi.launcher.apps;

/**
 * Test rank: {@code ExitWith FAILING_RANK CODE}: that rank writes twelve stderr lines and
 * exits with CODE; every other rank prints its pid and blocks until jmpirun stops it.
 */
public final class ExitWith {

    private ExitWith() {}

    public static void main(String[] args) throws InterruptedException {
        int failing = Integer.parseInt(args[0]);
        int code = Integer.parseInt(args[1]);
        Block.announcePid();
        if (Block.rank() == failing) {
            for (int i = 1; i <= 12; i++) {
                System.err.println("error line " + i + " from rank " + failing);
            }
            System.err.flush();
            System.exit(code);
        }
        Block.forever();
    }
}
