package com.example;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.util.List;

/** A modular application: ModulePathIT runs it as 2 ranks with jmpi-core on the module path. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            List<String> all = world.allgatherObject("rank " + world.rank() + " of module "
                + Main.class.getModule().getName() + " calls module " + Communicator.class.getModule().getName());
            System.out.println("rank " + world.rank() + " got " + all);
        }
    }
}
