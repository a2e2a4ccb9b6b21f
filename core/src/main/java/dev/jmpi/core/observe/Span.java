package dev.jmpi.core.observe;

/**
 * One recorded call, from {@link Recorder#begin} to {@link Recorder#end}: written by the
 * thread that began it, then by the thread that completed it (the completion hand-off
 * orders the two), then only read.
 */
public final class Span {

    final boolean collective;
    final String operation;
    final long thread;
    final long startNanos;
    final int context;
    final long sequence;
    int peer;
    int tag;
    long bytes;
    long endNanos;
    boolean failed;
    JfrEvents.Base jfr;

    Span(boolean collective, String operation, long thread, long startNanos, int peer, int tag, int context,
         long bytes, long sequence) {
        this.collective = collective;
        this.operation = operation;
        this.thread = thread;
        this.startNanos = startNanos;
        this.peer = peer;
        this.tag = tag;
        this.context = context;
        this.bytes = bytes;
        this.sequence = sequence;
    }

    /** Whether the call ended ({@link Recorder#end} ran). */
    public boolean ended() {
        return endNanos != 0;
    }
}
