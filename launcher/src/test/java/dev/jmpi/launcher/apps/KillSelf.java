package dev.jmpi.launcher.apps;

/** Test rank: {@code KillSelf RANK}: that rank sends itself SIGKILL; the others block. */
public final class KillSelf {

    private KillSelf() {}

    public static void main(String[] args) throws Exception {
        Block.announcePid();
        if (Block.rank() == Integer.parseInt(args[0])) {
            System.err.println("rank " + Block.rank() + " about to SIGKILL itself");
            System.err.flush();
            new ProcessBuilder(
                            "kill",
                            "-KILL",
                            Long.toString(ProcessHandle.current().pid()))
                    .inheritIO()
                    .start();
        }
        Block.forever();
    }
}
