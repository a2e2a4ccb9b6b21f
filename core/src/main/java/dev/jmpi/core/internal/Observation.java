package dev.jmpi.core.internal;

import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.core.observe.ClockSync;
import dev.jmpi.core.observe.JobReport;
import dev.jmpi.core.observe.ObserveConfig;
import dev.jmpi.core.observe.RankObservation;
import dev.jmpi.core.observe.Recorder;
import dev.jmpi.core.observe.Span;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Connects a rank to its {@link Recorder}: installs it at init (after aligning clocks over
 * the mesh), ends each call's span when its request completes, and at finalize writes what
 * was recorded (the rank's observation file for jmpirun, or its own statistics table and
 * trace without one). The status printer ({@code JMPI_STATUS_EVERY_MS}) starts here too.
 */
public final class Observation implements Runnable {

    private final Recorder recorder;
    private final Completion request;
    private final Span span;
    private final CommunicatorImpl comm;
    private final boolean receive;

    private Observation(Recorder recorder, Completion request, Span span, CommunicatorImpl comm, boolean receive) {
        this.recorder = recorder;
        this.request = request;
        this.span = span;
        this.comm = comm;
        this.receive = receive;
    }

    /**
     * Installs the recorder the world's {@link JmpiConfig#observe()} asks for on {@code world}'s
     * rank; with {@code syncClocks}, first estimates the clock offset to rank 0 (collective).
     */
    public static void start(WorldCommunicator world, boolean syncClocks) {
        start(world, world.world().config().observe(), syncClocks);
    }

    /** Installs a recorder made with {@code config} (tests choose it). */
    public static void start(WorldCommunicator world, ObserveConfig config, boolean syncClocks) {
        World w = world.world();
        if (config.records()) {
            Recorder r = new Recorder(w.rank(), config);
            if (syncClocks && world.size() > 1 && (config.stats() || config.trace() != null)) {
                ClockSync.run(world, r);
            }
            w.recorder(r);
        }
        if (config.statusEveryMs() > 0) {
            StatusPrinter.start(w, config.statusEveryMs());
        }
    }

    /** The recorder of {@code comm}'s rank ({@link Recorder#OFF} if none). */
    public static Recorder recorder(dev.jmpi.Communicator comm) {
        return comm instanceof CommunicatorImpl c ? c.world().recorder() : Recorder.OFF;
    }

    /**
     * A point-to-point call was posted as {@code r}: its span ends when {@code r} completes
     * (a receive then learns its source, tag and bytes from the status).
     */
    static Request attach(CommunicatorImpl comm, Span span, Request r, boolean receive) {
        if (r instanceof Completion c) {
            c.whenDone(new Observation(comm.world().recorder(), c, span, comm, receive));
        } else {
            end(comm.world().recorder(), span, comm, receive, r.status(), false);
        }
        return r;
    }

    /** A collective call starts (on the calling thread, before its first round is posted). */
    static Span beginCollective(CommunicatorImpl comm, dev.jmpi.proto.CollectiveSignature sig) {
        String op = sig.getOperation();
        boolean rooted = ROOTED.contains(op) && sig.getRoot() >= 0 && sig.getRoot() < comm.size();
        long bytes = Math.max(0, sig.getCount()) * WireTypes.fromWire(sig.getDataType()).sizeBytes();
        return comm.world().recorder().begin(true, op, rooted ? comm.worldRankOf(sig.getRoot()) : -1, -1,
            comm.context() + 1, bytes, sig.getSequence());
    }

    private static final java.util.Set<String> ROOTED = java.util.Set.of("bcast", "reduce", "gather", "gatherv",
        "scatter", "scatterv", "ibcast", "ireduce", "igather", "igatherv", "iscatter", "iscatterv");

    /** A collective call's request: its span ends when it completes. */
    static Request attachCollective(CommunicatorImpl comm, Span span, Request r) {
        if (r instanceof Completion c) {
            c.whenDone(new Observation(comm.world().recorder(), c, span, comm, false));
        } else {
            comm.world().recorder().end(span, false);
        }
        return r;
    }

    @Override
    public void run() {
        boolean failed = request.failure() != null;
        end(recorder, span, comm, receive, failed ? null : request.status(), failed);
    }

    private static void end(Recorder rec, Span span, CommunicatorImpl comm, boolean receive, Status s,
                            boolean failed) {
        if (receive && s != null) {
            rec.end(span, peerOf(comm, s, -1), s.tag(), bytesOf(s, 0), failed);
        } else {
            rec.end(span, failed);
        }
    }

    private static int peerOf(CommunicatorImpl comm, Status s, int none) {
        if (s == null || s.source() < 0 || s.source() >= comm.size()) {
            return none;
        }
        return comm.worldRankOf(s.source());
    }

    private static long bytesOf(Status s, long none) {
        return s == null || s.datatype() == null ? none : (long) s.count() * s.datatype().sizeBytes();
    }

    /**
     * Finalize: write what this rank recorded. With an observation directory, the rank's
     * file there (jmpirun merges them); else the statistics table on stderr and the trace in
     * {@code FILE} with {@code .rank-N} before its extension.
     */
    static void finish(World world) {
        Recorder r = world.recorder();
        ObserveConfig c = r.config();
        if (!c.stats() && c.trace() == null) {
            return;
        }
        try {
            RankObservation o = r.snapshot(host(), ProcessHandle.current().pid());
            if (c.observeDir() != null) {
                Files.createDirectories(c.observeDir());
                o.write(c.observeDir().resolve(RankObservation.fileName(world.rank())));
                return;
            }
            JobReport own = new JobReport(List.of(o));
            if (c.stats()) {
                System.err.print(own.statisticsTable());
                System.err.flush();
            }
            if (c.trace() != null) {
                String name = c.trace();
                int dot = name.lastIndexOf('.');
                String file = dot > 0 ? name.substring(0, dot) + ".rank-" + world.rank() + name.substring(dot)
                    : name + ".rank-" + world.rank();
                own.writeTrace(Path.of(file));
            }
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("jmpi: rank " + world.rank() + " could not write its observations: " + e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
