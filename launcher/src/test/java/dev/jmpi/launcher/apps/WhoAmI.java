package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/** Proves static state is per rank: each rank counts its inits in a static and prints its world. */
public final class WhoAmI {

    private static int inits;

    private WhoAmI() {}

    public static void main(String[] args) {
        inits++;
        try (Communicator world = Jmpi.init(args)) {
            world.barrier();
            System.out.println("rank " + world.rank() + " of " + world.size() + " inits=" + inits + " sameWorld="
                    + (Jmpi.world().orElse(null) == world));
            System.err.println("rank " + world.rank() + " to stderr");
        }
    }
}
