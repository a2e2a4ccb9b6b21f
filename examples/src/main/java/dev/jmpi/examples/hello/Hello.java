package dev.jmpi.examples.hello;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/** Every rank says who it is and where it runs. */
public final class Hello {

    private Hello() {}

    /** Run with {@code bin/jmpirun -n 4 -cp examples/target/classes dev.jmpi.examples.hello.Hello}. */
    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            System.out.println(
                    "Hello from rank " + world.rank() + " of " + world.size() + " on " + Jmpi.processorName());
        }
    }
}
