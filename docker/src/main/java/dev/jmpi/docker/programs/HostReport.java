package dev.jmpi.docker.programs;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Prints where each rank really runs, for launch tests: {@code host-report: rank R of N runs
 * on HOST}, HOST being the machine's own name (not the launcher's {@code JMPI_HOSTNAME}).
 * The ranks meet in a barrier first, so every line proves a connected world.
 */
public final class HostReport {

    private HostReport() {}

    /** Runs the report; takes no arguments. */
    public static void main(String[] args) throws UnknownHostException {
        String host = InetAddress.getLocalHost().getHostName();
        try (Communicator world = Jmpi.init(args)) {
            world.barrier();
            System.out.println("host-report: rank " + world.rank() + " of " + world.size() + " runs on " + host);
        }
    }
}
