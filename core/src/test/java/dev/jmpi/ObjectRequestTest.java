package dev.jmpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.testing.Ranks;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ObjectRequestTest {

    @Test
    void irecvObjectGivesATypedValueAndItsStatus() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.isendObject(List.of("a", 2), 1, 3).await();
                return;
            }
            ObjectRequest<List<Object>> r = comm.irecvObject(0, Communicator.ANY_TAG);
            List<Object> got = r.get();
            assertEquals(List.of("a", 2), got);
            assertEquals(3, r.await().tag());
            assertEquals(0, r.status().orElseThrow().source());
            assertEquals(List.of("a", 2), r.valueFuture().join());
        });
    }

    @Test
    void anObjectAboveTheEagerLimitArrivesThroughIrecvObjectByRendezvous() {
        int n = 3 << 20; // 3 MiB of bytes: above the default 1 MiB eager limit
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                byte[] big = new byte[n];
                for (int i = 0; i < n; i++) {
                    big[i] = (byte) (i * 7);
                }
                comm.sendObject(big, 1, 4);
                comm.sendObject(big, 1, 5);
                return;
            }
            ObjectRequest<byte[]> r = comm.irecvObject(0, 4);
            byte[] got = r.get(Duration.ofSeconds(100));
            assertEquals(n, got.length);
            for (int i = 0; i < n; i++) {
                if (got[i] != (byte) (i * 7)) {
                    assertEquals((byte) (i * 7), got[i], "byte " + i);
                }
            }
            byte[] again = comm.<byte[]>irecvObject(0, 5).valueFuture().join();
            assertArrayEquals(got, again);
            assertTrue(r.status().orElseThrow().count() > n, "status counts the encoded bytes: " + r.status());
        });
    }

    @Test
    void aTypedMessageFailsIrecvObjectNamingTheSenderAndItsSenderStillCompletes() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.ssend(new int[] {1, 2}, 0, 2, 1, 6);
                comm.send(new int[1 << 19], 0, 1 << 19, 1, 7); // by rendezvous
                comm.barrier(); // the send completed: rank 1 may finish
                return;
            }
            ObjectRequest<Object> eager = comm.irecvObject(0, 6);
            JmpiException e = assertThrows(JmpiException.class, eager::get);
            assertTrue(
                    e.getMessage()
                            .contains("rank 1: irecvObject(source=0, tag=6): rank 0 sent INT"
                                    + " (expected: an object sent with sendObject or isendObject)"),
                    e.getMessage());
            ObjectRequest<Object> large = comm.irecvObject(0, 7);
            CompletionException c = assertThrows(
                    CompletionException.class, () -> large.valueFuture().join());
            assertTrue(
                    c.getCause().getMessage().contains("rank 0 sent INT"),
                    c.getCause().getMessage());
            comm.barrier();
        });
    }

    @Test
    void irecvObjectFromProcNullCompletesWithNull() {
        Ranks.run(1, comm -> {
            ObjectRequest<String> r = comm.irecvObject(Communicator.PROC_NULL, 0);
            assertTrue(r.test());
            assertNull(r.get());
            assertEquals(Status.procNull(), r.await());
        });
    }

    @Test
    void statusIsAValueAndComparisonsSayHowCommunicatorsRelate() {
        assertEquals(new Status(1, 2, 3, Datatype.INT, false), new Status(1, 2, 3, Datatype.INT, false));
        assertTrue(new Status(0, 0, 0, null, true).isCancelled());
        Ranks.run(4, comm -> {
            assertEquals(Comparison.IDENTICAL, comm.compare(comm));
            try (Communicator dup = comm.dup();
                    Communicator reversed = comm.split(0, -comm.rank()).orElseThrow();
                    Communicator half = comm.split(comm.rank() % 2, 0).orElseThrow()) {
                assertEquals(Comparison.CONGRUENT, comm.compare(dup));
                assertEquals(Comparison.CONGRUENT, dup.compare(comm));
                assertEquals(Comparison.SIMILAR, comm.compare(reversed));
                assertEquals(Comparison.UNEQUAL, comm.compare(half));
                assertEquals(Comparison.IDENTICAL, half.compare(half));
            }
            assertThrows(InvalidArgumentException.class, () -> comm.compare(null));
        });
    }
}
