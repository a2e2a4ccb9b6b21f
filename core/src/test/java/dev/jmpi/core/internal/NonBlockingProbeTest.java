package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Message;
import dev.jmpi.Status;
import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import dev.jmpi.testing.Ranks;
import dev.jmpi.transport.InJvmFabric;
import dev.jmpi.transport.InboundHandler;
import dev.jmpi.transport.Progress;
import dev.jmpi.transport.Transport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code iprobe} and {@code improbe} look at the queued messages without posting anything:
 * what they find they report exactly (read under the queue's lock), and what they do not
 * find leaves no probe behind, neither posted nor counted as outstanding work.
 */
@Timeout(120)
class NonBlockingProbeTest {

    @Test
    void iprobeAndImprobeThatFindNothingLeaveNoOperationOutstanding() {
        CountingTransport t = new CountingTransport(InJvmFabric.create(1).get(0));
        World w = new World(t, false, JmpiConfig.defaults());
        Communicator comm = new WorldCommunicator(w, Duration.ZERO, () -> {});
        try {
            int before = t.outstanding.get();
            for (int i = 0; i < 1000; i++) {
                assertEquals(Optional.empty(), comm.iprobe(Communicator.ANY_SOURCE, 5));
                assertEquals(Optional.empty(), comm.improbe(0, Communicator.ANY_TAG));
            }
            assertEquals(
                    before,
                    t.outstanding.get(),
                    "operations still counted outstanding after 2000 probes that found nothing");
            assertEquals(List.of(), w.pendingOperations(), "no probe is left posted");

            comm.send(new int[] {42}, 0, 1, 0, 5);
            comm.probe(0, 5);
            Status s = comm.iprobe(Communicator.ANY_SOURCE, 5).orElseThrow();
            assertEquals(1, s.count());
            Message m = comm.improbe(0, 5).orElseThrow();
            int[] in = new int[1];
            comm.mrecv(in, 0, 1, m);
            assertEquals(42, in[0]);
            // The blocking probe's delivery thread uncounts it just after waking this thread.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (t.outstanding.get() != before && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();
            }
            assertEquals(before, t.outstanding.get(), "operations counted outstanding after probes that matched");
        } finally {
            w.failLocally("test over");
            w.close();
        }
    }

    /**
     * Rank 1 streams messages whose tag is their number and whose length follows from it.
     * On rank 0 a consumer thread finds each with iprobe and receives it, while two more
     * threads probe the same messages (blocking, so their probes are posted and matched on
     * arrival) and check the count each reports against the tag: a probe that read a message
     * after the consumer freed it would report another message's length.
     */
    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void probesReportEveryArrivingMessageExactlyWhileAnotherThreadReceivesIt(Ranks.Wiring wiring) {
        int messages = 2000;
        int probers = 2;
        Ranks.builder().wiring(wiring).timeout(Duration.ofSeconds(100)).run(2, comm -> {
            if (comm.rank() == 1) {
                for (int i = 0; i < messages; i++) {
                    comm.send(payload(i), 0, lengthOf(i), 0, i);
                }
                for (int p = 0; p < probers; p++) {
                    comm.send(new int[] {-1}, 0, 1, 0, messages);
                }
                return;
            }
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int p = 0; p < probers; p++) {
                threads.add(new Thread(
                        () -> {
                            try {
                                while (true) {
                                    Status s = comm.probe(1, Communicator.ANY_TAG);
                                    if (s.tag() == messages) {
                                        assertEquals(1, s.count(), "the end marker's count");
                                        comm.recv(new int[1], 1, messages);
                                        return;
                                    }
                                    assertEquals(lengthOf(s.tag()), s.count(), "count probed for message " + s.tag());
                                }
                            } catch (Throwable e) {
                                failures.add(e);
                            }
                        },
                        "prober-" + p));
            }
            threads.forEach(Thread::start);
            int[] in = new int[lengthOf(12)];
            for (int i = 0; i < messages; i++) {
                Optional<Status> found;
                while ((found = comm.iprobe(1, Communicator.ANY_TAG)).isEmpty()) {
                    Thread.yield(); // leave the CPU to the threads that deliver (2 cores, many ranks)
                }
                assertEquals(i, found.get().tag(), "iprobe finds the oldest message first (non-overtaking)");
                assertEquals(lengthOf(i), found.get().count(), "count iprobed for message " + i);
                Status got = comm.recv(in, 1, i);
                assertEquals(lengthOf(i), got.count(), "count received for message " + i);
                assertArrayEquals(payload(i), Arrays.copyOf(in, lengthOf(i)), "message " + i + " received once, whole");
            }
            for (Thread t : threads) {
                t.join(60_000);
                assertTrue(!t.isAlive(), t.getName() + " finished");
            }
            if (!failures.isEmpty()) {
                throw new AssertionError(failures.get(0));
            }
            assertEquals(
                    Optional.empty(),
                    comm.iprobe(Communicator.ANY_SOURCE, Communicator.ANY_TAG),
                    "every message was received exactly once");
        });
    }

    private static int lengthOf(int i) {
        return 1 + i % 13;
    }

    private static int[] payload(int i) {
        int[] a = new int[lengthOf(i)];
        Arrays.fill(a, i);
        return a;
    }

    /** A transport that counts the operations its progress is told are outstanding. */
    private static final class CountingTransport implements Transport {
        private final Transport inner;
        final AtomicInteger outstanding = new AtomicInteger();
        private final Progress progress;

        CountingTransport(Transport inner) {
            this.inner = inner;
            Progress p = inner.progress();
            this.progress = new Progress() {
                @Override
                public boolean await(BooleanSupplier done, long deadlineNanos) {
                    return p.await(done, deadlineNanos);
                }

                @Override
                public void wake(Thread waiter) {
                    p.wake(waiter);
                }

                @Override
                public void poll() {
                    p.poll();
                }

                @Override
                public void outstandingAdded() {
                    outstanding.incrementAndGet();
                    p.outstandingAdded();
                }

                @Override
                public void outstandingRemoved() {
                    outstanding.decrementAndGet();
                    p.outstandingRemoved();
                }
            };
        }

        @Override
        public int rank() {
            return inner.rank();
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public void start(InboundHandler handler) {
            inner.start(handler);
        }

        @Override
        public Progress progress() {
            return progress;
        }

        @Override
        public ByteBufAllocator allocator() {
            return inner.allocator();
        }

        @Override
        public void send(int dest, Header header, ByteBuf payload) {
            inner.send(dest, header, payload);
        }

        @Override
        public void sendControl(int dest, Control control) {
            inner.sendControl(dest, control);
        }

        @Override
        public String addressOf(int rank) {
            return inner.addressOf(rank);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
