package dev.jmpi.core.observe;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import org.jspecify.annotations.Nullable;

/**
 * jmpi's JFR events, beside GC and allocation in JDK Mission Control: one per completed
 * point-to-point call ({@code dev.jmpi.PointToPoint}) and per collective call
 * ({@code dev.jmpi.Collective}). The event begins on the calling thread and is committed on
 * the completing one.
 */
final class JfrEvents {

    private JfrEvents() {}

    /** Fields common to both events. */
    abstract static class Base extends Event {
        @Label("Operation")
        @Nullable
        String operation; // set before commit

        @Label("Rank")
        int rank;

        @Label("Peer")
        @Description("Destination or source (world rank); the root of a rooted collective; -1 for none")
        int peer;

        @Label("Bytes")
        @DataAmount
        long bytes;

        @Label("Context")
        int context;

        @Label("Failed")
        boolean failed;
    }

    /** A send or receive. */
    @Name("dev.jmpi.PointToPoint")
    @Label("jmpi Point-to-Point")
    @Category({"jmpi"})
    @StackTrace(false)
    static final class PointToPoint extends Base {
        @Label("Tag")
        int tag;
    }

    /** A collective call. */
    @Name("dev.jmpi.Collective")
    @Label("jmpi Collective")
    @Category({"jmpi"})
    @StackTrace(false)
    static final class Collective extends Base {
        @Label("Sequence")
        long sequence;

        @Label("Algorithm")
        @Nullable
        String algorithm; // set before commit
    }
}
