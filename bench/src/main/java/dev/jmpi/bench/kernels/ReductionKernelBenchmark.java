package dev.jmpi.bench.kernels;

import dev.jmpi.Op;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reduction kernels ({@code Op.reduceLocal}, i.e. the loops the collectives combine
 * with) against two baselines: the same loop written by hand (what the kernel should match:
 * dispatch and argument checks are once per call, not per element), and combining straight
 * from little-endian wire bytes element by element (what the design rules out). Throughput
 * is reported per call; divide {@code size} by the time for elements per second.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ReductionKernelBenchmark -p size=65536
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReductionKernelBenchmark {

    /** Elements per call. */
    @Param({"1024", "65536", "1048576"})
    public int size;

    private double[] doubleIn;
    private double[] doubleInout;
    private int[] intIn;
    private int[] intInout;
    private long[] longIn;
    private long[] longInout;
    private float[] floatIn;
    private float[] floatInout;
    private double[] pairsIn;
    private double[] pairsInout;
    private ByteBuffer doubleWire;

    /** Fills the operands. */
    @Setup(Level.Trial)
    public void setUp() {
        doubleIn = new double[size];
        doubleInout = new double[size];
        intIn = new int[size];
        intInout = new int[size];
        longIn = new long[size];
        longInout = new long[size];
        floatIn = new float[size];
        floatInout = new float[size];
        pairsIn = new double[size];
        pairsInout = new double[size];
        doubleWire = ByteBuffer.allocate(size * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < size; i++) {
            doubleIn[i] = i * 0.5;
            doubleInout[i] = 1.0 / (i + 1);
            intIn[i] = i * 31;
            intInout[i] = i ^ 0x5555;
            longIn[i] = i * 0x9E3779B97F4A7C15L;
            longInout[i] = ~i;
            floatIn[i] = (i % 100) - 50f;
            floatInout[i] = (i % 77) - 30f;
            pairsIn[i] = i % 2 == 0 ? i % 13 : i;
            pairsInout[i] = i % 2 == 0 ? i % 11 : i + 1;
            doubleWire.putDouble(i * Double.BYTES, doubleIn[i]);
        }
    }

    /** SUM on doubles through the kernel. */
    @Benchmark
    public double[] sumDouble() {
        Op.SUM.reduceLocal(doubleIn, 0, doubleInout, 0, size);
        return doubleInout;
    }

    /** Baseline: the same SUM loop written by hand. */
    @Benchmark
    public double[] sumDoubleHandLoop() {
        double[] a = doubleIn;
        double[] b = doubleInout;
        for (int i = 0; i < size; i++) {
            b[i] = a[i] + b[i];
        }
        return b;
    }

    /** Baseline the design rules out: decoding each element from wire bytes as it is combined. */
    @Benchmark
    public double[] sumDoubleDecodingEachElement() {
        double[] b = doubleInout;
        for (int i = 0; i < size; i++) {
            b[i] = doubleWire.getDouble(i * Double.BYTES) + b[i];
        }
        return b;
    }

    /** SUM on ints. */
    @Benchmark
    public int[] sumInt() {
        Op.SUM.reduceLocal(intIn, 0, intInout, 0, size);
        return intInout;
    }

    /** MAX on floats. */
    @Benchmark
    public float[] maxFloat() {
        Op.MAX.reduceLocal(floatIn, 0, floatInout, 0, size);
        return floatInout;
    }

    /** BXOR on longs. */
    @Benchmark
    public long[] bxorLong() {
        Op.BXOR.reduceLocal(longIn, 0, longInout, 0, size);
        return longInout;
    }

    /** MINLOC on (value, index) pairs of doubles. */
    @Benchmark
    public void minlocDouble(Blackhole hole) {
        Op.MINLOC.reduceLocal(pairsIn, 0, pairsInout, 0, size);
        hole.consume(pairsInout);
    }
}
