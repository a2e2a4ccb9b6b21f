package dev.jmpi.core.internal;

import java.util.List;

/**
 * In launched processes: when the process is asked to stop (jmpirun's timeout sends
 * SIGTERM), print what this rank is blocked in, so the launcher can report each rank's
 * pending operation. Run by {@link RankExitGuard}'s exit hook, before the transport closes.
 */
final class HangReport {

    private HangReport() {}

    /**
     * {@code jmpi: rank 0 blocked in recv(source=1, tag=7) for 5003 ms}: an operation's
     * description starts with its communicator rank ({@code rank 0: }), which on the world
     * communicator repeats the world rank the line already names, so it is dropped there;
     * on another communicator it is kept, after the operation.
     */
    static String line(int worldRank, String operation) {
        return "jmpi: " + blockedIn(worldRank, operation);
    }

    /**
     * {@code rank 0 blocked in recv(source=1, tag=7) for 5003 ms}: the world rank named once,
     * as {@link #line} explains; also the in-process harness's report ({@link InProcessJob}).
     */
    static String blockedIn(int worldRank, String operation) {
        String own = "rank " + worldRank + ": ";
        if (operation.startsWith(own)) {
            return "rank " + worldRank + " blocked in " + operation.substring(own.length());
        }
        int world = operation.indexOf(" (world rank " + worldRank + "): ");
        if (operation.startsWith("rank ") && world > 0) {
            int start = operation.indexOf("): ", world) + 3;
            return "rank " + worldRank + " blocked in " + operation.substring(start) + " (as "
                    + operation.substring(0, world) + " of a sub-communicator)";
        }
        return "rank " + worldRank + " blocked in " + operation;
    }

    static void report(World world) {
        List<String> pending = world.pendingOperations();
        for (String op : pending) {
            System.err.println(line(world.rank(), op));
        }
        System.err.flush();
    }
}
