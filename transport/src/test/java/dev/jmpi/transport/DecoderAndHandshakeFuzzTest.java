package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.jmpi.proto.Abort;
import dev.jmpi.proto.AuthProof;
import dev.jmpi.proto.Control;
import dev.jmpi.proto.DataType;
import dev.jmpi.proto.Frame;
import dev.jmpi.proto.HandshakeMessage;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Heartbeat;
import dev.jmpi.proto.Hello;
import dev.jmpi.proto.Kind;
import dev.jmpi.proto.RankIdentity;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded fuzzing of the frame decoder (with chunk reassembly behind it) and of the
 * handshake: random bytes and mutated valid streams, fed in random splits. Nothing may
 * escape as an unexpected exception, and every buffer allocated must be released
 * (checked exactly by {@link TrackingAllocator}). A failing case prints its seed.
 */
class DecoderAndHandshakeFuzzTest {

    static final long SEED = 0x6A6D7069L;
    static final int FRAME_CASES = 64_000;
    static final int HANDSHAKE_CASES = 40_000;
    static final int MAX_FRAME = 4096;

    /** Consumes decoded frames like the mesh does; records any unexpected exception. */
    static final class Sink extends ChannelInboundHandlerAdapter {
        final List<Throwable> unexpected = new ArrayList<>();
        ChunkAssembler assembler;
        int delivered;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            assembler = new ChunkAssembler(ctx.alloc());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof InboundFrame)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            InboundFrame f = (InboundFrame) msg;
            if (f.control() != null) {
                f.release();
                return;
            }
            try {
                assembler.accept(f.header(), f.payload(), (h, p) -> {
                    delivered++;
                    p.release();
                });
            } catch (ChunkAssembler.ProtocolViolationException e) {
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            assembler.discard();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            assembler.discard();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!(cause instanceof CorruptedFrameException || cause instanceof TooLongFrameException)) {
                unexpected.add(cause);
            }
        }
    }

    private static <T> T withLeakDetectionOff(java.util.concurrent.Callable<T> body) throws Exception {
        // Exact refCnt tracking replaces the (slow, sampling) leak detector here.
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        try {
            return body.call();
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    @Test
    @Timeout(60)
    void frameDecoderSurvivesRandomAndMutatedInputsWithoutLeaks() throws Exception {
        int delivered = withLeakDetectionOff(() -> {
            TrackingAllocator alloc = new TrackingAllocator();
            int total = 0;
            for (int i = 0; i < FRAME_CASES; i++) {
                Random rnd = new Random(SEED + i);
                byte[] input = frameInput(rnd);
                EmbeddedChannel ch = new EmbeddedChannel();
                ch.config().setAllocator(alloc);
                Sink sink = new Sink();
                ch.pipeline().addLast(new FrameDecoder(MAX_FRAME), sink);
                try {
                    feed(ch, alloc, input, rnd);
                    ch.finishAndReleaseAll();
                } catch (RuntimeException e) {
                    throw new AssertionError("frame case " + i + " (seed " + (SEED + i) + ") escaped", e);
                }
                assertTrue(
                        sink.unexpected.isEmpty(),
                        "frame case " + i + " (seed " + (SEED + i) + "): " + sink.unexpected);
                List<String> leaks = alloc.leaksAndReset();
                assertTrue(leaks.isEmpty(), "frame case " + i + " (seed " + (SEED + i) + ") leaked " + leaks);
                total += sink.delivered;
            }
            return total;
        });
        assertTrue(delivered > FRAME_CASES / 10, "too few valid messages survived mutation: " + delivered);
    }

    private static void feed(EmbeddedChannel ch, TrackingAllocator alloc, byte[] input, Random rnd) {
        // A few random cut points: exercises partial frames without a write per byte.
        int pieces = 1 + rnd.nextInt(6);
        int pos = 0;
        while (pos < input.length && ch.isOpen()) {
            int left = input.length - pos;
            int n = --pieces <= 0 ? left : Math.min(left, 1 + rnd.nextInt(Math.max(1, left / 2 + 1)));
            ByteBuf buf = alloc.buffer(n);
            buf.writeBytes(input, pos, n);
            ch.writeInbound(buf);
            pos += n;
        }
    }

    static byte[] frameInput(Random rnd) {
        int kind = rnd.nextInt(10);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (kind < 2) {
            byte[] b = new byte[rnd.nextInt(300)];
            rnd.nextBytes(b);
            return b;
        }
        if (kind < 4) {
            int len = rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(MAX_FRAME + 10);
            writeInt(out, len);
            byte[] b = new byte[rnd.nextInt(200)];
            rnd.nextBytes(b);
            out.writeBytes(b);
            return out.toByteArray();
        }
        int frames = 1 + rnd.nextInt(4);
        long seq = rnd.nextInt(5);
        int chunkTotal = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : 0;
        int perChunk = 1 + rnd.nextInt(100);
        for (int f = 0; f < frames; f++) {
            Frame frame;
            if (rnd.nextInt(4) == 0) {
                Control c = rnd.nextBoolean()
                        ? Control.newBuilder()
                                .setHeartbeat(Heartbeat.newBuilder().setSentAtNanos(rnd.nextLong()))
                                .build()
                        : Control.newBuilder()
                                .setAbort(Abort.newBuilder().setDescription("x" + rnd.nextInt()))
                                .build();
                frame = Frame.newBuilder().setControl(c).build();
            } else {
                Header.Builder h = Header.newBuilder()
                        .setKind(Kind.forNumber(rnd.nextInt(4)))
                        .setContext(rnd.nextInt(10))
                        .setSource(rnd.nextInt(8))
                        .setTag(rnd.nextInt())
                        .setSequence(seq)
                        .setDataType(DataType.forNumber(rnd.nextInt(10)))
                        .setCount(rnd.nextInt(1000));
                int len = perChunk;
                if (chunkTotal > 0) {
                    h.setChunkIndex(Math.min(f, chunkTotal - 1))
                            .setChunkTotal(chunkTotal)
                            .setTotalBytes((long) perChunk * chunkTotal);
                } else {
                    len = rnd.nextInt(200);
                }
                byte[] payload = new byte[len];
                rnd.nextBytes(payload);
                frame = Frame.newBuilder()
                        .setHeader(h)
                        .setPayload(ByteString.copyFrom(payload))
                        .build();
            }
            byte[] body = frame.toByteArray();
            writeInt(out, body.length);
            out.writeBytes(body);
        }
        byte[] bytes = out.toByteArray();
        return kind < 5 ? bytes : mutate(bytes, rnd);
    }

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations && b.length > 0; m++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
                case 0:
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                    break;
                case 1:
                    b[at] = (byte) rnd.nextInt(256);
                    break;
                case 2:
                    b = java.util.Arrays.copyOf(b, at);
                    break;
                case 3: {
                    byte[] extra = new byte[1 + rnd.nextInt(8)];
                    rnd.nextBytes(extra);
                    ByteArrayOutputStream o = new ByteArrayOutputStream();
                    o.write(b, 0, at);
                    o.writeBytes(extra);
                    o.write(b, at, b.length - at);
                    b = o.toByteArray();
                    break;
                }
                case 4: {
                    ByteArrayOutputStream o = new ByteArrayOutputStream();
                    o.writeBytes(b);
                    o.write(b, at, Math.min(b.length - at, 1 + rnd.nextInt(32)));
                    b = o.toByteArray();
                    break;
                }
                default:
                    if (b.length >= 4) {
                        int v = rnd.nextInt(3) == 0 ? rnd.nextInt() : rnd.nextInt(64);
                        b[0] = (byte) (v >>> 24);
                        b[1] = (byte) (v >>> 16);
                        b[2] = (byte) (v >>> 8);
                        b[3] = (byte) v;
                    }
            }
        }
        return b;
    }

    static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    /** Admits every authenticated peer and counts outcomes. */
    static final class Outcome implements HandshakeHandler.Listener {
        boolean authenticated;
        boolean failed;

        @Override
        public String onAuthenticated(ChannelHandlerContext ctx, int peerRank) {
            authenticated = true;
            ctx.pipeline().addAfter(ctx.name(), "sink", new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext c, Object msg) {
                    ReferenceCountUtil.release(msg);
                }
            });
            return null;
        }

        @Override
        public void onHandshakeFailed(Channel channel, int claimedRank, HandshakeHandler.Failure failure, String r) {
            failed = true;
        }
    }

    @Test
    @Timeout(60)
    void handshakeSurvivesRandomAndMutatedInputsWithoutLeaks() throws Exception {
        byte[] secret = NettyMeshes.SECRET;
        int[] counts = withLeakDetectionOff(() -> {
            TrackingAllocator alloc = new TrackingAllocator();
            SecureRandom nonces = SecureRandom.getInstance("SHA1PRNG");
            nonces.setSeed(SEED);
            int authenticated = 0;
            int intact = 0;
            for (int i = 0; i < HANDSHAKE_CASES; i++) {
                Random rnd = new Random(~SEED + i);
                Outcome outcome = new Outcome();
                EmbeddedChannel ch = new EmbeddedChannel();
                ch.config().setAllocator(alloc);
                ch.pipeline()
                        .addLast(
                                "handshake",
                                new HandshakeHandler(0, 4, NettyMeshes.JOB, secret, -1, 10_000, nonces, outcome));
                ByteBuf greeting = ch.readOutbound();
                byte[] acceptorNonce;
                try {
                    int len = greeting.readInt();
                    acceptorNonce = HandshakeMessage.parseFrom(
                                    ByteBufUtil.getBytes(greeting, greeting.readerIndex(), len))
                            .getHello()
                            .getNonce()
                            .toByteArray();
                } finally {
                    greeting.release();
                }
                boolean mutated = rnd.nextInt(10) != 0;
                byte[] input = handshakeInput(rnd, acceptorNonce, secret, mutated);
                try {
                    feed(ch, alloc, input, rnd);
                    ch.finishAndReleaseAll();
                } catch (RuntimeException e) {
                    throw new AssertionError("handshake case " + i + " (seed " + (~SEED + i) + ") escaped", e);
                }
                if (!mutated) {
                    intact++;
                    assertTrue(outcome.authenticated, "intact handshake case " + i + " was not admitted");
                }
                authenticated += outcome.authenticated ? 1 : 0;
                List<String> leaks = alloc.leaksAndReset();
                assertTrue(leaks.isEmpty(), "handshake case " + i + " (seed " + (~SEED + i) + ") leaked " + leaks);
            }
            return new int[] {authenticated, intact};
        });
        assertTrue(counts[1] > 0);
        assertTrue(counts[0] >= counts[1], "authenticated " + counts[0] + " of " + counts[1] + " intact cases");
    }

    static byte[] handshakeInput(Random rnd, byte[] acceptorNonce, byte[] secret, boolean mutated) {
        if (mutated && rnd.nextInt(4) == 0) {
            byte[] b = new byte[rnd.nextInt(200)];
            rnd.nextBytes(b);
            return b;
        }
        byte[] nonce = new byte[32];
        rnd.nextBytes(nonce);
        int rank = 1 + rnd.nextInt(3);
        Hello hello = Hello.newBuilder()
                .setProtocolMajor(WireVersion.PROTOCOL_MAJOR)
                .setProtocolMinor(rnd.nextInt(3))
                .setNonce(ByteString.copyFrom(nonce))
                .build();
        byte[] proof = MeshAuth.proof(secret, MeshAuth.Role.DIALER, acceptorNonce, nonce);
        byte[] mac = MeshAuth.identityMac(secret, MeshAuth.Role.DIALER, acceptorNonce, nonce, NettyMeshes.JOB, rank, 4);
        RankIdentity identity = RankIdentity.newBuilder()
                .setJobId(NettyMeshes.JOB)
                .setRank(rank)
                .setWorldSize(4)
                .setMac(ByteString.copyFrom(mac))
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (HandshakeMessage m : new HandshakeMessage[] {
            HandshakeMessage.newBuilder().setHello(hello).build(),
            HandshakeMessage.newBuilder()
                    .setProof(AuthProof.newBuilder().setMac(ByteString.copyFrom(proof)))
                    .build(),
            HandshakeMessage.newBuilder().setIdentity(identity).build()
        }) {
            byte[] body = m.toByteArray();
            writeInt(out, body.length);
            out.writeBytes(body);
        }
        byte[] trailer = new byte[rnd.nextInt(40)];
        rnd.nextBytes(trailer);
        out.writeBytes(trailer);
        byte[] bytes = out.toByteArray();
        return mutated ? mutate(bytes, rnd) : bytes;
    }

    @Test
    void fuzzInputsAreReproducibleFromTheSeed() {
        assertEquals(
                java.util.Arrays.toString(frameInput(new Random(SEED + 17))),
                java.util.Arrays.toString(frameInput(new Random(SEED + 17))));
    }
}
