package dev.jmpi.launcher;

import dev.jmpi.core.internal.CoreSettings;
import dev.jmpi.core.observe.JobReport;
import dev.jmpi.transport.config.Setting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code --stats}, {@code --trace FILE}, {@code --status-every DURATION}: what the ranks
 * record (passed to them as {@code JMPI_STATS}, {@code JMPI_TRACE}, {@code JMPI_OBSERVE_DIR},
 * {@code JMPI_STATUS_EVERY}; as system properties for {@code --threads}), and the report
 * jmpirun makes from the ranks' observation files once the job has ended.
 */
public final class ObservationOptions {

    private final CommandOption<Boolean> stats;
    private final CommandOption<Path> trace;
    private final CommandOption<Duration> statusEvery;
    private final CommandOption<Path> observeDir;
    private final CommandOption<Path> reportDir;
    /** {@code --report} without {@code --stats} or {@code --trace} prints the statistics. */
    private boolean statsByDefault;

    /** Defines {@code --stats}, {@code --trace}, {@code --status-every}, {@code --observe-dir} and {@code --report}. */
    ObservationOptions(CommandArguments arguments) {
        stats = arguments
                .flag("--stats")
                .description("At the end, print a table per operation: calls, bytes, time inside jmpi (p50/p99/max)"
                        + " per rank, and how long ranks waited in collectives for the last rank.");
        trace = arguments
                .option(Path.class, "--trace")
                .label("FILE.json")
                .description("Write every rank's calls as Chrome trace-event JSON (Perfetto, chrome://tracing),"
                        + " and an HTML timeline next to it.");
        statusEvery = arguments
                .option(Duration.class, "--status-every")
                .label("DURATION")
                .converter(new DurationConverter())
                .description("Every DURATION, each rank prints the jmpi call it is in, the peer and for how long.");
        observeDir = arguments
                .option(Path.class, "--observe-dir")
                .label("DIR")
                .description("Where ranks write their observations for --stats/--trace (default: a temporary"
                        + " directory; give a shared one when ranks run on other hosts). Kept if given.");
        reportDir = arguments
                .option(Path.class, "--report")
                .label("DIR")
                .description("Start no job: merge the observations ranks started without jmpirun wrote to DIR"
                        + " (JMPI_OBSERVE_DIR, with JMPI_STATS=1 / JMPI_TRACE) and print --stats / write --trace.");
    }

    private boolean stats() {
        return stats.value() || statsByDefault;
    }

    /** Whether this is {@code --report DIR}: no job, only the report. */
    boolean reportOnly() {
        return reportDir.value() != null;
    }

    /** {@code --report DIR}: the statistics (default) and/or the trace of a finished job's files. */
    int report(Console console) {
        Path dir = reportDir.value();
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--report " + dir + " (expected: a directory of rank-N.obs files)");
        }
        statsByDefault = trace.value() == null;
        return new Session(dir, false).report(console, 0) ? ExitCodes.SUCCESS : ExitCodes.INTERNAL_ERROR;
    }

    /** The observation of one job: the ranks' settings, then the report. */
    final class Session implements AutoCloseable {
        private final Path dir;
        private final boolean temporary;
        /** Set when the report could not be made: the ranks' files stay for {@code --report}. */
        private boolean keepFiles;

        private final Map<String, String> properties = new LinkedHashMap<>();

        Session(Path dir, boolean temporary) {
            this.dir = dir;
            this.temporary = temporary;
        }

        /**
         * Prints the statistics and writes the trace from the ranks' files; says which ranks
         * wrote none (they failed, or ran on another host without a shared {@code --observe-dir}).
         *
         * @return whether everything asked for was printed and written
         */
        boolean report(Console console, int size) {
            if (dir == null) {
                return true;
            }
            JobReport report;
            try {
                report = JobReport.read(dir);
            } catch (RuntimeException e) {
                console.err("jmpirun: cannot read the ranks' observations in " + dir + ": " + e.getMessage());
                return false;
            } catch (OutOfMemoryError e) {
                tooLargeForHeap(console, "read");
                return false;
            }
            if (report.ranks().size() < size) {
                console.err("jmpirun: " + (size - report.ranks().size()) + " of " + size + " ranks left no"
                        + " observations in " + dir + " (they failed before finalizing, or ran on another host;"
                        + " give a shared --observe-dir)");
            }
            if (report.ranks().isEmpty()) {
                if (size == 0) {
                    console.err("jmpirun: no rank-N.obs files in " + dir);
                }
                return false;
            }
            if (stats()) {
                for (String line : report.statisticsTable().split("\n", -1)) {
                    console.err(line);
                }
            }
            Path trace = ObservationOptions.this.trace.value();
            if (trace != null) {
                try {
                    Path html = report.writeTrace(trace);
                    console.err("jmpirun: trace of " + report.ranks().size() + " ranks written to " + trace
                            + " (open it in https://ui.perfetto.dev or chrome://tracing); timeline: " + html);
                } catch (RuntimeException e) {
                    console.err("jmpirun: cannot write the trace: " + e.getMessage());
                    return false;
                } catch (OutOfMemoryError e) {
                    tooLargeForHeap(console, "write the trace of");
                    return false;
                }
            }
            return true;
        }

        /**
         * The job's spans did not fit in jmpirun's heap. The job itself ran; say so, keep the
         * files and say how to make the report from them.
         */
        private void tooLargeForHeap(Console console, String what) {
            keepFiles = true;
            console.err("jmpirun: jmpirun's heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MiB) is too small to "
                    + what + " the ranks' observations in " + dir + " (" + (bytesIn(dir) >> 20)
                    + " MiB of rank-N.obs files); they are kept: make the report with JMPIRUN_JAVA_OPTS=-Xmx4g"
                    + " jmpirun --report " + dir + " --trace FILE, or record fewer spans (-x JMPI_TRACE_MAX_SPANS=N)");
        }

        @Override
        public void close() {
            properties.keySet().forEach(System::clearProperty);
            if (temporary && dir != null && !keepFiles) {
                deleteTree(dir);
            }
        }
    }

    /**
     * Adds the ranks' settings to {@code env} (as {@code -x VAR=VALUE} entries) or, for ranks
     * as threads, to the system properties until the session closes.
     */
    Session start(List<String> env, boolean threads) {
        boolean records = stats() || trace.value() != null;
        Duration statusEvery = this.statusEvery.value();
        Path observeDir = this.observeDir.value();
        if (statusEvery != null && (statusEvery.isZero() || statusEvery.isNegative())) {
            throw new UsageException("--status-every " + DurationConverter.format(statusEvery)
                    + " (expected: a duration > 0, e.g. 30s)");
        }
        Path dir = null;
        boolean temporary = false;
        if (records) {
            try {
                if (observeDir != null) {
                    dir = Files.createDirectories(observeDir.toAbsolutePath());
                } else {
                    dir = Files.createTempDirectory("jmpi-observe-");
                    temporary = true;
                }
            } catch (IOException e) {
                throw new UsageException("cannot create the observation directory " + observeDir + ": " + e);
            }
        }
        Session s = new Session(dir, temporary);
        Map<Setting<?>, String> settings = new LinkedHashMap<>();
        if (records) {
            settings.put(CoreSettings.OBSERVE_DIR, dir.toString());
        }
        if (stats()) {
            settings.put(CoreSettings.STATS, "1");
        }
        if (trace.value() != null) {
            settings.put(CoreSettings.TRACE, trace.value().getFileName().toString());
        }
        if (statusEvery != null) {
            settings.put(CoreSettings.STATUS_EVERY, statusEvery.toMillis() + "ms");
        }
        for (Map.Entry<Setting<?>, String> e : settings.entrySet()) {
            if (threads) {
                // Thread ranks resolve their settings from this JVM's properties at init.
                System.setProperty(e.getKey().property(), e.getValue());
                s.properties.put(e.getKey().property(), e.getValue());
            } else {
                env.add(e.getKey().env() + "=" + e.getValue());
            }
        }
        return s;
    }

    /** Total size of the regular files in {@code dir} (0 if it cannot be listed). */
    private static long bytesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
