package dev.jmpi.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Writes rank output line by line: to jmpirun's stdout/stderr through the {@link Console}
 * lock (optionally prefixed {@code [rank] } and a timestamp), or with {@code --output-dir}
 * to {@code DIR/rank.N/stdout} and {@code DIR/rank.N/stderr}.
 */
final class OutputSink implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Console console;
    private final JobSpec.OutputOptions options;
    private final Writer[] outFiles;
    private final Writer[] errFiles;

    /** Opens the per-rank files if {@code --output-dir} was given; throws {@link UsageException} if it cannot. */
    OutputSink(Console console, JobSpec.OutputOptions options, int size) {
        this.console = console;
        this.options = options;
        this.outFiles = new Writer[options.dir() == null ? 0 : size];
        this.errFiles = new Writer[outFiles.length];
        for (int rank = 0; rank < outFiles.length; rank++) {
            Path dir = options.dir().resolve("rank." + rank);
            try {
                Files.createDirectories(dir);
                outFiles[rank] = Files.newBufferedWriter(dir.resolve("stdout"), StandardCharsets.UTF_8);
                errFiles[rank] = Files.newBufferedWriter(dir.resolve("stderr"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                close();
                throw new UsageException("--output-dir " + options.dir() + ": cannot create " + dir + ": " + e);
            }
        }
    }

    /** One line the rank wrote to stdout. */
    void out(int rank, String line) {
        if (outFiles.length > 0) {
            write(outFiles[rank], line);
        } else {
            console.out(prefix(rank) + line);
        }
    }

    /** One line the rank wrote to stderr. */
    void err(int rank, String line) {
        if (errFiles.length > 0) {
            write(errFiles[rank], line);
        } else {
            console.err(prefix(rank) + line);
        }
    }

    private String prefix(int rank) {
        if (!options.tag() && !options.timestamp()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (options.tag()) {
            sb.append('[').append(rank).append("] ");
        }
        if (options.timestamp()) {
            sb.append(LocalTime.now(ZoneId.systemDefault()).format(TIME)).append(' ');
        }
        return sb.toString();
    }

    private void write(Writer file, String line) {
        String stamp =
                options.timestamp() ? LocalTime.now(ZoneId.systemDefault()).format(TIME) + " " : "";
        synchronized (file) {
            try {
                file.write(stamp + line + "\n");
                file.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        for (Writer[] files : new Writer[][] {outFiles, errFiles}) {
            for (Writer w : files) {
                if (w != null) {
                    try {
                        synchronized (w) {
                            w.close();
                        }
                    } catch (IOException e) {
                        console.err("jmpirun: warning: cannot close output file: " + e.getMessage());
                    }
                }
            }
        }
    }
}
