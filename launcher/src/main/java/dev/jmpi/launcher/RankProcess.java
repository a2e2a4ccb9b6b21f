package dev.jmpi.launcher;

import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/**
 * One running rank, local or remote: its process (the JVM itself, or the ssh client that
 * runs it), where it runs, and how to signal it. Its stderr tail is kept for reports.
 */
abstract class RankProcess {

    /** Lines of stderr kept per rank. */
    static final int TAIL_LINES = 20;

    private final Placement placement;
    private final Process process;
    private final StderrTail tail = new StderrTail(TAIL_LINES);
    private final ExceptionLines exceptions = new ExceptionLines();
    private final java.util.List<LinePump> pumps = new java.util.concurrent.CopyOnWriteArrayList<>();

    RankProcess(Placement placement, Process process) {
        this.placement = placement;
        this.process = process;
    }

    Placement placement() {
        return placement;
    }

    int rank() {
        return placement.rank();
    }

    String host() {
        return placement.host();
    }

    Process process() {
        return process;
    }

    StderrTail tail() {
        return tail;
    }

    /** The latest exception's headline lines on this rank's stderr. */
    ExceptionLines exceptions() {
        return exceptions;
    }

    /** The rank's stdin (after the secret line, for remote ranks). */
    OutputStream stdin() {
        return process.getOutputStream();
    }

    /** Completes when the local process (JVM or ssh client) exits. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Registers a thread forwarding one of this rank's streams. */
    void attach(LinePump pump) {
        pumps.add(pump);
    }

    /** Waits up to {@code millis} for this rank's output streams to end; returns whether they did. */
    boolean awaitOutput(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (LinePump pump : pumps) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || !pump.await(left)) {
                return false;
            }
        }
        return true;
    }

    /** The JVM's pid on its host, or {@code -1} while unknown. */
    abstract long pid();

    /** Whether the rank is known to have started (a remote rank reported its pid). */
    abstract boolean started();

    /**
     * Called with each stderr line before it is forwarded.
     *
     * @return false if the line is jmpirun's own control line and must not be forwarded
     */
    boolean onStderrLine(String line) {
        tail.add(line);
        exceptions.accept(line);
        return true;
    }

    /** Whether the rank's process is stopped (SIGSTOP, debugger); known for local ranks only. */
    boolean stopped() {
        return false;
    }

    /** Sends SIGTERM to the rank (and, locally, to its descendants). */
    abstract void terminate();

    /** Sends SIGKILL to the rank (and its descendants); closes a remote session. */
    abstract void kill();

    /** Asks the JVM to print a thread dump (SIGQUIT) to its stdout. */
    abstract void requestThreadDump();

    /** What an exit status of this process means, e.g. {@code killed by signal 9 (SIGKILL)}. */
    String describeExit(int status) {
        return Signals.describe(status);
    }

    /** {@code rank 3 (host h, pid p)}. */
    String describe() {
        long pid = pid();
        return "rank " + rank() + " (host " + host() + (pid > 0 ? ", pid " + pid : "") + ")";
    }
}
