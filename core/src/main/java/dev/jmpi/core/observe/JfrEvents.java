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
 *
 * <p>{@link Recorder} reaches these classes only through {@link #begin} and {@link #commit}, so
 * that a rank without JFR never loads {@code jdk.jfr.Event} and its machinery (~3 MiB of
 * Metaspace and class data per rank): a field or local of an event type in Recorder would make
 * the verifier load them when Recorder loads.
 */
final class JfrEvents {

    private JfrEvents() {}

    /** A begun event for a collective or point-to-point call, or null when no recording wants it. */
    static @Nullable Object begin(boolean collective) {
        Base e = collective ? new Collective() : new PointToPoint();
        if (!e.isEnabled()) {
            return null;
        }
        e.begin();
        return e;
    }

    /** Ends and commits an event {@link #begin} returned, with the call's details. */
    static void commit(
            Object event,
            String operation,
            @Nullable String algorithm,
            int rank,
            int peer,
            int tag,
            int context,
            long bytes,
            long sequence,
            boolean failed) {
        Base e = (Base) event;
        e.end();
        e.operation = operation;
        e.rank = rank;
        e.peer = peer;
        e.bytes = bytes;
        e.context = context;
        e.failed = failed;
        if (e instanceof PointToPoint p) {
            p.tag = tag;
        } else if (e instanceof Collective c) {
            c.sequence = sequence;
            c.algorithm = algorithm;
        }
        e.commit();
    }

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
