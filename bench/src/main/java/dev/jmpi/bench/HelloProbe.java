package dev.jmpi.bench;

import dev.jmpi.Communicator;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The start-up probe of {@code --op hello}, as the C bench's hello: barrier, one line, peak RSS; plus
 * when each rank got past init. {@link #launchEpochNs(String[])} recognises a plain hello command
 * line without picocli, so the probe measures jmpi's start-up and not the option parser's (picocli's
 * classes have class-file version 49, which a dynamic class-data archive leaves out, so a rank would
 * load and verify ~170 of them from the jar).
 */
final class HelloProbe {

    private static final String OP = "--op";
    private static final String HELLO = "hello";
    private static final String LAUNCH_EPOCH_NS = "--launch-epoch-ns";

    private final Communicator world;
    private final long mainEpochNs;
    private final long initEpochNs;
    private final long launchEpochNs;
    private final PrintWriter out;

    HelloProbe(Communicator world, long mainEpochNs, long initEpochNs, long launchEpochNs, PrintWriter out) {
        this.world = world;
        this.mainEpochNs = mainEpochNs;
        this.initEpochNs = initEpochNs;
        this.launchEpochNs = launchEpochNs;
        this.out = out;
    }

    /**
     * The launch time of a command line that asks for the hello probe and nothing else: {@code --op
     * hello} and at most {@code --launch-epoch-ns N} (either as {@code --name value} or {@code
     * --name=value}). 0 without a launch time; -1 for any other command line (picocli parses it).
     */
    static long launchEpochNs(String[] args) {
        boolean hello = false;
        long launchNs = 0;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            String value;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return -1;
            }
            if (name.equals(OP) && value.equalsIgnoreCase(HELLO)) {
                hello = true;
            } else if (name.equals(LAUNCH_EPOCH_NS) && isDigits(value)) {
                try {
                    launchNs = Long.parseLong(value);
                } catch (NumberFormatException tooLarge) {
                    return -1;
                }
            } else {
                return -1;
            }
        }
        return hello ? launchNs : -1;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Runs the probe on every rank; rank 0 prints the lines. Returns the exit status. */
    int run() {
        long[] mine = {mainEpochNs, initEpochNs};
        long[] all = new long[2 * world.size()];
        world.gather(mine, 0, 2, all, 0, 2, 0);
        world.barrier();
        if (world.rank() == 0) {
            out.println("hello from " + world.size() + " ranks");
            long lastMain = 0;
            long lastInit = 0;
            long longestInit = 0;
            for (int r = 0; r < world.size(); r++) {
                lastMain = Math.max(lastMain, all[2 * r]);
                lastInit = Math.max(lastInit, all[2 * r + 1]);
                longestInit = Math.max(longestInit, all[2 * r + 1] - all[2 * r]);
            }
            String fromLaunch = launchEpochNs > 0
                    ? " launch_to_last_main_ms=" + ms(lastMain - launchEpochNs) + " launch_to_all_init_ms="
                            + ms(lastInit - launchEpochNs)
                    : "";
            out.println("STARTUP np=" + world.size() + " longest_init_ms=" + ms(longestInit) + fromLaunch);
        }
        PeakRss.report(world, out, "hello");
        return 0;
    }

    /**
     * Nanoseconds as milliseconds with one decimal ({@code 829.1}). Not {@code String.format}: its
     * first use loads the locale providers and CLDR data, which the probe would count as start-up.
     */
    static String ms(long nanos) {
        return BigDecimal.valueOf(nanos, 6).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
}
