package dev.jmpi.bench.jmh;

import dev.jmpi.core.observe.Names;
import dev.jmpi.core.observe.ObserveConfig;
import dev.jmpi.core.observe.Recorder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What recording adds to one point-to-point call, as the hooks in {@code PointToPoint} do it:
 * test {@link Recorder#on()}, and when on, {@link Recorder#start} on the calling thread and
 * {@link Recorder#end} at completion (two {@code System.nanoTime} calls, the thread's totals
 * and histogram; with a trace, the span kept, its full chunks written to the spool file). Not included: the completion callback object
 * the hook allocates for a call not complete when posted (one small object). A fresh
 * recorder each iteration keeps the trace under its span limit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 200, timeUnit = TimeUnit.MILLISECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Djmpi.traceMaxSpans=20000000", "-Xmx2g"})
@State(Scope.Thread)
public class RecorderBenchmark {

    /** off: the OFF recorder; stats; trace (statistics and spans). */
    @Param({"off", "stats", "trace"})
    public String mode;

    private Recorder recorder;

    @Setup(Level.Iteration)
    public void setUp() {
        ObserveConfig c = switch (mode) {
            case "off" -> ObserveConfig.NONE;
            case "stats" -> new ObserveConfig(true, null, null, false, 0);
            case "trace" -> new ObserveConfig(true, "bench.json", null, false, 0);
            default -> throw new IllegalArgumentException("mode=" + mode + " (expected: off, stats, trace)");
        };
        recorder = c.records() ? new Recorder(0, c) : Recorder.OFF;
    }

    /** Lets go of the iteration's spool files (a trace's full span chunks). */
    @TearDown(Level.Iteration)
    public void tearDown() {
        recorder.close();
    }

    private static final int SEND = Names.key("send", null);

    @Benchmark
    public long sendCall() {
        Recorder r = recorder;
        if (!r.on()) {
            return 0;
        }
        long start = r.start();
        r.end(start, Thread.currentThread().getId(), SEND, false, 1, 7, 0, 1024, 0, false);
        return start;
    }
}
