package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PointToPointTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8})
    void everyBasicTypeTravelsAroundARingWithNonZeroOffsets(int n) {
        MpiRanks.run(n, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            int next = (rank + 1) % n;
            int prev = (rank + n - 1) % n;
            Object[][] sent = payloads(rank);
            Request[] sends = new Request[sent.length];
            for (int t = 0; t < sent.length; t++) {
                sends[t] = MPI.COMM_WORLD.Isend(sent[t][1], 3, 5, (Datatype) sent[t][0], next, t);
            }
            for (int t = 0; t < sent.length; t++) {
                Datatype type = (Datatype) sent[t][0];
                Object expected = payloads(prev)[t][1];
                Object got =
                        java.lang.reflect.Array.newInstance(expected.getClass().getComponentType(), 9);
                Status s = MPI.COMM_WORLD.Recv(got, 2, 6, type, prev, t);
                assertEquals(prev, s.source);
                assertEquals(t, s.tag);
                assertEquals(5, s.Get_count(type));
                for (int i = 0; i < 5; i++) {
                    assertEquals(
                            java.lang.reflect.Array.get(expected, 3 + i),
                            java.lang.reflect.Array.get(got, 2 + i),
                            type + " element " + i);
                }
            }
            Request.Waitall(sends);
        });
    }

    private static Object[][] payloads(int rank) {
        return new Object[][] {
            {MPI.BYTE, new byte[] {9, 9, 9, (byte) rank, 2, 3, 4, 5}},
            {MPI.CHAR, new char[] {'x', 'x', 'x', (char) ('a' + rank), 'b', 'c', 'd', 'e'}},
            {MPI.SHORT, new short[] {0, 0, 0, (short) rank, -2, 3, 4, 5}},
            {MPI.BOOLEAN, new boolean[] {false, false, false, rank % 2 == 0, true, false, true, true}},
            {MPI.INT, new int[] {0, 0, 0, rank, -2, 3, 4, 5}},
            {MPI.LONG, new long[] {0, 0, 0, rank, Long.MAX_VALUE, 3, 4, 5}},
            {MPI.FLOAT, new float[] {0, 0, 0, rank, 2.5f, 3, 4, 5}},
            {MPI.DOUBLE, new double[] {0, 0, 0, rank, Math.PI, 3, 4, 5}},
        };
    }

    @Test
    void synchronousSendDoesNotCompleteBeforeTheReceiveStarts() {
        MpiRanks.run(2, () -> {
            int[] data = {1, 2, 3};
            if (MPI.COMM_WORLD.Rank() == 0) {
                Request ssend = MPI.COMM_WORLD.Issend(data, 0, 3, MPI.INT, 1, 1);
                for (int i = 0; i < 50; i++) {
                    assertNull(ssend.Test(), "Issend completed before rank 1 posted its receive");
                    Thread.onSpinWait();
                }
                MPI.COMM_WORLD.Send(new int[] {0}, 0, 1, MPI.INT, 1, 2);
                assertNotNull(ssend.Wait());
                MPI.COMM_WORLD.Ssend(data, 1, 2, MPI.INT, 1, 3);
            } else {
                MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 0, 2);
                int[] got = new int[3];
                MPI.COMM_WORLD.Recv(got, 0, 3, MPI.INT, 0, 1);
                assertArrayEquals(data, got);
                MPI.COMM_WORLD.Recv(got, 0, 2, MPI.INT, 0, 3);
                assertEquals(2, got[0]);
                assertEquals(3, got[1]);
            }
        });
    }

    @Test
    void bufferedAndStandardSendsCompleteBeforeTheReceiveIsPosted() {
        MpiRanks.run(2, () -> {
            if (MPI.COMM_WORLD.Rank() == 0) {
                MPI.Buffer_attach(ByteBuffer.allocate(100 + MPI.BSEND_OVERHEAD));
                MPI.COMM_WORLD.Bsend(new long[] {7, 8}, 0, 2, MPI.LONG, 1, 1);
                Request ib = MPI.COMM_WORLD.Ibsend(new long[] {9}, 0, 1, MPI.LONG, 1, 1);
                assertNotNull(ib.Wait());
                MPI.COMM_WORLD.Send(new int[] {5}, 0, 1, MPI.INT, 1, 2);
                assertEquals(100 + MPI.BSEND_OVERHEAD, MPI.Buffer_detach().capacity());
                MPI.COMM_WORLD.Send(new int[] {0}, 0, 1, MPI.INT, 1, 3);
            } else {
                MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 0, 3);
                long[] got = new long[3];
                MPI.COMM_WORLD.Recv(got, 0, 2, MPI.LONG, 0, 1);
                MPI.COMM_WORLD.Recv(got, 2, 1, MPI.LONG, 0, 1);
                assertArrayEquals(new long[] {7, 8, 9}, got);
                int[] i = new int[1];
                MPI.COMM_WORLD.Recv(i, 0, 1, MPI.INT, 0, 2);
                assertEquals(5, i[0]);
            }
        });
    }

    @Test
    void bufferedSendFailsWithoutAnAttachedBufferOrWithTooSmallOne() {
        MpiRanks.run(1, () -> {
            MPIException none =
                    assertThrows(MPIException.class, () -> MPI.COMM_WORLD.Bsend(new int[4], 0, 4, MPI.INT, 0, 0));
            assertTrue(none.getMessage().contains("Buffer_attach"), none.getMessage());
            MPI.Buffer_attach(new byte[8]);
            MPIException small =
                    assertThrows(MPIException.class, () -> MPI.COMM_WORLD.Bsend(new int[4], 0, 4, MPI.INT, 0, 0));
            assertTrue(small.getMessage().contains("attached buffer holds 8"), small.getMessage());
            MPI.Buffer_detach();
        });
    }

    @Test
    void readySendArrivesWhenTheReceiveWasPostedFirst() {
        MpiRanks.run(2, () -> {
            double[] buf = new double[2];
            if (MPI.COMM_WORLD.Rank() == 1) {
                Request r = MPI.COMM_WORLD.Irecv(buf, 0, 2, MPI.DOUBLE, 0, 4);
                MPI.COMM_WORLD.Barrier();
                r.Wait();
                assertArrayEquals(new double[] {1.5, 2.5}, buf);
                Request ir = MPI.COMM_WORLD.Irecv(buf, 0, 1, MPI.DOUBLE, 0, 5);
                MPI.COMM_WORLD.Barrier();
                ir.Wait();
                assertEquals(3.5, buf[0]);
            } else {
                MPI.COMM_WORLD.Barrier();
                MPI.COMM_WORLD.Rsend(new double[] {1.5, 2.5}, 0, 2, MPI.DOUBLE, 1, 4);
                MPI.COMM_WORLD.Barrier();
                MPI.COMM_WORLD.Irsend(new double[] {3.5}, 0, 1, MPI.DOUBLE, 1, 5)
                        .Wait();
            }
        });
    }

    @Test
    void requestArraysSkipNullEntriesAndNullRequests() {
        MpiRanks.run(2, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            int other = 1 - rank;
            int[] a = new int[1];
            int[] b = new int[1];
            Request[] reqs = {
                null,
                MPI.COMM_WORLD.Irecv(a, 0, 1, MPI.INT, other, 1),
                MPI.REQUEST_NULL,
                MPI.COMM_WORLD.Irecv(b, 0, 1, MPI.INT, other, 2),
                MPI.COMM_WORLD.Isend(new int[] {10 + rank}, 0, 1, MPI.INT, other, 2),
                MPI.COMM_WORLD.Isend(new int[] {20 + rank}, 0, 1, MPI.INT, other, 1),
            };
            Status[] all = Request.Waitall(reqs);
            assertEquals(6, all.length);
            assertEquals(MPI.ANY_SOURCE, all[0].source);
            assertEquals(MPI.ANY_TAG, all[2].tag);
            assertEquals(other, all[1].source);
            assertEquals(20 + other, a[0]);
            assertEquals(10 + other, b[0]);
            assertTrue(reqs[1].Is_null(), "a completed request becomes null");
            Status none = Request.Waitany(reqs);
            assertEquals(MPI.UNDEFINED, none.index);
            assertEquals(MPI.UNDEFINED, Request.Testany(reqs).index);
            assertEquals(0, Request.Waitsome(reqs).length);
            assertEquals(6, Request.Testall(reqs).length);
            assertTrue(MPI.REQUEST_NULL.Is_null());
        });
    }

    @Test
    void waitanyWaitsomeAndTestsomeReportTheIndexOfWhatCompleted() {
        MpiRanks.run(2, () -> {
            if (MPI.COMM_WORLD.Rank() == 0) {
                int[][] bufs = new int[3][1];
                Request[] reqs = new Request[3];
                for (int i = 0; i < 3; i++) {
                    reqs[i] = MPI.COMM_WORLD.Irecv(bufs[i], 0, 1, MPI.INT, 1, i);
                }
                assertNull(Request.Testany(reqs));
                assertNull(Request.Testall(reqs));
                MPI.COMM_WORLD.Send(new int[] {0}, 0, 1, MPI.INT, 1, 100);
                Status s = Request.Waitany(reqs);
                assertEquals(2, s.index);
                assertEquals(2, s.tag);
                assertEquals(42, bufs[2][0]);
                MPI.COMM_WORLD.Send(new int[] {0}, 0, 1, MPI.INT, 1, 100);
                int seen = 0;
                while (seen < 2) {
                    for (Status done : Request.Waitsome(reqs)) {
                        assertEquals(done.index, done.tag);
                        assertEquals(40 + done.index, bufs[done.index][0]);
                        seen++;
                    }
                }
                assertEquals(0, Request.Testsome(reqs).length);
            } else {
                MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 0, 100);
                MPI.COMM_WORLD.Send(new int[] {42}, 0, 1, MPI.INT, 0, 2);
                MPI.COMM_WORLD.Recv(new int[1], 0, 1, MPI.INT, 0, 100);
                MPI.COMM_WORLD.Send(new int[] {40}, 0, 1, MPI.INT, 0, 0);
                MPI.COMM_WORLD.Send(new int[] {41}, 0, 1, MPI.INT, 0, 1);
            }
        });
    }

    @Test
    void persistentRequestsSendTheBufferContentsAtEachStart() {
        MpiRanks.run(2, () -> {
            int[] buf = new int[2];
            if (MPI.COMM_WORLD.Rank() == 0) {
                Prequest send = MPI.COMM_WORLD.Send_init(buf, 1, 1, MPI.INT, 1, 3);
                Prequest ssend = MPI.COMM_WORLD.Ssend_init(buf, 0, 1, MPI.INT, 1, 4);
                for (int i = 0; i < 3; i++) {
                    buf[1] = i * 10;
                    buf[0] = i;
                    Prequest.Startall(new Prequest[] {send, ssend});
                    Request.Waitall(new Request[] {send, ssend});
                    assertFalse(send.Is_null(), "a persistent request stays allocated");
                }
                send.Free();
                assertTrue(send.Is_null());
                assertThrows(MPIException.class, send::Start);
            } else {
                Prequest recv = MPI.COMM_WORLD.Recv_init(buf, 0, 2, MPI.INT, 0, MPI.ANY_TAG);
                for (int i = 0; i < 6; i++) {
                    recv.Start();
                    Status s = recv.Wait();
                    assertEquals(1, s.Get_count(MPI.INT));
                    assertEquals(s.tag == 3 ? (i / 2) * 10 : i / 2, buf[0]);
                }
                assertNotNull(recv.Wait(), "waiting on an inactive persistent request returns at once");
            }
        });
    }

    @Test
    void aCancelledReceiveCompletesWithTestCancelled() {
        MpiRanks.run(1, () -> {
            Request r = MPI.COMM_WORLD.Irecv(new int[1], 0, 1, MPI.INT, 0, 77);
            r.Cancel();
            Status s = r.Wait();
            assertTrue(s.Test_cancelled());
            Request o = MPI.COMM_WORLD.Irecv(new Object[1], 0, 1, MPI.OBJECT, 0, 78);
            o.Cancel();
            assertTrue(o.Wait().Test_cancelled());
        });
    }

    @Test
    void probeAndIprobeDescribeAMessageBeforeItIsReceived() {
        MpiRanks.run(3, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            if (rank == 0) {
                assertNull(MPI.COMM_WORLD.Iprobe(MPI.ANY_SOURCE, 9));
                MPI.COMM_WORLD.Barrier();
                for (int i = 0; i < 2; i++) {
                    Status p = MPI.COMM_WORLD.Probe(MPI.ANY_SOURCE, MPI.ANY_TAG);
                    int count = p.Get_count(p.tag == 9 ? MPI.DOUBLE : MPI.OBJECT);
                    if (p.tag == 9) {
                        double[] got = new double[count];
                        MPI.COMM_WORLD.Recv(got, 0, count, MPI.DOUBLE, p.source, p.tag);
                        assertEquals(4, count);
                        assertEquals(2, p.source);
                    } else {
                        Object[] got = new Object[count];
                        MPI.COMM_WORLD.Recv(got, 0, count, MPI.OBJECT, p.source, p.tag);
                        assertEquals(3, count);
                        assertEquals("c", got[2]);
                    }
                }
            } else if (rank == 1) {
                MPI.COMM_WORLD.Barrier();
                MPI.COMM_WORLD.Send(new Object[] {"a", "b", "c"}, 0, 3, MPI.OBJECT, 0, 8);
            } else {
                MPI.COMM_WORLD.Barrier();
                MPI.COMM_WORLD.Send(new double[4], 0, 4, MPI.DOUBLE, 0, 9);
            }
        });
    }

    /** A user class that travels as MPI.OBJECT. */
    record Particle(String name, double[] position) implements java.io.Serializable {}

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void objectsTravelWithJavaSerializationInEveryMode(int n) {
        MPI.setObjectInputFilter(
                java.io.ObjectInputFilter.Config.createFilter(Particle.class.getName() + ";java.base/*;!*"));
        try {
            MpiRanks.run(n, () -> {
                int rank = MPI.COMM_WORLD.Rank();
                if (rank != 0) {
                    Object[] out = {null, new Particle("p" + rank, new double[] {rank, -rank}), Arrays.asList(rank, "x")
                    };
                    MPI.COMM_WORLD.Send(out, 1, 2, MPI.OBJECT, 0, 1);
                    MPI.COMM_WORLD.Ssend(out, 1, 1, MPI.OBJECT, 0, 2);
                    MPI.COMM_WORLD.Issend(out, 2, 1, MPI.OBJECT, 0, 3).Wait();
                } else {
                    Object[] in = new Object[4];
                    Request[] reqs = new Request[n - 1];
                    for (int i = 0; i < n - 1; i++) {
                        reqs[i] = MPI.COMM_WORLD.Irecv(in.clone(), 0, 4, MPI.OBJECT, MPI.ANY_SOURCE, 1);
                    }
                    for (Status s : Request.Waitall(reqs)) {
                        assertEquals(2, s.Get_count(MPI.OBJECT));
                        assertEquals(1, s.tag);
                    }
                    for (int src = 1; src < n; src++) {
                        Status s = MPI.COMM_WORLD.Recv(in, 1, 1, MPI.OBJECT, src, 2);
                        Particle p = (Particle) in[1];
                        assertEquals("p" + src, p.name());
                        assertArrayEquals(new double[] {src, -src}, p.position());
                        assertEquals(src, s.source);
                        MPI.COMM_WORLD.Recv(in, 3, 1, MPI.OBJECT, src, 3);
                        assertEquals(Arrays.asList(src, "x"), in[3]);
                    }
                }
            });
        } finally {
            MPI.setObjectInputFilter(null);
        }
    }

    @Test
    void classesOutsideTheAllowListAreRefusedUntilAllowed() {
        MpiRanks.run(1, () -> {
            MPI.COMM_WORLD.Send(new Object[] {"fine", Arrays.asList(1, "x")}, 0, 2, MPI.OBJECT, 0, 1);
            Object[] in = new Object[2];
            MPI.COMM_WORLD.Recv(in, 0, 2, MPI.OBJECT, 0, 1);
            assertEquals("fine", in[0]);
            assertEquals(Arrays.asList(1, "x"), in[1]);
            MPI.COMM_WORLD.Send(new Object[] {new Particle("x", new double[] {1})}, 0, 1, MPI.OBJECT, 0, 2);
            MPIException e = assertThrows(MPIException.class, () -> MPI.COMM_WORLD.Recv(in, 0, 1, MPI.OBJECT, 0, 2));
            assertTrue(
                    e.getMessage()
                            .contains("received a mpi.PointToPointTest$Particle, which is not on the"
                                    + " Java-serialization allow-list"),
                    e.getMessage());
            assertTrue(
                    e.getMessage()
                            .contains("Codecs.allowJavaSerialization(ObjectInputFilter.Config.createFilter("
                                    + "\"mpi.PointToPointTest$Particle;java.base/*;!*\"))"),
                    e.getMessage());
        });
        java.io.ObjectInputFilter allow =
                java.io.ObjectInputFilter.Config.createFilter("mpi.PointToPointTest$Particle;java.base/*;!*");
        dev.jmpi.Codecs.allowJavaSerialization(allow);
        try {
            assertEquals(allow, MPI.getObjectInputFilter());
            MpiRanks.run(1, () -> {
                MPI.COMM_WORLD.Send(new Object[] {new Particle("y", new double[] {2})}, 0, 1, MPI.OBJECT, 0, 3);
                Object[] in = new Object[1];
                MPI.COMM_WORLD.Recv(in, 0, 1, MPI.OBJECT, 0, 3);
                assertEquals("y", ((Particle) in[0]).name());
                assertArrayEquals(new double[] {2}, ((Particle) in[0]).position());
            });
        } finally {
            MPI.setObjectInputFilter(null);
        }
        assertNull(MPI.getObjectInputFilter());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6})
    void sendrecvAndSendrecvReplaceShiftValuesAroundARing(int n) {
        MpiRanks.run(n, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            int next = (rank + 1) % n;
            int prev = (rank + n - 1) % n;
            long[] in = new long[3];
            Status s = MPI.COMM_WORLD.Sendrecv(
                    new long[] {-1, rank, rank * 2L}, 1, 2, MPI.LONG, next, 5, in, 1, 2, MPI.LONG, prev, 5);
            assertArrayEquals(new long[] {0, prev, prev * 2L}, in);
            assertEquals(prev, s.source);
            float[] buf = {0, rank, rank + 0.5f};
            MPI.COMM_WORLD.Sendrecv_replace(buf, 1, 2, MPI.FLOAT, next, 6, MPI.ANY_SOURCE, 6);
            assertArrayEquals(new float[] {0, prev, prev + 0.5f}, buf);
            Object[] objs = {"r" + rank};
            MPI.COMM_WORLD.Sendrecv_replace(objs, 0, 1, MPI.OBJECT, next, 7, prev, 7);
            assertEquals("r" + prev, objs[0]);
        });
    }

    @Test
    void procNullSendsAndReceivesCompleteAtOnceMovingNothing() {
        MpiRanks.run(1, () -> {
            MPI.COMM_WORLD.Send(new int[1], 0, 1, MPI.INT, MPI.PROC_NULL, 0);
            int[] buf = {5};
            Status s = MPI.COMM_WORLD.Recv(buf, 0, 1, MPI.INT, MPI.PROC_NULL, 0);
            assertEquals(MPI.PROC_NULL, s.source);
            assertEquals(0, s.Get_count(MPI.INT));
            assertEquals(5, buf[0]);
            MPI.COMM_WORLD.Send(new Object[1], 0, 1, MPI.OBJECT, MPI.PROC_NULL, 0);
            assertEquals(MPI.PROC_NULL, MPI.COMM_WORLD.Recv(new Object[1], 0, 1, MPI.OBJECT, MPI.PROC_NULL, 0).source);
        });
    }

    @Test
    void mismatchedBufferAndDatatypeFailsAtTheCallNamingBoth() {
        MpiRanks.run(1, () -> {
            MPIException e =
                    assertThrows(MPIException.class, () -> MPI.COMM_WORLD.Send(new int[3], 0, 3, MPI.DOUBLE, 0, 0));
            assertTrue(e.getMessage().contains("int[]") && e.getMessage().contains("double[]"), e.getMessage());
            MPIException range =
                    assertThrows(MPIException.class, () -> MPI.COMM_WORLD.Send(new int[3], 2, 2, MPI.INT, 0, 0));
            assertTrue(range.getMessage().contains("offset=2"), range.getMessage());
        });
    }

    @Test
    void aReceiveTooSmallForTheMessageFailsWithTruncation() {
        MpiRanks.run(1, () -> {
            MPI.COMM_WORLD.Send(new int[5], 0, 5, MPI.INT, 0, 1);
            MPIException e =
                    assertThrows(MPIException.class, () -> MPI.COMM_WORLD.Recv(new int[5], 0, 2, MPI.INT, 0, 1));
            assertTrue(e.getMessage().contains("5 elements"), e.getMessage());
        });
    }
}
