package dev.jmpi.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Request.awaitAny} and {@code awaitSome} drive the transport's I/O on the waiting
 * thread, as a single request's {@code await()} does: the message is read and matched there,
 * not by the progress daemon after its hand-over delay.
 */
@Timeout(120)
class AwaitAnyTest {

    /**
     * How long the sender waits after it saw the receiver inside the wait: past awaitAny's
     * first polls, so the receiver is parked or driving by then.
     */
    private static final long HOLD_BACK_MS = 100;

    @Test
    void awaitAnyReadsTheMessageOnTheWaitingThread() {
        AtomicReference<Thread> receiver = new AtomicReference<>();
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.recv(new int[1], 1, 9);
                awaitInside(receiver.get(), "awaitAny");
                comm.send(new int[] {22}, 1, 2);
                comm.recv(new int[1], 1, 10);
                comm.send(new int[] {11}, 1, 1);
            } else {
                receiver.set(Thread.currentThread());
                int[] a = new int[1];
                int[] b = new int[1];
                Request[] rs = {comm.irecv(a, 0, 1, 0, 1), comm.irecv(b, 0, 1, 0, 2)};
                AtomicReference<Thread> completedOn = new AtomicReference<>();
                rs[1].toCompletableFuture().whenComplete((s, e) -> completedOn.set(Thread.currentThread()));
                comm.send(new int[] {0}, 0, 9);
                assertEquals(1, Request.awaitAny(rs));
                comm.send(new int[] {0}, 0, 10);
                assertSame(
                        Thread.currentThread(),
                        completedOn.get(),
                        "the message was matched on " + completedOn.get().getName() + ", not on the waiting thread");
                assertEquals(22, b[0]);
                comm.send(new int[] {0}, 0, 10);
                rs[0].await();
                assertEquals(11, a[0]);
            }
        });
    }

    @Test
    void awaitSomeReadsTheMessagesOnTheWaitingThread() {
        AtomicReference<Thread> receiver = new AtomicReference<>();
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.recv(new int[1], 1, 9);
                awaitInside(receiver.get(), "awaitSome");
                comm.send(new int[] {11}, 1, 1);
            } else {
                receiver.set(Thread.currentThread());
                int[] a = new int[1];
                Request[] rs = {null, comm.irecv(a, 0, 1, 0, 1)};
                AtomicReference<Thread> completedOn = new AtomicReference<>();
                rs[1].toCompletableFuture().whenComplete((s, e) -> completedOn.set(Thread.currentThread()));
                comm.send(new int[] {0}, 0, 9);
                assertArrayEquals(new int[] {1}, Request.awaitSome(rs));
                assertSame(
                        Thread.currentThread(),
                        completedOn.get(),
                        "the message was matched on " + completedOn.get().getName() + ", not on the waiting thread");
                assertEquals(11, a[0]);
            }
        });
    }

    @Test
    void awaitAnyOfOnlyNullsReturnsMinusOneAndAwaitSomeNothing() {
        Ranks.run(1, comm -> {
            assertEquals(-1, Request.awaitAny(null, null));
            assertArrayEquals(new int[0], Request.awaitSome((Request) null));
        });
    }

    /**
     * Waits (ranks are threads of this JVM) until {@code thread} is inside {@code method}, then
     * a little longer: an event, not a guess at how long a loaded machine takes to get there.
     */
    private static void awaitInside(Thread thread, String method) {
        while (Arrays.stream(thread.getStackTrace())
                .noneMatch(f -> f.getMethodName().equals(method))) {
            sleep(1);
        }
        sleep(HOLD_BACK_MS);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
