package dev.jmpi.core.internal;

import java.util.List;

/**
 * In launched processes: when the process is asked to stop (jmpirun's timeout sends
 * SIGTERM), print what this rank is blocked in, so the launcher can report each rank's
 * pending operation. Run by {@link RankExitGuard}'s exit hook, before the transport closes.
 */
final class HangReport {

    private HangReport() {
    }

    static void report(World world) {
        List<String> pending = world.pendingOperations();
        for (String op : pending) {
            System.err.println("jmpi: rank " + world.rank() + " blocked in " + op);
        }
        System.err.flush();
    }
}
