package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.proto.Header;
import dev.jmpi.transport.Progress;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The unexpected queue matches in arrival order, as one queue would (MPI's rule), while a
 * receive from one source never looks at the messages queued from others.
 */
class UnexpectedMessagesTest {

    @Test
    void receiveFromOneSourceDoesNotLookAtAnotherSourcesBacklog() {
        UnexpectedMessages q = new UnexpectedMessages();
        for (int i = 0; i < 10_000; i++) {
            q.add(message(1, i));
        }
        InboundMessage wanted = message(2, 7);
        q.add(wanted);
        Receive r = new Receive(2, 7);
        assertSame(wanted, q.match(r, true));
        // One look at the message it takes; a single queue in arrival order made 10,001.
        assertTrue(r.looks <= 2, "examined " + r.looks + " queued messages (expected: at most 2)");
        assertEquals(10_000, q.size());
    }

    @Test
    void anySourceTakesTheEarliestArrivedMatchAcrossSources() {
        UnexpectedMessages q = new UnexpectedMessages();
        InboundMessage a = message(3, 5);
        InboundMessage b = message(1, 9);
        InboundMessage c = message(1, 5);
        InboundMessage d = message(0, 5);
        q.add(a);
        q.add(b);
        q.add(c);
        q.add(d);
        assertSame(a, q.match(new Receive(Communicator.ANY_SOURCE, Communicator.ANY_TAG), false), "a probe");
        assertSame(b, q.match(new Receive(Communicator.ANY_SOURCE, 9), false), "a probe");
        assertEquals(4, q.size(), "a probe leaves the message queued");
        List<InboundMessage> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            order.add(q.match(new Receive(Communicator.ANY_SOURCE, 5), true));
        }
        assertEquals(List.of(a, c, d), order);
        assertNull(q.match(new Receive(Communicator.ANY_SOURCE, 5), true));
        assertSame(b, q.match(new Receive(1, Communicator.ANY_TAG), true));
        assertEquals(0, q.size());
        assertNull(q.match(new Receive(Communicator.ANY_SOURCE, Communicator.ANY_TAG), true));
    }

    @Test
    void oneSourcesMessagesAreTakenInArrivalOrderPerTag() {
        UnexpectedMessages q = new UnexpectedMessages();
        InboundMessage first = message(4, 1);
        InboundMessage other = message(4, 2);
        InboundMessage second = message(4, 1);
        q.add(first);
        q.add(other);
        q.add(second);
        assertSame(first, q.match(new Receive(4, 1), true));
        assertSame(second, q.match(new Receive(4, 1), true));
        assertSame(other, q.match(new Receive(4, Communicator.ANY_TAG), true));
        assertNull(q.match(new Receive(9, Communicator.ANY_TAG), true), "a source never seen");
        assertEquals(List.of(), q.clear());
    }

    private static InboundMessage message(int source, int tag) {
        return new InboundMessage(
                Header.newBuilder().setSource(source).setTag(tag).build(), Unpooled.EMPTY_BUFFER, null, 0);
    }

    /** A receive that counts how often matching looks at it (once per queued message examined). */
    private static final class Receive extends Matchable {
        private final int source;
        private final int tag;
        int looks;

        Receive(int source, int tag) {
            super(NO_PROGRESS);
            this.source = source;
            this.tag = tag;
        }

        @Override
        int sourceWorldRank() {
            looks++;
            return source;
        }

        @Override
        int tag() {
            return tag;
        }

        @Override
        String describe() {
            return "recv(source=" + source + ", tag=" + tag + ")";
        }

        @Override
        void deliver(InboundMessage m) {}

        @Override
        void fail(Breakage b) {}

        @Override
        String operation() {
            return describe();
        }

        @Override
        long awaitLimitNanos() {
            return 0;
        }

        @Override
        void limitPassed(long limitNanos) {}
    }

    private static final Progress NO_PROGRESS = new Progress() {
        @Override
        public boolean await(BooleanSupplier done, long deadlineNanos) {
            return done.getAsBoolean();
        }

        @Override
        public void wake(Thread waiter) {}

        @Override
        public void poll() {}
    };
}
