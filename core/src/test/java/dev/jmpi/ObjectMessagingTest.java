package dev.jmpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.testing.Ranks;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ObjectMessagingTest {

    record Point(int x, int y) {}

    /** Serializable and not a record: only Java serialization carries it. */
    static final class Legacy implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;

        Legacy(int value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Legacy l && l.value == value;
        }

        @Override
        public int hashCode() {
            return value;
        }
    }

    static final class PointCodec implements Codec<Point> {
        @Override
        public ByteBuffer encode(Point p) {
            return ByteBuffer.allocate(8).putInt(p.x()).putInt(p.y()).flip();
        }

        @Override
        public Point decode(ByteBuffer b) {
            return new Point(b.getInt(), b.getInt());
        }
    }

    @Test
    void builtInValuesRoundTrip() {
        Ranks.run(2, comm -> {
            Object[] values = {
                null,
                "héllo",
                42,
                7L,
                2.5,
                'c',
                true,
                (byte) 3,
                (short) 4,
                1.5f,
                new double[] {1, 2},
                List.of(1, "two", List.of(3.0)),
                Map.of("k", 9),
                dev.jmpi.proto.PeerAddress.newBuilder().setRank(3).setHost("h").build()
            };
            if (comm.rank() == 0) {
                for (Object v : values) {
                    comm.sendObject(v, 1, 0);
                }
            } else {
                for (Object v : values) {
                    Object got = comm.recvObject(0, 0);
                    if (v instanceof double[] d) {
                        assertArrayEquals(d, (double[]) got);
                    } else {
                        assertEquals(v, got);
                    }
                }
            }
        });
    }

    @Test
    void registeredCodecCarriesUserTypes() {
        Codecs.register(Point.class, new PointCodec());
        try {
            Ranks.run(2, comm -> {
                Point p = comm.bcastObject(comm.rank() == 0 ? new Point(3, 4) : null, 0);
                assertEquals(new Point(3, 4), p);
            });
        } finally {
            Codecs.unregister(Point.class);
        }
    }

    @Test
    void javaSerializationIsOffUnlessAllowed() {
        Ranks.run(1, comm -> {
            InvalidArgumentException e =
                    assertThrows(InvalidArgumentException.class, () -> comm.sendObject(new Legacy(1), 0, 0));
            assertTrue(e.getMessage().contains("Codecs.allowJavaSerialization"), e.getMessage());
        });
    }

    @Test
    void javaSerializationWorksThroughTheAllowList() {
        Codecs.allowJavaSerialization(
                java.io.ObjectInputFilter.Config.createFilter("dev.jmpi.ObjectMessagingTest$Legacy;!*"));
        try {
            Ranks.run(2, comm -> {
                if (comm.rank() == 0) {
                    comm.sendObject(new Legacy(5), 1, 0);
                    comm.sendObject(new java.util.Date(0), 1, 0);
                } else {
                    assertEquals(new Legacy(5), comm.recvObject(0, 0));
                    JmpiException rejected = assertThrows(JmpiException.class, () -> comm.recvObject(0, 0));
                    assertTrue(rejected.getMessage().contains("rejected"), rejected.getMessage());
                }
            });
        } finally {
            Codecs.disableJavaSerialization();
        }
    }
}
