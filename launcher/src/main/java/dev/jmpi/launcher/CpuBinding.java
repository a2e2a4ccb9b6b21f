package dev.jmpi.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which CPUs each rank forked on this host may run on ({@code jmpirun --bind-to}), applied by
 * starting the rank's JVM through {@code taskset -c LIST} (util-linux; the JVM keeps taskset's
 * PID, as taskset execs it).
 *
 * <p>Why: a rank that waits spins for a while before it blocks, and the kernel places a woken
 * thread beside the one that woke it (socket wake-ups are "sync"). Unbound, two ranks of a
 * ping-pong on a 2-core host end up on one CPU, each spinning out its budget while the other
 * waits runnable beside it: 8 B round trips of ~500 µs instead of ~23 µs, for whole runs
 * (found with {@code perf sched timehist}). Open MPI binds ranks to cores by default for the
 * same reason. Binding each rank to its own share of the CPUs keeps the kernel from stacking
 * them, and leaves a rank that runs its own threads (thread pools, parallel streams) as many
 * CPUs as the host can give each rank.
 *
 * <ul>
 *   <li>{@link Mode#AUTO} (default): when the host's ranks fit its CPUs, each rank gets an equal,
 *       contiguous share of the CPUs jmpirun may use ({@code CPUs / ranks}, at least one);
 *       when they do not, no binding (oversubscribed ranks must be free to move, as with
 *       Open MPI). A single rank is not bound.</li>
 *   <li>{@link Mode#CORE}: one CPU per rank, round robin (ranks share CPUs when oversubscribed).</li>
 *   <li>{@link Mode#NONE}: no binding.</li>
 * </ul>
 *
 * Linux only: elsewhere, or without {@code taskset} in /usr/bin or /bin, ranks run unbound (said once
 * with {@code -v}). Ranks started over ssh are bound by their host's shell ({@link #remoteShell}),
 * by the same rule applied to that host's own CPUs, which jmpirun does not know; where the host
 * has no {@code taskset} or {@code awk} they run unbound. Slurm's {@code srun --cpu-bind} binds
 * ranks it starts.
 */
final class CpuBinding {

    /** {@code --bind-to} values. */
    enum Mode {
        AUTO,
        CORE,
        NONE
    }

    private final Mode mode;
    private final List<Integer> cpus;
    private final String taskset;

    /**
     * @param cpus    the CPUs jmpirun may use, in order; empty if unknown
     * @param taskset path of the taskset program, or {@code null} if there is none
     */
    CpuBinding(Mode mode, List<Integer> cpus, String taskset) {
        this.mode = mode;
        this.cpus = List.copyOf(cpus);
        this.taskset = taskset;
    }

    /** The binding for this host: the CPUs this process may use, and taskset if installed. */
    static CpuBinding forThisHost(Mode mode, Log log) {
        if (mode == Mode.NONE) {
            return new CpuBinding(mode, List.of(), null);
        }
        List<Integer> cpus = allowedCpus(Path.of("/proc/self/status"));
        String taskset = cpus.isEmpty() ? null : findTaskset();
        if (cpus.isEmpty()) {
            log.verbose(
                    1,
                    "--bind-to " + name(mode) + ": this host does not say which CPUs jmpirun may use"
                            + " (no /proc/self/status Cpus_allowed_list); ranks run unbound");
        } else if (taskset == null) {
            log.verbose(
                    1, "--bind-to " + name(mode) + ": no taskset in /usr/bin or /bin (util-linux); ranks run unbound");
        }
        return new CpuBinding(mode, cpus, taskset);
    }

    /** Number of CPUs jmpirun may use, or {@code fallback} if unknown. */
    int cpuCount(int fallback) {
        return cpus.isEmpty() ? fallback : cpus.size();
    }

    /**
     * The CPUs the rank at {@code p} is bound to, as a taskset list ({@code "0-3"}, {@code "5"}),
     * or {@code null} for no binding.
     */
    String cpusFor(Placement p) {
        if (mode == Mode.NONE || cpus.isEmpty()) {
            return null;
        }
        int n = cpus.size();
        if (mode == Mode.CORE) {
            return Integer.toString(cpus.get(p.localRank() % n));
        }
        if (p.localSize() > n || p.localSize() <= 1) {
            return null;
        }
        int share = n / p.localSize();
        return list(cpus.subList(p.localRank() * share, (p.localRank() + 1) * share));
    }

    /** The words to put before the rank's java command, or none. */
    List<String> commandPrefix(Placement p) {
        String list = cpusFor(p);
        if (list == null || taskset == null) {
            return List.of();
        }
        return List.of(taskset, "-c", list);
    }

    /**
     * {@link #cpusFor}'s rule as an awk program, for a remote host's shell: reads a kernel CPU
     * list (that host's {@code Cpus_allowed_list}) on its input, with {@code mode} ("auto" or
     * "core"), {@code r} (local rank) and {@code n} (local size) as variables, and prints the
     * number of CPUs and, when the rank is bound, its CPUs: {@code "8 4,5,6,7"}, {@code "2 "}.
     * Prints nothing for an empty list. {@code CpuBindingTest} holds it to {@link #cpusFor}.
     */
    static final String CHOICE_AWK = "{ k = 0; m = split($0, parts, \",\");"
            + " for (i = 1; i <= m; i++) {"
            + " if (split(parts[i], ab, \"-\") == 2) { for (c = ab[1] + 0; c <= ab[2] + 0; c++) cpu[k++] = c }"
            + " else if (parts[i] != \"\") cpu[k++] = parts[i] + 0 }"
            + " if (k == 0) exit;"
            + " out = \"\";"
            + " if (mode == \"core\") out = cpu[r % k];"
            + " else if (n > 1 && n <= k) { share = int(k / n);"
            + " for (i = r * share; i < (r + 1) * share; i++) out = out (out == \"\" ? \"\" : \",\") cpu[i] }"
            + " print k \" \" out; exit }";

    /**
     * Shell lines for a remote rank's script ({@link RemoteScript}) that make {@link #cpusFor}'s
     * choice on that host, from its own CPUs: they set {@code cores} (the host's CPU count, for
     * {@code JMPI_HOST_CORES}: a bound JVM sees only its share) and {@code pin} (the taskset
     * words) where they apply; the script starts with both empty. Empty for {@code --bind-to none}.
     */
    String remoteShell(Placement p) {
        if (mode == Mode.NONE) {
            return "";
        }
        return "choice=$(sed -n 's/^Cpus_allowed_list:[[:space:]]*//p' /proc/self/status 2>/dev/null"
                + " | awk -v mode=" + name(mode) + " -v r=" + p.localRank() + " -v n=" + p.localSize()
                + " " + ShellWords.quote(CHOICE_AWK) + " 2>/dev/null)\n"
                + "cores=${choice%% *}\n"
                + "case \"$choice\" in *' '?*) command -v taskset >/dev/null 2>&1 && pin=\"taskset -c ${choice#* }\" ;; esac\n";
    }

    /** {@code Cpus_allowed_list} of a {@code /proc/PID/status} file, expanded; empty if absent. */
    static List<Integer> allowedCpus(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return parseList(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return List.of();
    }

    /** Expands a kernel CPU list such as {@code 0-3,8,10-11}. */
    static List<Integer> parseList(String list) {
        List<Integer> out = new ArrayList<>();
        if (list.isEmpty()) {
            return out;
        }
        for (String part : list.split(",")) {
            int dash = part.indexOf('-');
            int first = Integer.parseInt(
                    part.substring(0, dash < 0 ? part.length() : dash).trim());
            int last =
                    dash < 0 ? first : Integer.parseInt(part.substring(dash + 1).trim());
            for (int c = first; c <= last; c++) {
                out.add(c);
            }
        }
        return out;
    }

    /** A CPU list in the kernel's form, runs of consecutive CPUs as ranges. */
    static String list(List<Integer> cpus) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < cpus.size()) {
            int j = i;
            while (j + 1 < cpus.size() && cpus.get(j + 1) == cpus.get(j) + 1) {
                j++;
            }
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(cpus.get(i));
            if (j > i) {
                b.append('-').append(cpus.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }

    /**
     * taskset where util-linux (or busybox) installs it; a fixed list rather than the PATH, so
     * that the launcher reads no environment outside its configuration.
     */
    private static String findTaskset() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, "taskset");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    private static String name(Mode mode) {
        return mode.name().toLowerCase(Locale.ROOT);
    }
}
