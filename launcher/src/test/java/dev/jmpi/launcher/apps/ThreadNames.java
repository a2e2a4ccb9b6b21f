package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.util.TreeSet;

/** Test rank: prints the names of its live threads after joining, to show what the join started. */
public final class ThreadNames {

    private ThreadNames() {}

    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            world.barrier();
            TreeSet<String> names = new TreeSet<>();
            Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
            System.out.println("rank " + world.rank() + " threads: " + String.join(",", names));
        }
    }
}
