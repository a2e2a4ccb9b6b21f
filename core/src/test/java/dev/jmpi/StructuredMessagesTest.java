package dev.jmpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.core.internal.ObjectCodec;
import dev.jmpi.testing.Ranks;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Records, enums, Optionals, Sets and object arrays travel with no codec and no Java serialization. */
@Timeout(60)
class StructuredMessagesTest {

    enum Colour {
        RED,
        GREEN
    }

    enum Shape {
        CIRCLE {
            @Override
            int corners() {
                return 0;
            }
        },
        SQUARE {
            @Override
            int corners() {
                return 4;
            }
        };

        abstract int corners();
    }

    record Point(int x, int y) {}

    record Particle(
            String name,
            Point position,
            double[] velocity,
            Colour colour,
            List<Point> trail,
            Map<String, Integer> counts,
            Optional<String> label,
            Set<Colour> seen,
            Point[] corners,
            SortedMap<String, Long> sorted,
            long id,
            boolean active) {}

    record Tree(int value, Tree left, Tree right) {}

    static final AtomicInteger CHECKED = new AtomicInteger();

    record Checked(int count) {
        Checked {
            CHECKED.incrementAndGet();
            if (count < 0) {
                throw new IllegalArgumentException("count=" + count + " (expected: >= 0)");
            }
        }
    }

    /** Serializable but not a record: only Java serialization carries it. */
    static final class Legacy implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    record Holder(Legacy legacy) {}

    private static Particle particle(int rank) {
        return new Particle(
                "p" + rank,
                new Point(rank, -rank),
                new double[] {rank, 0.5},
                Colour.GREEN,
                List.of(new Point(1, 2), new Point(3, 4)),
                Map.of("hits", rank),
                Optional.of("l" + rank),
                Set.of(Colour.RED),
                new Point[] {new Point(0, 0), null},
                new TreeMap<>(Map.of("b", 2L, "a", 1L)),
                1L << 40,
                rank % 2 == 0);
    }

    private static void assertParticle(Particle expected, Particle got) {
        assertEquals(expected.name(), got.name());
        assertEquals(expected.position(), got.position());
        assertArrayEquals(expected.velocity(), got.velocity());
        assertEquals(expected.colour(), got.colour());
        assertEquals(expected.trail(), got.trail());
        assertEquals(expected.counts(), got.counts());
        assertEquals(expected.label(), got.label());
        assertEquals(expected.seen(), got.seen());
        assertArrayEquals(expected.corners(), got.corners());
        assertInstanceOf(TreeMap.class, got.sorted());
        assertEquals(List.of("a", "b"), List.copyOf(got.sorted().keySet()));
        assertEquals(expected.id(), got.id());
        assertEquals(expected.active(), got.active());
    }

    @Test
    void gatherObjectCarriesNestedRecordsWithoutACodec() {
        Ranks.run(3, comm -> {
            List<Particle> all = comm.gatherObject(particle(comm.rank()), 0);
            if (comm.rank() == 0) {
                assertEquals(3, all.size());
                for (int r = 0; r < 3; r++) {
                    assertParticle(particle(r), all.get(r));
                }
            }
        });
    }

    @Test
    void nullComponentsAndRecursiveRecordsRoundTrip() {
        Particle empty = new Particle(null, null, null, null, null, null, Optional.empty(), null, null, null, 0, false);
        Tree tree = new Tree(1, new Tree(2, null, null), new Tree(3, new Tree(4, null, null), null));
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.sendObject(empty, 1, 0);
                comm.sendObject(tree, 1, 0);
            } else {
                Particle got = comm.recvObject(0, 0);
                assertNull(got.name());
                assertNull(got.position());
                assertNull(got.velocity());
                assertNull(got.seen());
                assertEquals(Optional.empty(), got.label());
                assertEquals(tree, comm.recvObject(0, 0));
            }
        });
    }

    @Test
    void enumsSetsOptionalsAndObjectArraysRoundTrip() {
        Object[] values = {
            Colour.RED,
            Shape.SQUARE,
            Optional.of(List.of(1, 2)),
            Optional.empty(),
            Set.of("a", "b"),
            new String[] {"x", null},
            new Colour[] {Colour.GREEN},
            new int[][] {{1}, {2, 3}},
            new Object[] {1, "two", Colour.RED},
            List.of(Shape.CIRCLE, Optional.of(new Point(1, 1)))
        };
        for (Object v : values) {
            Object got = ObjectCodec.decode(ObjectCodec.encode(v));
            if (v instanceof Object[] a) {
                assertEquals(a.getClass(), got.getClass());
                assertTrue(Arrays.deepEquals(a, (Object[]) got), Arrays.deepToString(a));
            } else {
                assertEquals(v, got);
            }
        }
        assertEquals(4, ((Shape) ObjectCodec.decode(ObjectCodec.encode(Shape.SQUARE))).corners());
    }

    @Test
    void receiverBuildsRecordsThroughTheCanonicalConstructor() {
        byte[] bytes = ObjectCodec.encode(new Checked(5));
        int before = CHECKED.get();
        Object got = ObjectCodec.decode(bytes);
        assertEquals(before + 1, CHECKED.get());
        assertEquals(new Checked(5), got);
        // Flip the component to -1 on the wire: the record's own validation refuses it.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4, -1);
        JmpiException e = assertThrows(JmpiException.class, () -> ObjectCodec.decode(bytes));
        assertTrue(e.getMessage().contains("refused by its constructor"), e.getMessage());
    }

    @Test
    void aClassThatIsNotARecordIsNeverInstantiated() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40);
        byte[] name = "java.lang.ProcessBuilder".getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(name.length)
                .array());
        out.writeBytes(name);
        out.writeBytes(new byte[4]);
        JmpiException e = assertThrows(JmpiException.class, () -> ObjectCodec.decode(out.toByteArray()));
        assertTrue(e.getMessage().contains("expected: a record class"), e.getMessage());
    }

    @Test
    void serializableComponentsStillNeedTheAllowList() {
        InvalidArgumentException off =
                assertThrows(InvalidArgumentException.class, () -> ObjectCodec.encode(new Holder(new Legacy())));
        assertTrue(off.getMessage().contains("Codecs.allowJavaSerialization"), off.getMessage());
        Codecs.allowJavaSerialization(ObjectInputFilter.Config.createFilter("java.base/*;!*"));
        try {
            byte[] bytes = ObjectCodec.encode(new Holder(new Legacy()));
            JmpiException rejected = assertThrows(JmpiException.class, () -> ObjectCodec.decode(bytes));
            assertTrue(rejected.getMessage().contains("rejected"), rejected.getMessage());
        } finally {
            Codecs.disableJavaSerialization();
        }
    }

    @Test
    void aRegisteredCodecWinsOverTheStructuredEncoding() {
        Codecs.register(Point.class, new Codec<>() {
            @Override
            public ByteBuffer encode(Point p) {
                return ByteBuffer.allocate(4).putInt(p.x() + p.y()).flip();
            }

            @Override
            public Point decode(ByteBuffer b) {
                return new Point(b.getInt(), 0);
            }
        });
        try {
            assertEquals(new Point(7, 0), ObjectCodec.decode(ObjectCodec.encode(new Point(3, 4))));
        } finally {
            Codecs.unregister(Point.class);
        }
    }
}
