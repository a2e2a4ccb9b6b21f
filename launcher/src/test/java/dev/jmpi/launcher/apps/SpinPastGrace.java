package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/**
 * For {@code --threads}: rank 1 throws while rank 0 computes in its own code, deaf to
 * interrupts, until the system property {@value #RELEASE_PROP} is set (so a test can end
 * the abandoned thread instead of letting it burn a core).
 */
public final class SpinPastGrace {

    /** Set to true to let rank 0 return. */
    public static final String RELEASE_PROP = "jmpi.test.spinPastGrace.release";

    private SpinPastGrace() {}

    public static void main(String[] args) {
        Communicator world = Jmpi.init(args);
        System.out.println("rank " + world.rank() + " joined");
        if (world.rank() == 1) {
            throw new IllegalStateException("rank 1 gives up");
        }
        while (!Boolean.getBoolean(RELEASE_PROP)) {
            Thread.interrupted();
            Thread.onSpinWait();
        }
        world.close();
    }
}
