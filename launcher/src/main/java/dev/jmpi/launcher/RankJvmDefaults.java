package dev.jmpi.launcher;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JVM options jmpirun gives every rank JVM before the user's {@code --jvm-opt}s, sized for
 * several ranks sharing a host: a JVM's own defaults assume it has the machine to itself
 * (a parallel collector with a thread per core, a heap of up to a quarter of RAM each).
 *
 * <ul>
 *   <li>{@code -XX:+UseSerialGC}: no GC worker threads competing with the ranks for cores,
 *       and the smallest footprint; dropped when the user picks a collector
 *       ({@code -XX:+Use...GC}).</li>
 *   <li>{@code -Xms16m}: a small initial heap, so a rank's resident memory follows what it
 *       uses; dropped when the user sets an initial heap ({@code -Xms},
 *       {@code -XX:InitialHeapSize}, {@code -XX:InitialRAMPercentage}, {@code -XX:MinHeapSize})
 *       or a maximum ({@code -Xmx}, {@code -XX:MaxHeapSize}), which could be smaller.</li>
 *   <li>{@code -XX:MaxRAMPercentage=75/ranks-per-host}, at most 25 (the JVM's own default):
 *       the ranks of a host together get at most three quarters of its memory for heaps;
 *       dropped when the user sets a maximum ({@code -Xmx}, {@code -XX:MaxHeapSize},
 *       {@code -XX:MaxRAMPercentage}, {@code -XX:MaxRAMFraction}, {@code -XX:MaxRAM}).</li>
 *   <li>{@code -XX:MaxNewSize=32m}: the young generation stays small whatever the heap grows
 *       to. Serial GC sizes it at a third of the heap, and every byte of it is touched as
 *       garbage cycles through, so a rank holding two 64 MiB arrays kept ~110 MiB of young
 *       generation resident (collective benchmark at np=4: peak RSS of the largest rank 494
 *       MiB, 375-402 MiB with the cap). Dropped when the user sizes the young generation
 *       ({@code -Xmn}, {@code -XX:NewSize}, {@code -XX:MaxNewSize}, {@code -XX:NewRatio}),
 *       picks a collector, or sets a maximum heap below 64 MiB.</li>
 *   <li>{@code -XX:NewSize=12m}, with {@code -Xms16m}: a young generation of 12 of the first 16
 *       MiB, so that a rank's start-up garbage (~7 MB for hello world at np=4: classes' mirrors,
 *       settings, protobuf, Netty's pipeline) fits in eden. With the third of 16 MiB Serial GC
 *       gives it by default (~4 MB of eden) every rank ran a young collection during {@code
 *       Jmpi.init}: 7-20 ms quiet, 20-100 ms at a safepoint under load, copying ~2 MB into
 *       fresh survivor and old pages on a VM where a first-touched page costs ~10-20 us. The
 *       young generation still grows to {@code MaxNewSize} with the heap, so long jobs are not
 *       affected. Only with the two defaults it completes ({@code -Xms16m} and {@code
 *       MaxNewSize}); dropped with either.</li>
 *   <li>{@code -Ddev.jmpi.internal.shaded.io.netty.leakDetection.level=disabled}: Netty's leak
 *       detector (jmpi's relocated copy) off. At Netty's default level it records a stack
 *       trace ({@code Throwable.fillInStackTrace}) for one buffer allocation in 128 and again
 *       at its release: 5.3-5.5 % of the CPU samples of a reduce leaf's main thread at np=4
 *       (two of its three buffers per small send). Dropped when the user sets a level of the
 *       detector ({@code -D...io.netty.leakDetection.level} or {@code ...leakDetectionLevel},
 *       relocated or not), e.g. {@code paranoid} to hunt a leak.</li>
 *   <li>{@code -Ddev.jmpi.internal.shaded.io.netty.jfr.enabled=false}: Netty's own JFR events
 *       (chunk allocations of its adaptive allocator) off. With them on, the first buffer a rank
 *       allocates loads {@code jdk.jfr.Event} and its event classes, ~3-5 MiB of Metaspace and
 *       class data in every rank whether or not anything records (hello world peak RSS 66-78 MiB
 *       at np=2-8, 60-63 MiB without). jmpi's own JFR events stay available ({@code --jfr} or a
 *       running recording). Dropped when the user sets {@code io.netty.jfr.enabled}, relocated
 *       or not.</li>
 *   <li>{@code -Ddev.jmpi.internal.shaded.io.netty.allocator.chunkReuseQueueCapacity=32}: Netty's
 *       adaptive allocator keeps up to 32 free chunks (of up to 8 MiB each) for reuse instead of
 *       twice the core count. jmpi copies a large eager message into pooled 1 MiB pieces and
 *       reads into pooled buffers: with 4 (2 cores) the allocator freed chunks and allocated
 *       fresh ones in steady state, each zeroed page a first-touch fault (~10 us each on a VM):
 *       reduce of 128 Ki doubles at np=2 faulted 11-21 times per operation, ~4 with 16 or 64,
 *       16 with 8. A chunk is kept only once it is free, so this retains at most what a rank
 *       once had in flight. Dropped when the user sets {@code io.netty.allocator.chunkReuseQueueCapacity},
 *       relocated or not.</li>
 *   <li>{@code -XX:Tier3InvocationThreshold=2000 -XX:Tier3MinInvocationThreshold=1000
 *       -XX:Tier3CompileThreshold=20000}: C1 compiles a method after ten times the JVM's default
 *       number of calls. A rank's start-up runs thousands of methods a few hundred times each
 *       (class loading, settings, protobuf, Netty's pipeline), and at np=4 on 2 cores C1 and C2
 *       took a quarter of the command's CPU compiling them, for code that ran a few more times:
 *       np=4 hello 5-13 % less wall and CPU, np=2 ~9 %, np=1 unchanged (alternated runs,
 *       {@code bench/results-notes.md}). A method called in a loop still reaches C1 after 2000
 *       calls and C2 where it did; loops (back-edge thresholds) are untouched, so a user's
 *       compute kernel is compiled as soon as before. Dropped when the user sets any compile
 *       threshold or tier option ({@code -XX:Tier...}, {@code -XX:CompileThreshold...},
 *       {@code -XX:[+-]TieredCompilation}, {@code -Xint}, {@code -Xcomp}).</li>
 * </ul>
 */
final class RankJvmDefaults {

    /** Heap share of a host's memory for all of its ranks together, in percent. */
    static final double HOST_HEAP_PERCENT = 75;
    /** Upper bound of one rank's share: the JVM's own default. */
    static final double MAX_RANK_HEAP_PERCENT = 25;

    static final String SERIAL_GC = "-XX:+UseSerialGC";
    static final String INITIAL_HEAP = "-Xms16m";
    static final String MAX_YOUNG = "-XX:MaxNewSize=32m";
    /** Eden for a rank's start-up garbage within the 16 MiB initial heap (no collection during init). */
    static final String INITIAL_YOUNG = "-XX:NewSize=12m";
    /** jmpi's relocated Netty reads its properties under the relocated name. */
    static final String NO_LEAK_DETECTION = "-Ddev.jmpi.internal.shaded.io.netty.leakDetection.level=disabled";
    /** Netty's JFR events off (jmpi's relocated name), so ranks load no JFR classes they do not use. */
    static final String NO_NETTY_JFR = "-Ddev.jmpi.internal.shaded.io.netty.jfr.enabled=false";
    /** Free chunks Netty's adaptive allocator keeps (jmpi's relocated name); its default is 2 per core. */
    static final String CHUNK_REUSE = "-Ddev.jmpi.internal.shaded.io.netty.allocator.chunkReuseQueueCapacity=32";
    /** C1 after ten times the default calls: start-up code runs a few hundred times and is not worth compiling. */
    static final List<String> LATER_C1 = List.of(
            "-XX:Tier3InvocationThreshold=2000",
            "-XX:Tier3MinInvocationThreshold=1000",
            "-XX:Tier3CompileThreshold=20000");
    /** A maximum heap below this gets no young-generation cap (the JVM would warn about it). */
    static final long MIN_HEAP_FOR_YOUNG_CAP_BYTES = 64L << 20;

    private RankJvmDefaults() {}

    /** The defaults for a rank on a host running {@code ranksPerHost} ranks, given the user's options. */
    static List<String> options(List<String> userOptions, int ranksPerHost) {
        if (ranksPerHost < 1) {
            throw new IllegalArgumentException("ranksPerHost=" + ranksPerHost + " (expected: >= 1)");
        }
        boolean collector = false;
        boolean initial = false;
        boolean max = false;
        boolean young = false;
        boolean smallHeap = false;
        boolean leakLevel = false;
        boolean nettyJfr = false;
        boolean chunkReuse = false;
        boolean jitTuned = false;
        for (String o : userOptions) {
            jitTuned |= o.startsWith("-XX:Tier")
                    || o.startsWith("-XX:CompileThreshold")
                    || o.equals("-XX:+TieredCompilation")
                    || o.equals("-XX:-TieredCompilation")
                    || o.equals("-Xint")
                    || o.equals("-Xcomp");
            leakLevel |= o.startsWith("-D")
                    && (o.contains("io.netty.leakDetection.level=") || o.contains("io.netty.leakDetectionLevel="));
            nettyJfr |= o.startsWith("-D") && o.contains("io.netty.jfr.enabled=");
            chunkReuse |= o.startsWith("-D") && o.contains("io.netty.allocator.chunkReuseQueueCapacity=");
            young |= o.startsWith("-Xmn")
                    || o.startsWith("-XX:NewSize=")
                    || o.startsWith("-XX:MaxNewSize=")
                    || o.startsWith("-XX:NewRatio=");
            smallHeap |= heapBelow(o, "-Xmx", MIN_HEAP_FOR_YOUNG_CAP_BYTES)
                    || heapBelow(o, "-XX:MaxHeapSize=", MIN_HEAP_FOR_YOUNG_CAP_BYTES);
            collector |= o.matches("-XX:[+-]Use\\w*GC");
            initial |= o.startsWith("-Xms")
                    || o.startsWith("-XX:InitialHeapSize=")
                    || o.startsWith("-XX:InitialRAMPercentage=")
                    || o.startsWith("-XX:MinHeapSize=");
            max |= o.startsWith("-Xmx")
                    || o.startsWith("-XX:MaxHeapSize=")
                    || o.startsWith("-XX:MaxRAMPercentage=")
                    || o.startsWith("-XX:MaxRAMFraction=")
                    || o.startsWith("-XX:MaxRAM=");
        }
        boolean explicitMax =
                userOptions.stream().anyMatch(o -> o.startsWith("-Xmx") || o.startsWith("-XX:MaxHeapSize="));
        List<String> defaults = new ArrayList<>(11);
        if (!collector) {
            defaults.add(SERIAL_GC);
        }
        if (!initial && !explicitMax) {
            defaults.add(INITIAL_HEAP);
        }
        if (!max) {
            defaults.add("-XX:MaxRAMPercentage="
                    + percent(Math.min(MAX_RANK_HEAP_PERCENT, HOST_HEAP_PERCENT / ranksPerHost)));
        }
        if (!collector && !young && !smallHeap) {
            defaults.add(MAX_YOUNG);
            if (!initial && !explicitMax) {
                defaults.add(INITIAL_YOUNG);
            }
        }
        if (!leakLevel) {
            defaults.add(NO_LEAK_DETECTION);
        }
        if (!nettyJfr) {
            defaults.add(NO_NETTY_JFR);
        }
        if (!chunkReuse) {
            defaults.add(CHUNK_REUSE);
        }
        if (!jitTuned) {
            defaults.addAll(LATER_C1);
        }
        return defaults;
    }

    /** Whether {@code option} is {@code prefix<size>} with a size below {@code bytes} (HotSpot's k/m/g suffixes). */
    private static boolean heapBelow(String option, String prefix, long bytes) {
        if (!option.startsWith(prefix)) {
            return false;
        }
        String v = option.substring(prefix.length()).toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!v.isEmpty() && "kmgt".indexOf(v.charAt(v.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(v.charAt(v.length() - 1)) + 1));
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Long.parseLong(v) * unit < bytes;
        } catch (NumberFormatException e) {
            return false; // the JVM itself rejects it, naming the option
        }
    }

    /**
     * {@code 25}, {@code 18.75}, {@code 10.71}: what HotSpot's double flag parser accepts. Not
     * {@code String.format}: its first use loads the locale providers and CLDR data (~90 classes,
     * ~30-80 ms of jmpirun's CPU before the first rank is forked).
     */
    private static String percent(double p) {
        return BigDecimal.valueOf(p)
                .setScale(2, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }
}
