package dev.jmpi.launcher;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * {@code System.out} and {@code System.err} of a JVM whose ranks are threads
 * ({@code --threads}): every byte a rank's thread writes is cut into lines and handed to the
 * job's output sink as that rank's, exactly as the line pumps do for a rank process, so
 * {@code --tag-output}, {@code --output-dir} and the failure report's stderr tail work the
 * same. A thread belongs to the rank whose {@link RankClassLoader} is its context class
 * loader; the threads a rank starts inherit it. Writes of any other thread (the launcher's,
 * a shared pool's) go to the streams that were installed before.
 *
 * <p>One line buffer per rank and stream, each guarded by itself; lines are whole when they
 * reach the sink.
 */
final class RankOutputRouter implements AutoCloseable {

    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final LineSplitter[] outLines;
    private final LineSplitter[] errLines;

    private RankOutputRouter(int size, BiConsumer<Integer, String> out, BiConsumer<Integer, String> err) {
        this.originalOut = System.out;
        this.originalErr = System.err;
        this.outLines = new LineSplitter[size];
        this.errLines = new LineSplitter[size];
        for (int r = 0; r < size; r++) {
            int rank = r;
            outLines[r] = new LineSplitter(line -> out.accept(rank, line));
            errLines[r] = new LineSplitter(line -> err.accept(rank, line));
        }
    }

    /** Routes {@code System.out}/{@code err} of rank threads to {@code out}/{@code err} until closed. */
    static RankOutputRouter install(int size, BiConsumer<Integer, String> out, BiConsumer<Integer, String> err) {
        RankOutputRouter router = new RankOutputRouter(size, out, err);
        System.setOut(new PrintStream(new Routing(router.outLines, router.originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routing(router.errLines, router.originalErr), true, StandardCharsets.UTF_8));
        return router;
    }

    /** Hands on the last unterminated line of {@code rank}'s streams (the rank has ended). */
    void flush(int rank) {
        outLines[rank].finish();
        errLines[rank].finish();
    }

    /** Flushes every rank and puts the previous streams back. */
    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        for (int r = 0; r < outLines.length; r++) {
            flush(r);
        }
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private static int currentRank() {
        return Thread.currentThread().getContextClassLoader() instanceof RankClassLoader l ? l.rank() : -1;
    }

    /** The stream under one of the two print streams: picks the line buffer of the writing thread's rank. */
    private static final class Routing extends OutputStream {
        private final LineSplitter[] lines;
        private final PrintStream fallback;

        Routing(LineSplitter[] lines, PrintStream fallback) {
            this.lines = lines;
            this.fallback = fallback;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int rank = currentRank();
            if (rank < 0 || rank >= lines.length) {
                fallback.write(b, off, len);
                return;
            }
            lines[rank].write(b, off, len);
        }

        @Override
        public void flush() {
            if (currentRank() < 0) {
                fallback.flush();
            }
        }
    }

    /** Bytes to lines (UTF-8, a trailing CR dropped). */
    private static final class LineSplitter {
        private final java.util.function.Consumer<String> sink;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineSplitter(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        synchronized void write(byte[] b, int off, int len) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    pending.write(b, start, i - start);
                    emit();
                    start = i + 1;
                }
            }
            pending.write(b, start, off + len - start);
        }

        synchronized void finish() {
            if (pending.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String line = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            sink.accept(line);
        }
    }
}
