package dev.jmpi.core.internal;

import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.core.observe.ClockSync;
import dev.jmpi.core.observe.JobReport;
import dev.jmpi.core.observe.Names;
import dev.jmpi.core.observe.ObserveConfig;
import dev.jmpi.core.observe.RankObservation;
import dev.jmpi.core.observe.Recorder;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Connects a rank to its {@link Recorder}: installs it at init (after aligning clocks over
 * the mesh), ends each call's record when its request completes, and at finalize writes what
 * was recorded (the rank's observation file for jmpirun, or its own statistics table and
 * trace without one). The status printer ({@code JMPI_STATUS_EVERY_MS}) starts here too.
 *
 * <p>A call already complete when it is posted (an eager send) is recorded at once; any
 * other gets one of these as its completion callback, holding what the call began with
 * (written on the calling thread, read on the completing one after the hand-off).
 */
public final class Observation implements Runnable {

    static final int SEND = Names.key("send", null);
    static final int SSEND = Names.key("ssend", null);
    static final int RECV = Names.key("recv", null);
    static final int IRECV = Names.key("irecv", null);

    private final Recorder recorder;
    private final Completion request;
    private final CommunicatorImpl comm;
    private final boolean receive;
    private final long start;
    private final long thread;
    private final int key;
    private final boolean collective;
    private final int peer;
    private final int tag;
    private final int context;
    private final long bytes;
    private final long sequence;
    private final @Nullable Object jfr;

    private Observation(
            Recorder recorder,
            Completion request,
            CommunicatorImpl comm,
            boolean receive,
            long start,
            long thread,
            int key,
            boolean collective,
            int peer,
            int tag,
            int context,
            long bytes,
            long sequence,
            @Nullable Object jfr) {
        this.recorder = recorder;
        this.request = request;
        this.comm = comm;
        this.receive = receive;
        this.start = start;
        this.thread = thread;
        this.key = key;
        this.collective = collective;
        this.peer = peer;
        this.tag = tag;
        this.context = context;
        this.bytes = bytes;
        this.sequence = sequence;
        this.jfr = jfr;
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

    /** The key of a receive named {@code name} ({@code recv}, {@code irecv}, {@code sendrecv}, ...). */
    static int receiveKey(String name) {
        return "recv".equals(name) ? RECV : "irecv".equals(name) ? IRECV : Names.key(name, null);
    }

    /**
     * A point-to-point call that started at {@code start} (with JFR event {@code jfr}, or
     * null) was posted as {@code r}, on this thread: it is recorded when {@code r} completes
     * (a receive then learns its source, tag and bytes from the status).
     */
    static Request attach(
            CommunicatorImpl comm,
            long start,
            @Nullable Object jfr,
            int key,
            int peerWorld,
            int tag,
            long bytes,
            Request r,
            boolean receive) {
        attach(comm, start, jfr, key, false, peerWorld, tag, comm.context(), bytes, 0, r, receive);
        return r;
    }

    /**
     * A collective call that started at {@code start} (with JFR event {@code jfr}, or null)
     * was posted as {@code r}, on this thread; {@code algorithm} names the schedule's
     * algorithm ("" or null for none).
     */
    static Request attachCollective(
            CommunicatorImpl comm,
            long start,
            @Nullable Object jfr,
            dev.jmpi.proto.CollectiveSignature sig,
            @Nullable String algorithm,
            Request r) {
        String op = sig.getOperation();
        boolean rooted = ROOTED.contains(op) && sig.getRoot() >= 0 && sig.getRoot() < comm.size();
        long bytes = Math.max(0, sig.getCount())
                * WireTypes.fromWire(sig.getDataType()).sizeBytes();
        attach(
                comm,
                start,
                jfr,
                Names.key(op, algorithm),
                true,
                rooted ? comm.worldRankOf(sig.getRoot()) : -1,
                -1,
                comm.context() + 1,
                bytes,
                sig.getSequence(),
                r,
                false);
        return r;
    }

    private static final java.util.Set<String> ROOTED = java.util.Set.of(
            "bcast",
            "reduce",
            "gather",
            "gatherv",
            "scatter",
            "scatterv",
            "ibcast",
            "ireduce",
            "igather",
            "igatherv",
            "iscatter",
            "iscatterv");

    private static void attach(
            CommunicatorImpl comm,
            long start,
            @Nullable Object jfr,
            int key,
            boolean collective,
            int peer,
            int tag,
            int context,
            long bytes,
            long sequence,
            Request r,
            boolean receive) {
        Recorder rec = comm.world().recorder();
        long thread = Thread.currentThread().getId();
        if (r instanceof Completion c && !c.isDone()) {
            c.whenDone(new Observation(
                    rec, c, comm, receive, start, thread, key, collective, peer, tag, context, bytes, sequence, jfr));
            return;
        }
        boolean failed = r instanceof Completion c && c.failure() != null;
        end(
                rec,
                comm,
                receive,
                failed ? null : r.status().orElse(null),
                start,
                thread,
                key,
                collective,
                peer,
                tag,
                context,
                bytes,
                sequence,
                jfr,
                failed);
    }

    @Override
    public void run() {
        boolean failed = request.failure() != null;
        end(
                recorder,
                comm,
                receive,
                failed ? null : request.status().orElse(null),
                start,
                thread,
                key,
                collective,
                peer,
                tag,
                context,
                bytes,
                sequence,
                jfr,
                failed);
    }

    private static void end(
            Recorder rec,
            CommunicatorImpl comm,
            boolean receive,
            @Nullable Status s,
            long start,
            long thread,
            int key,
            boolean collective,
            int peer,
            int tag,
            int context,
            long bytes,
            long sequence,
            @Nullable Object jfr,
            boolean failed) {
        int p = peer;
        int t = tag;
        long n = bytes;
        if (receive && s != null) {
            p = peerOf(comm, s, -1);
            t = s.tag();
            n = bytesOf(s, 0);
        }
        rec.end(start, thread, key, collective, p, t, context, n, sequence, failed);
        if (jfr != null) {
            rec.commitJfr(jfr, key, collective, p, t, context, n, sequence, failed);
        }
    }

    private static int peerOf(CommunicatorImpl comm, Status s, int none) {
        if (s == null || s.source() < 0 || s.source() >= comm.size()) {
            return none;
        }
        return comm.worldRankOf(s.source());
    }

    private static long bytesOf(Status s, long none) {
        return s == null || s.datatype() == null
                ? none
                : (long) s.count() * s.datatype().sizeBytes();
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
            RankObservation o;
            try {
                o = r.snapshot(host(), ProcessHandle.current().pid());
            } finally {
                r.close();
            }
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
                String file = dot > 0
                        ? name.substring(0, dot) + ".rank-" + world.rank() + name.substring(dot)
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
