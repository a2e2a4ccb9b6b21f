package dev.jmpi.launcher;

import dev.jmpi.proto.StartupMark;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a job's start-up and end time goes ({@code jmpirun --timeline}): jmpirun's own steps
 * and each rank's start-up (forked, its JVM started, {@code Jmpi.init} called, registered at the
 * rendezvous, peer table received, mesh connected) and end (finalize called, exit hook ran,
 * transport closed, lifeline closed, exited), printed after the job as milliseconds since
 * jmpirun's JVM started, ranks summarised as first / median / last; then, for the ranks slowest
 * to leave, each end step in ms after that rank's finalize. Ranks send their marks on their
 * lifelines as wall-clock times, so remote ranks' rows include clock skew; jmpirun records the
 * fork, the registration, the lifeline's close and the exit itself. Thread-safe: the supervisor,
 * rendezvous threads and exit callbacks all record.
 */
final class LaunchTimeline {

    static final String FORKED = "forked";
    static final String REGISTERED = "registered";
    static final String FINALIZE_CALLED = "finalize called";
    static final String LIFELINE_CLOSED = "lifeline closed";
    static final String EXITED = "exited";
    /** Rank rows in the order start-up goes through them. */
    private static final List<String> START_ROWS =
            List.of(FORKED, "jvm started", "init called", REGISTERED, "peer table", "mesh connected");
    /** Rank rows in the order a rank's end goes through them (a rank that fails skips some). */
    private static final List<String> END_ROWS =
            List.of(FINALIZE_CALLED, "exit hook ran", "transport closed", LIFELINE_CLOSED, EXITED);
    /** How many ranks the per-rank end table shows at most: the slowest from finalize to exit. */
    static final int MAX_END_TABLE_RANKS = 16;

    private static final LaunchTimeline OFF = new LaunchTimeline(0, 0, null);

    private final int size;
    private final long originMicros;
    private final Map<String, Long> launcher = new LinkedHashMap<>();
    private final Map<String, long[]> ranks = new LinkedHashMap<>();

    private LaunchTimeline(int size, long originMicros, Long commandMicros) {
        this.size = size;
        this.originMicros = originMicros;
        if (commandMicros != null) {
            launcher.put("jmpirun command started", commandMicros);
        }
        launcher.put("jmpirun JVM started", originMicros);
    }

    /** A timeline that records nothing. */
    static LaunchTimeline off() {
        return OFF;
    }

    /**
     * A timeline for {@code size} ranks, starting at this JVM's start; {@code commandStarted} is
     * {@link LaunchSettings#COMMAND_STARTED} (bash's {@code $EPOCHREALTIME} when bin/jmpirun started), or null.
     */
    static LaunchTimeline start(int size, String commandStarted) {
        // The JVM's own start record: ProcessHandle's startInstant is off by up to a second on Linux.
        long origin = ManagementFactory.getRuntimeMXBean().getStartTime() * 1_000;
        return new LaunchTimeline(size, origin, commandStarted(commandStarted));
    }

    boolean enabled() {
        return this != OFF;
    }

    /** jmpirun did step {@code name} now. */
    void launcher(String name) {
        if (enabled()) {
            synchronized (this) {
                launcher.put(name, micros(Instant.now()));
            }
        }
    }

    /** jmpirun did step {@code name} at {@code epochMicros} (recorded before the timeline existed). */
    void launcher(String name, long epochMicros) {
        if (enabled()) {
            synchronized (this) {
                launcher.put(name, epochMicros);
            }
        }
    }

    /** Now, in microseconds since the epoch: what {@link #launcher(String, long)} takes. */
    static long nowMicros() {
        return micros(Instant.now());
    }

    /** Rank {@code rank} reached step {@code name} now (as jmpirun saw it). */
    void rank(int rank, String name) {
        if (enabled()) {
            rank(rank, name, micros(Instant.now()));
        }
    }

    /** The marks a rank reported itself. */
    void rank(int rank, List<StartupMark> marks) {
        for (StartupMark m : marks) {
            rank(rank, m.getName(), m.getEpochMicros());
        }
    }

    private synchronized void rank(int rank, String name, long epochMicros) {
        if (!enabled() || rank < 0 || rank >= size) {
            return;
        }
        long[] row = ranks.computeIfAbsent(name, k -> {
            long[] r = new long[size];
            Arrays.fill(r, Long.MIN_VALUE);
            return r;
        });
        if (row[rank] == Long.MIN_VALUE) {
            row[rank] = epochMicros;
        }
    }

    /** The timeline as lines, or none when off. */
    synchronized List<String> lines() {
        if (!enabled()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        out.add("start-up and end timeline, ms after jmpirun's JVM started"
                + " (ranks: first / median / last, and the last rank):");
        launcher.forEach((name, t) -> out.add(String.format(Locale.ROOT, "  %-26s %8s", name, ms(t))));
        List<String> names = new ArrayList<>(START_ROWS);
        ranks.keySet().stream()
                .filter(n -> !names.contains(n) && !END_ROWS.contains(n))
                .forEach(names::add);
        names.addAll(END_ROWS);
        for (String name : names) {
            long[] row = ranks.get(name);
            if (row != null) {
                out.add(rankLine(name, row));
            }
        }
        out.addAll(endTable());
        return out;
    }

    /**
     * Each end step of the ranks that finalized, in ms after that rank's finalize, so it shows
     * which step held a rank up; the slowest {@link #MAX_END_TABLE_RANKS} from finalize to their
     * last step, in rank order.
     */
    private List<String> endTable() {
        long[] finalized = ranks.get(FINALIZE_CALLED);
        if (finalized == null) {
            return List.of();
        }
        List<String> steps = END_ROWS.subList(1, END_ROWS.size());
        List<Integer> shown = new ArrayList<>();
        for (int r = 0; r < size; r++) {
            if (finalized[r] != Long.MIN_VALUE) {
                shown.add(r);
            }
        }
        int finalizedCount = shown.size();
        shown.sort((a, b) -> Long.compare(lastEndStep(b) - finalized[b], lastEndStep(a) - finalized[a]));
        shown = new ArrayList<>(shown.subList(0, Math.min(MAX_END_TABLE_RANKS, shown.size())));
        shown.sort(Integer::compare);
        List<String> out = new ArrayList<>();
        out.add("end of each rank, ms after its finalize was called"
                + (shown.size() < finalizedCount
                        ? " (the " + shown.size() + " of " + finalizedCount + " ranks slowest to exit):"
                        : ":"));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %6s", "rank"));
        steps.forEach(step -> head.append(String.format(Locale.ROOT, "  %16s", step)));
        out.add(head.toString());
        for (int r : shown) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %6d", r));
            for (String step : steps) {
                long[] row = ranks.get(step);
                boolean seen = row != null && row[r] != Long.MIN_VALUE;
                line.append(String.format(
                        Locale.ROOT,
                        "  %16s",
                        seen ? String.format(Locale.ROOT, "%.1f", (row[r] - finalized[r]) / 1000.0) : "-"));
            }
            out.add(line.toString());
        }
        return out;
    }

    /** When {@code rank}'s last recorded end step happened (its finalize if none after it). */
    private long lastEndStep(int rank) {
        long last = Long.MIN_VALUE;
        for (String step : END_ROWS) {
            long[] row = ranks.get(step);
            if (row != null && row[rank] != Long.MIN_VALUE) {
                last = Math.max(last, row[rank]);
            }
        }
        return last;
    }

    private String rankLine(String name, long[] row) {
        List<Long> seen = new ArrayList<>();
        int last = -1;
        for (int r = 0; r < row.length; r++) {
            if (row[r] != Long.MIN_VALUE) {
                seen.add(row[r]);
                if (last < 0 || row[r] > row[last]) {
                    last = r;
                }
            }
        }
        seen.sort(Long::compare);
        String missing = seen.size() < size ? "  (" + (size - seen.size()) + " of " + size + " ranks missing)" : "";
        return String.format(
                Locale.ROOT,
                "  rank %-21s %8s / %8s / %8s  (rank %d)%s",
                name,
                ms(seen.get(0)),
                ms(seen.get((seen.size() - 1) / 2)),
                ms(seen.get(seen.size() - 1)),
                last,
                missing);
    }

    private String ms(long epochMicros) {
        return String.format(Locale.ROOT, "%.1f", (epochMicros - originMicros) / 1000.0);
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    /** bash's {@code $EPOCHREALTIME} ("1764740000.123456", or with a comma in some locales), or null. */
    static Long commandStarted(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String[] parts = value.trim().split("[.,]");
        try {
            long seconds = Long.parseLong(parts[0]);
            long fraction = parts.length > 1 ? Long.parseLong((parts[1] + "000000").substring(0, 6)) : 0;
            return seconds * 1_000_000 + fraction;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
