package dev.jmpi.bench.floor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Locale;

/**
 * Java's floor for a TCP transport on this host, as {@code tcppingpong.c} is C's: a ping-pong
 * over one loopback connection between this thread and an echo thread, with no framing,
 * matching or thread hand-off. {@code block}: blocking channels with TCP_NODELAY, each side
 * sleeps in read() (what a thread that waits for the kernel pays). {@code spin}: non-blocking
 * channels, both sides spin on read() returning 0 (what a receive path that polls in the
 * waiting thread can reach). Same statistics as the C benches: warm-up of at least 0.25 s with
 * calibration to >= 5 ms, then 11 repetitions of ~40 ms; one-way time = round trip / 2.
 *
 * <pre>java -cp bench/target/jmpi-bench.jar dev.jmpi.bench.floor.JavaTcpPingPong [block|spin]</pre>
 */
public final class JavaTcpPingPong {

    private static final int REPS = 11;
    private static final double TARGET_S = 0.04;
    private static final double CAL_MIN_S = 0.005;
    private static final double WARMUP_S = 0.25;
    private static final long MAX_ITERS = 100_000;
    private static final int[] SIZES = {8, 1024, 65536};

    private final SocketChannel channel;
    private final boolean spin;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(65536);

    private JavaTcpPingPong(SocketChannel channel, boolean spin) {
        this.channel = channel;
        this.spin = spin;
    }

    public static void main(String[] args) throws Exception {
        boolean spin = args.length > 0 && args[0].equals("spin");
        if (args.length > 0 && !spin && !args[0].equals("block")) {
            System.err.println("mode=" + args[0] + " (expected: block or spin)");
            System.exit(2);
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            SocketChannel client = SocketChannel.open(server.getLocalAddress());
            SocketChannel accepted = server.accept();
            for (SocketChannel c : new SocketChannel[] {client, accepted}) {
                c.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.configureBlocking(!spin);
            }
            Thread echo = new Thread(() -> new JavaTcpPingPong(accepted, spin).echoLoop(), "echo");
            echo.setDaemon(true);
            echo.start();
            JavaTcpPingPong me = new JavaTcpPingPong(client, spin);
            for (int size : SIZES) {
                me.measure(size);
            }
            client.close();
        }
    }

    private void echoLoop() {
        try {
            ByteBuffer header = ByteBuffer.allocateDirect(4);
            while (true) {
                header.clear();
                fill(header);
                int size = header.getInt(0);
                buf.clear().limit(size);
                fill(buf);
                buf.flip();
                drain(buf);
            }
        } catch (IOException e) {
            // The measuring side closed the connection: done.
        }
    }

    /** One round trip of {@code size} bytes (a 4-byte size prefix tells the echo side how much to read). */
    private void roundTrip(ByteBuffer header, int size) throws IOException {
        header.clear();
        header.putInt(0, size);
        drain(header);
        buf.clear().limit(size);
        drain(buf);
        buf.clear().limit(size);
        fill(buf);
    }

    private void fill(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new IOException("closed");
            }
            if (spin) {
                Thread.onSpinWait();
            }
        }
    }

    private void drain(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private double timed(ByteBuffer header, int size, long iters) throws IOException {
        long t0 = System.nanoTime();
        for (long i = 0; i < iters; i++) {
            roundTrip(header, size);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private void measure(int size) throws IOException {
        ByteBuffer header = ByteBuffer.allocateDirect(4);
        long n = 1;
        double t;
        double total = 0;
        for (; ; ) {
            t = timed(header, size, n);
            total += t;
            if ((t >= CAL_MIN_S && total >= WARMUP_S) || n >= MAX_ITERS) {
                break;
            }
            if (t < CAL_MIN_S) {
                n *= 4;
            }
        }
        long iters = Math.max(1, Math.min(MAX_ITERS, (long) (n * TARGET_S / t)));
        double[] v = new double[REPS];
        for (int r = 0; r < REPS; r++) {
            v[r] = timed(header, size, iters) / iters / 2;
        }
        Arrays.sort(v);
        System.out.println(String.format(
                Locale.ROOT,
                "RES pp_lat %d %.3f %.3f %.3f %d %d",
                size,
                v[REPS / 2] * 1e6,
                v[0] * 1e6,
                v[REPS - 1] * 1e6,
                REPS,
                iters));
    }
}
