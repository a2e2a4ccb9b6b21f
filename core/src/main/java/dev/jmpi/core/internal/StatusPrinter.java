package dev.jmpi.core.internal;

import java.util.List;

/**
 * Live status ({@code jmpirun --status-every 30s}, {@code JMPI_STATUS_EVERY_MS}): every period
 * a daemon thread prints on stderr what this rank is inside, one line per pending operation
 * with the peer it waits for and for how long ({@code jmpi: rank 0 status: in recv(source=1,
 * tag=7) for 5003 ms}), or that it is outside jmpi. Ends when the world is finalized.
 */
final class StatusPrinter {

    private StatusPrinter() {}

    static void start(World world, long periodMs) {
        Thread t = new Thread(() -> loop(world, periodMs), "jmpi-r" + world.rank() + "-status");
        t.setDaemon(true);
        t.start();
    }

    private static void loop(World world, long periodMs) {
        try {
            while (!world.finalizedHere()) {
                Thread.sleep(periodMs);
                if (world.finalizedHere()) {
                    return;
                }
                for (String line : lines(world.rank(), world.pendingOperations())) {
                    System.err.println(line);
                }
                System.err.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The status lines of {@code rank} with these pending operations. */
    static List<String> lines(int rank, List<String> pending) {
        if (pending.isEmpty()) {
            return List.of("jmpi: rank " + rank + " status: not inside a jmpi call (computing, or between calls)");
        }
        return pending.stream()
                .map(op -> HangReport.line(rank, op).replace(" blocked in ", " status: in "))
                .toList();
    }
}
