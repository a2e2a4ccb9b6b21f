package dev.jmpi.core.internal;

import java.util.List;

/**
 * In launched processes: when the process is asked to stop (jmpirun's timeout sends
 * SIGTERM), print what this rank is blocked in, so the launcher can report each rank's
 * pending operation.
 */
final class HangReport {

    private HangReport() {
    }

    static void install(World world) {
        Thread hook = new Thread(() -> report(world), "jmpi-hang-report");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private static void report(World world) {
        List<String> pending = world.pendingOperations();
        for (String op : pending) {
            System.err.println("jmpi: rank " + world.rank() + " blocked in " + op);
        }
        System.err.flush();
    }
}
