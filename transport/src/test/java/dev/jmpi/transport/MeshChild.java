package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import dev.jmpi.transport.config.ConfigSource;
import dev.jmpi.transport.rendezvous.TcpRendezvousClient;
import io.netty.buffer.ByteBuf;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A rank in its own JVM, started by {@link MultiProcessMeshTest}. Arguments:
 * {@code rank size rendezvousPort mode heartbeatIntervalMs heartbeatTimeoutMs}; the secret
 * comes from the environment ({@code JMPI_TEST_SECRET}, hex), never the command line.
 * Reports on stdout, one event per line: {@code UP}, {@code VERIFIED n},
 * {@code PEER_FAILURE rank=r reason=…}, {@code BAD …}, {@code BYE}. Modes:
 * <ul>
 *   <li>{@code exchange}: sends {@link #SIZES} to every other rank, verifies what arrives;</li>
 *   <li>{@code stream}: sends 1 MiB messages to rank 0 until it cannot;</li>
 *   <li>{@code echo}: sends every message from rank 0 back to it, same sequence and bytes;</li>
 *   <li>{@code idle}: only listens.</li>
 * </ul>
 * Liveness settings from the arguments can be overridden per child with {@code -Djmpi.*}
 * system properties ({@link MeshConfig.Builder#settings}); a heartbeat setting given with -D beats the arguments.
 * A line {@code quit} on stdin (or stdin closing) closes the transport and exits 0.
 */
public final class MeshChild {

    static final int[] SIZES = {0, 1, 64 * 1024, 8 * 1024 * 1024 + 1};

    private MeshChild() {}

    public static void main(String[] args) throws Exception {
        int rank = Integer.parseInt(args[0]);
        int size = Integer.parseInt(args[1]);
        int rendezvousPort = Integer.parseInt(args[2]);
        String mode = args[3];
        byte[] secret = HexFormat.of().parseHex(System.getenv("JMPI_TEST_SECRET"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ConfigSource settings = ConfigSource.fromProcess();
        MeshConfig.Builder b = MeshConfig.builder()
                .settings(settings)
                .rank(rank)
                .size(size)
                .jobId(NettyMeshes.JOB)
                .secret(secret)
                .bindHost("127.0.0.1")
                .advertisedHost("127.0.0.1")
                .heartbeatIntervalMs(Long.parseLong(args[4]))
                .heartbeatTimeoutMs(Long.parseLong(args[5]))
                .connectTimeoutMs(60_000);
        if (!settings.resolve(TransportSettings.HEARTBEAT_TIMEOUT).origin().equals("default")) {
            b.heartbeatTimeoutMs(
                    settings.get(TransportSettings.HEARTBEAT_TIMEOUT).toMillis());
        }
        MeshConfig cfg = b.build();
        int expected = mode.equals("exchange") ? (size - 1) * SIZES.length : Integer.MAX_VALUE;
        AtomicInteger verified = new AtomicInteger();
        CountDownLatch allVerified = new CountDownLatch(1);
        NettyMesh mesh = NettyMesh.start(
                cfg, new TcpRendezvousClient("127.0.0.1", rendezvousPort, NettyMeshes.JOB, secret, size));
        mesh.start(new InboundHandler() {
            @Override
            public void onMessage(Header header, ByteBuf payload) {
                if (mode.equals("echo")) {
                    mesh.send(
                            header.getSource(),
                            header.toBuilder().setSource(rank).build(),
                            payload);
                    return;
                }
                try {
                    int len = payload.readableBytes();
                    long crc = TestPayloads.crc(payload);
                    long want = TestPayloads.expectedCrc(
                            TestPayloads.seed(header.getSource(), rank, header.getSequence()), len);
                    if (crc != want || header.getTag() != rank) {
                        out.println("BAD from=" + header.getSource() + " seq=" + header.getSequence() + " len=" + len);
                    } else if (verified.incrementAndGet() == expected) {
                        allVerified.countDown();
                    }
                } finally {
                    payload.release();
                }
            }

            @Override
            public void onControl(int source, Control control) {
                out.println("CONTROL from=" + source + " " + control.getBodyCase());
            }

            @Override
            public void onPeerFailure(PeerFailure failure) {
                out.println("PEER_FAILURE rank=" + failure.rank() + " reason=" + failure.reason());
            }
        });
        out.println("UP");
        Thread stdin = closeOnQuit(mesh, out);
        switch (mode) {
            case "exchange":
                for (int d = 1; d < size; d++) {
                    int dest = (rank + d) % size;
                    for (int seq = 0; seq < SIZES.length; seq++) {
                        AbstractTransportContractTest.sendPattern(mesh, dest, seq, SIZES[seq]);
                    }
                }
                allVerified.await();
                out.println("VERIFIED " + verified.get());
                break;
            case "stream":
                try {
                    for (long seq = 0; ; seq++) {
                        AbstractTransportContractTest.sendPattern(mesh, 0, seq, 1024 * 1024);
                    }
                } catch (PeerFailedException e) {
                    out.println("SEND_FAILED " + e.getMessage());
                }
                break;
            default:
                break;
        }
        stdin.join();
    }

    /** Starts a thread that closes the mesh and exits on "quit" or the end of standard input. */
    private static Thread closeOnQuit(NettyMesh mesh, PrintStream out) {
        Thread stdin = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null && !line.equals("quit")) {
                            // Only "quit" means anything.
                        }
                    } catch (java.io.IOException e) {
                        // stdin gone: same as quit.
                    }
                    mesh.close();
                    out.println("BYE");
                    System.exit(0);
                },
                "stdin");
        stdin.start();
        return stdin;
    }
}
