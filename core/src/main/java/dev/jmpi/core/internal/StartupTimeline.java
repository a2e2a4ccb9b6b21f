package dev.jmpi.core.internal;

import dev.jmpi.proto.StartupMark;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each step of this rank's start-up happened, for {@code jmpirun --timeline}: the JVM's
 * start, {@code Jmpi.init} entered, the peer table received from
 * the rendezvous, the mesh connected. Wall-clock times, so that jmpirun can line them up with
 * its own (fork, registration) on one host. Recording costs a clock read per step; the marks
 * are sent only when {@link CoreSettings#TIMELINE} is on ({@code JMPI_TIMELINE=1}).
 */
final class StartupTimeline {

    static final String JVM_STARTED = "jvm started";
    static final String INIT_CALLED = "init called";
    static final String PEER_TABLE = "peer table";
    static final String MESH_CONNECTED = "mesh connected";

    private static final List<StartupMark> MARKS = new ArrayList<>();

    private StartupTimeline() {}

    /** Records that step {@code name} happened now. */
    static synchronized void mark(String name) {
        MARKS.add(at(name, Instant.now()));
    }

    /**
     * The JVM's start, then every step recorded so far. The JVM's own record of its start is
     * used: the operating system's ({@code ProcessHandle.Info.startInstant}) is derived from a
     * boot time in whole seconds and was off by up to a second here.
     */
    static synchronized List<StartupMark> marks() {
        List<StartupMark> all = new ArrayList<>(MARKS.size() + 1);
        all.add(at(
                JVM_STARTED,
                Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime())));
        all.addAll(MARKS);
        return all;
    }

    static synchronized void clear() {
        MARKS.clear();
    }

    /** Step {@code name} at wall-clock time {@code t}, as it goes on the wire. */
    static StartupMark at(String name, Instant t) {
        return StartupMark.newBuilder()
                .setName(name)
                .setEpochMicros(t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000)
                .build();
    }
}
