package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerChannelHandlerTest {

    private final List<String> events = new ArrayList<>();

    private EmbeddedChannel channelOfRank(int rank) {
        EmbeddedChannel ch = new EmbeddedChannel();
        PeerConnection conn =
                new PeerConnection(rank, "127.0.0.1:7000", ch, 1 << 20, 1 << 16, null); // inbound only: no sends
        ch.pipeline().addLast(new PeerChannelHandler(conn, new PeerChannelHandler.Events() {
            @Override
            public void onMessage(PeerConnection c, Header header, ByteBuf payload) {
                events.add("message from " + header.getSource());
                payload.release();
            }

            @Override
            public void onControl(PeerConnection c, Control control) {
                events.add("control");
            }

            @Override
            public void onEnded(PeerConnection c, String reason, boolean orderly) {
                events.add("ended: " + reason);
            }
        }));
        return ch;
    }

    private static InboundFrame frameFrom(int source) {
        return new InboundFrame(
                Header.newBuilder()
                        .setKind(Kind.P2P)
                        .setSource(source)
                        .setTag(1)
                        .build(),
                null,
                Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
    }

    @Test
    void framesFromTheAuthenticatedRankAreDelivered() {
        EmbeddedChannel ch = channelOfRank(3);
        ch.writeInbound(frameFrom(3));
        assertEquals(List.of("message from 3"), events);
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void aFrameClaimingAnotherSourceClosesTheConnection() {
        EmbeddedChannel ch = channelOfRank(3);
        InboundFrame spoofed = frameFrom(5);
        ch.writeInbound(spoofed);
        assertFalse(ch.isOpen(), "the connection must be closed");
        assertEquals(0, spoofed.payload().refCnt(), "the payload must be released");
        assertTrue(events.stream().noneMatch(e -> e.startsWith("message")), events.toString());
        assertTrue(events.stream().anyMatch(e -> e.contains("source=5") && e.contains("rank 3")), events.toString());
        ch.finishAndReleaseAll();
    }
}
