package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ChunkAssembler}: reassembly and the protocol rules for chunk sequences. */
class ChunkAssemblerTest {

    private final ChunkAssembler assembler = new ChunkAssembler(UnpooledByteBufAllocator.DEFAULT);
    private final List<Header> headers = new ArrayList<>();
    private final List<ByteBuf> payloads = new ArrayList<>();
    private final ChunkAssembler.Sink sink = (h, p) -> {
        headers.add(h);
        payloads.add(p);
    };

    @AfterEach
    void release() {
        payloads.forEach(ByteBuf::release);
        assembler.discard();
    }

    static Header chunk(long seq, int index, int total, long totalBytes) {
        return Header.newBuilder()
                .setSequence(seq)
                .setTag(5)
                .setChunkIndex(index)
                .setChunkTotal(total)
                .setTotalBytes(totalBytes)
                .build();
    }

    static ByteBuf bytes(int... values) {
        ByteBuf b = Unpooled.buffer();
        for (int v : values) {
            b.writeByte(v);
        }
        return b;
    }

    @Test
    void chunksAreDeliveredOnceCompleteWithChunkFieldsCleared() throws Exception {
        assembler.accept(chunk(1, 0, 3, 5), bytes(1, 2), sink);
        assembler.accept(chunk(1, 1, 3, 5), bytes(3, 4), sink);
        assertTrue(headers.isEmpty());
        assembler.accept(chunk(1, 2, 3, 5), bytes(5), sink);
        assertEquals(1, headers.size());
        assertEquals(Header.newBuilder().setSequence(1).setTag(5).build(), headers.get(0));
        assertEquals("0102030405", ByteBufUtil.hexDump(payloads.get(0)));
    }

    @Test
    void wholeMessagesFromOtherThreadsMayArriveBetweenChunks() throws Exception {
        assembler.accept(chunk(1, 0, 2, 2), bytes(1), sink);
        assembler.accept(Header.newBuilder().setSequence(2).build(), bytes(9), sink);
        assembler.accept(chunk(1, 1, 2, 2), bytes(2), sink);
        assertEquals(2, headers.get(0).getSequence());
        assertEquals(1, headers.get(1).getSequence());
    }

    @Test
    void chunkOutOfOrderIsAProtocolViolation() throws Exception {
        assembler.accept(chunk(1, 0, 3, 3), bytes(1), sink);
        ByteBuf late = bytes(3);
        ChunkAssembler.ProtocolViolationException e = assertThrows(
                ChunkAssembler.ProtocolViolationException.class, () -> assembler.accept(chunk(1, 2, 3, 3), late, sink));
        assertEquals("chunk 2/3 (expected: chunk 1/3)", e.getMessage());
        assertEquals(0, late.refCnt());
    }

    @Test
    void chunkWithoutItsBeginningIsAProtocolViolation() {
        assertThrows(
                ChunkAssembler.ProtocolViolationException.class,
                () -> assembler.accept(chunk(1, 1, 2, 2), bytes(1), sink));
    }

    @Test
    void chunksThatDoNotAddUpToTotalBytesAreAProtocolViolation() throws Exception {
        assembler.accept(chunk(1, 0, 2, 10), bytes(1), sink);
        ChunkAssembler.ProtocolViolationException e = assertThrows(
                ChunkAssembler.ProtocolViolationException.class,
                () -> assembler.accept(chunk(1, 1, 2, 10), bytes(2), sink));
        assertTrue(e.getMessage().contains("expected: total_bytes=10"), e.getMessage());
    }
}
