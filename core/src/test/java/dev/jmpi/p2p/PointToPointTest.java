package dev.jmpi.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.TruncationException;
import dev.jmpi.testing.Ranks;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class PointToPointTest {

    @Test
    void everyPrimitiveArrayTypeArrivesIntactWithOffsets() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send(new byte[] {9, 1, 2, 3}, 1, 3, 1, 1);
                comm.send(new short[] {9, -1, 2}, 1, 2, 1, 2);
                comm.send(new int[] {9, Integer.MIN_VALUE, 7}, 1, 2, 1, 3);
                comm.send(new long[] {9, Long.MAX_VALUE}, 1, 1, 1, 4);
                comm.send(new float[] {9, 1.5f, Float.NaN}, 1, 2, 1, 5);
                comm.send(new double[] {9, Math.PI, -0.0}, 1, 2, 1, 6);
                comm.send(new char[] {'x', 'é', '€'}, 1, 2, 1, 7);
                comm.send(new boolean[] {false, true, false, true}, 1, 3, 1, 8);
            } else {
                byte[] b = new byte[5];
                comm.recv(b, 2, 3, 0, 1);
                assertArrayEquals(new byte[] {0, 0, 1, 2, 3}, b);
                short[] s = new short[2];
                comm.recv(s, 0, 2, 0, 2);
                assertArrayEquals(new short[] {-1, 2}, s);
                int[] i = new int[2];
                comm.recv(i, 0, 2, 0, 3);
                assertArrayEquals(new int[] {Integer.MIN_VALUE, 7}, i);
                long[] l = new long[1];
                comm.recv(l, 0, 4);
                assertEquals(Long.MAX_VALUE, l[0]);
                float[] f = new float[2];
                comm.recv(f, 0, 5);
                assertEquals(1.5f, f[0]);
                assertTrue(Float.isNaN(f[1]));
                double[] d = new double[2];
                Status st = comm.recv(d, 0, 6);
                assertEquals(Math.PI, d[0]);
                assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(d[1]));
                assertEquals(2, st.count());
                char[] c = new char[2];
                comm.recv(c, 0, 7);
                assertArrayEquals(new char[] {'é', '€'}, c);
                boolean[] z = new boolean[3];
                comm.recv(z, 0, 8);
                assertArrayEquals(new boolean[] {true, false, true}, z);
            }
        });
    }

    @Test
    void directByteBuffersTravelAsBytes() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                ByteBuffer out = ByteBuffer.allocateDirect(16);
                for (int i = 0; i < 16; i++) {
                    out.put((byte) i);
                }
                out.flip();
                comm.send(out, 1, 0);
            } else {
                ByteBuffer in = ByteBuffer.allocateDirect(16);
                Status s = comm.recv(in, 0, 0);
                assertEquals(16, s.count());
                for (int i = 0; i < 16; i++) {
                    assertEquals(i, in.get(i));
                }
            }
        });
    }

    @Test
    void messagesLargerThanOneFrameArriveIntact() {
        int n = 3_000_001;
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = i * 0.5;
                }
                comm.send(d, 1, 0);
            } else {
                double[] r = new double[n];
                assertEquals(n, comm.recv(r, 0, 0).count());
                for (int i = 0; i < n; i++) {
                    if (r[i] != i * 0.5) {
                        assertEquals(i * 0.5, r[i], "element " + i);
                    }
                }
            }
        });
    }

    @Test
    void emptyMessagesAreDelivered() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send(new int[0], 1, 3);
            } else {
                Status s = comm.recv(new int[4], 0, 4, 0, 3);
                assertEquals(0, s.count());
                assertEquals(3, s.tag());
            }
        });
    }

    @Test
    void messagesFromOneSenderAreNeverOvertakenEvenWithWildcards() {
        Ranks.run(3, comm -> {
            int n = 500;
            if (comm.rank() != 0) {
                for (int i = 0; i < n; i++) {
                    comm.send(new int[] {comm.rank(), i}, 0, i % 3);
                }
            } else {
                int[] next = new int[3];
                for (int k = 0; k < 2 * n; k++) {
                    int[] m = new int[2];
                    Status s = comm.recv(m, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                    assertEquals(s.source(), m[0]);
                    assertEquals(next[m[0]], m[1], "message from rank " + m[0] + " overtaken");
                    assertEquals(m[1] % 3, s.tag());
                    next[m[0]]++;
                }
            }
        });
    }

    @Test
    void receiveMatchesOnTagSkippingEarlierMessagesWithOtherTags() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send(new int[] {1}, 1, 10);
                comm.send(new int[] {2}, 1, 20);
            } else {
                int[] a = new int[1];
                comm.recv(a, 0, 20);
                assertEquals(2, a[0]);
                comm.recv(a, 0, 10);
                assertEquals(1, a[0]);
            }
        });
    }

    @Test
    void tooSmallReceiveBufferFailsWithTruncationNamingBothSizes() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send(new double[10], 1, 0);
                comm.send(new double[] {42}, 1, 1);
            } else {
                TruncationException e = assertThrows(TruncationException.class, () -> comm.recv(new double[4], 0, 0));
                assertEquals(10, e.receivedCount());
                assertEquals(4, e.bufferCount());
                assertTrue(
                        e.getMessage().contains("10 elements") && e.getMessage().contains("room for 4"),
                        e.getMessage());
                double[] next = new double[1];
                comm.recv(next, 0, 1);
                assertEquals(42, next[0]);
            }
        });
    }

    @Test
    void mismatchedElementTypeIsRejectedNamingBothTypes() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send(new double[] {1}, 1, 0);
            } else {
                InvalidArgumentException e =
                        assertThrows(InvalidArgumentException.class, () -> comm.recv(new int[1], 0, 0));
                assertTrue(e.getMessage().contains("DOUBLE") && e.getMessage().contains("int[]"), e.getMessage());
            }
        });
    }

    @Test
    void badArgumentsFailBeforeAnythingIsSent() {
        Ranks.run(2, comm -> {
            assertMessage("dest=9 (expected: 0 <= dest < size=2", () -> comm.send(new int[1], 9, 0));
            assertMessage("dest=-5", () -> comm.send(new int[1], -5, 0));
            assertMessage("tag=-3 (expected: 0 <= tag <= TAG_UB", () -> comm.send(new int[1], 0, -3));
            assertMessage("count=-1 (expected: >= 0)", () -> comm.send(new int[1], 0, -1, 0, 0));
            assertMessage("offset=2, count=5", () -> comm.send(new int[4], 2, 5, 0, 0));
            assertMessage("buf=java.lang.String (expected: a primitive array", () -> comm.send("text", 0, 1, 0, 0));
            assertMessage("source=7", () -> comm.recv(new int[1], 7, 0));
            assertMessage("tag=-9", () -> comm.recv(new int[1], 0, -9));
            comm.barrier();
        });
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        assertTrue(
                e.getMessage().contains(expected), () -> "message '" + e.getMessage() + "' lacks '" + expected + "'");
        assertTrue(e.communicatorUsable());
    }

    @Test
    void procNullSendsAndReceivesCompleteAtOnce() {
        Ranks.run(2, comm -> {
            comm.send(new int[] {1}, Communicator.PROC_NULL, 0);
            int[] buf = {77};
            Status s = comm.recv(buf, Communicator.PROC_NULL, 0);
            assertEquals(Communicator.PROC_NULL, s.source());
            assertEquals(0, s.count());
            assertEquals(77, buf[0]);
            Status probe = comm.probe(Communicator.PROC_NULL, 5);
            assertEquals(Communicator.PROC_NULL, probe.source());
        });
    }

    @Test
    void cancelledReceiveDoesNotConsumeALaterMessage() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 1) {
                Request r = comm.irecv(new int[1], 0, 1, 0, 5);
                assertTrue(r.cancel());
                assertTrue(r.await().isCancelled());
                comm.barrier();
                int[] got = new int[1];
                comm.recv(got, 0, 5);
                assertEquals(99, got[0]);
            } else {
                comm.barrier();
                comm.send(new int[] {99}, 1, 5);
            }
        });
    }

    @Test
    void probeDescribesAMessageWithoutConsumingIt() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send(new long[6], 1, 13);
            } else {
                Status s = comm.probe(Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                assertEquals(0, s.source());
                assertEquals(13, s.tag());
                assertEquals(6, s.count());
                Optional<Status> again = comm.iprobe(0, 13);
                assertTrue(again.isPresent());
                assertEquals(6, comm.recv(new long[s.count()], 0, 13).count());
                assertFalse(comm.iprobe(0, 13).isPresent());
            }
        });
    }

    @Test
    void synchronousSendDoesNotCompleteBeforeTheReceiveIsPosted() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                Request r = comm.issend(new int[] {5}, 0, 1, 1, 0);
                comm.barrier();
                // Rank 1 posts its receive only after this barrier and a second one.
                assertFalse(r.test(), "ssend completed before the receiver matched it");
                comm.barrier();
                r.await();
            } else {
                comm.barrier();
                comm.barrier();
                int[] in = new int[1];
                comm.recv(in, 0, 0);
                assertEquals(5, in[0]);
            }
        });
    }

    @Test
    void sendrecvAroundARingDoesNotDeadlock() {
        for (int n = 1; n <= 5; n++) {
            Ranks.run(n, comm -> {
                int right = (comm.rank() + 1) % comm.size();
                int left = (comm.rank() + comm.size() - 1) % comm.size();
                int[] big = new int[200_000];
                java.util.Arrays.fill(big, comm.rank());
                int[] in = new int[big.length];
                comm.sendrecv(big, 0, big.length, right, 0, in, 0, in.length, left, 0);
                assertEquals(left, in[in.length - 1]);
                int[] token = {comm.rank()};
                comm.sendrecvReplace(token, 0, 1, right, 1, left, 1);
                assertEquals(left, token[0]);
            });
        }
    }

    @Test
    void nonBlockingRequestsCompleteInAnyWaitStyle() {
        Ranks.run(3, comm -> {
            if (comm.rank() == 0) {
                int[][] bufs = new int[4][1];
                Request[] rs = {
                    comm.irecv(bufs[0], 0, 1, 1, 0),
                    null,
                    comm.irecv(bufs[1], 0, 1, 2, 0),
                    comm.irecv(bufs[2], 0, 1, Communicator.ANY_SOURCE, 1)
                };
                int first = Request.awaitAny(rs);
                assertTrue(first == 0 || first == 2 || first == 3);
                Status[] all = Request.awaitAll(rs);
                assertEquals(null, all[1]);
                assertTrue(Request.testAll(rs));
                assertEquals(10, bufs[0][0]);
                assertEquals(20, bufs[1][0]);
                assertEquals(1, bufs[2][0]);
                assertEquals(Status.class, rs[3].toCompletableFuture().join().getClass());
            } else {
                comm.isend(new int[] {comm.rank() * 10}, 0, 1, 0, 0).await();
                if (comm.rank() == 1) {
                    comm.send(new int[] {1}, 0, 1);
                }
            }
        });
    }

    @Test
    void manyThreadsOnOneCommunicatorAllGetTheirMessages() {
        Ranks.run(2, comm -> {
            int threads = 4;
            int perThread = 200;
            Thread[] ts = new Thread[threads];
            java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                    new java.util.concurrent.atomic.AtomicReference<>();
            for (int t = 0; t < threads; t++) {
                int tag = t;
                ts[t] = new Thread(() -> {
                    try {
                        int peer = 1 - comm.rank();
                        for (int i = 0; i < perThread; i++) {
                            comm.send(new int[] {i}, peer, tag);
                            int[] in = new int[1];
                            comm.recv(in, peer, tag);
                            assertEquals(i, in[0]);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join(60_000);
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
        });
    }

    @Test
    void timeoutNamesTheRankItWaitedFor() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.setTimeout(Duration.ofMillis(300));
                dev.jmpi.JmpiTimeoutException e =
                        assertThrows(dev.jmpi.JmpiTimeoutException.class, () -> comm.recv(new int[1], 1, 4));
                assertTrue(
                        e.getMessage().contains("recv(source=1, tag=4)")
                                && e.getMessage().contains("rank 1"),
                        e.getMessage());
            } else {
                // The timeout on rank 0 breaks the job; this rank's pending receive fails with it.
                dev.jmpi.JmpiException e =
                        assertThrows(dev.jmpi.JmpiException.class, () -> comm.recv(new int[1], 0, 99));
                assertTrue(e.getMessage().contains("timed out"), e.getMessage());
            }
        });
    }
}
