package dev.jmpi.core.algorithm;

import dev.jmpi.CollectiveMismatchException;
import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.JmpiException;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.core.internal.CollectiveCall;
import dev.jmpi.core.internal.Schedule;
import dev.jmpi.core.internal.ScheduleRequest;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.transport.Progress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * A test-only stand-in for a communicator's collective plumbing: {@code n} ranks as threads
 * of this JVM, each with a {@link CollectiveHost} whose messages travel through mailboxes
 * keyed by (source, destination, sequence, step), so the algorithms can be tested without a
 * transport. It is strict on purpose:
 * <ul>
 * <li>sends are rendezvous: a send completes only when a matching receive has taken the data
 *     (copied from the sender's buffer at that moment), so an algorithm that relies on
 *     buffering deadlocks here, and one that overwrites a buffer before its send completes
 *     sends the wrong data;</li>
 * <li>receives match in the order they were posted, sends in the order they were made;</li>
 * <li>every message carries its call's signature and a receive that meets another signature
 *     fails with {@link CollectiveMismatchException} naming both ranks and both calls;</li>
 * <li>element types must match and a message longer than the receive fails.</li>
 * </ul>
 * The first failure on any rank breaks the fabric: every waiting rank fails at once instead
 * of hanging. The {@link Communicator} the body gets is a {@link ThreadRankCommunicator}: the
 * real {@link Collectives} over this fabric; other methods throw
 * {@link UnsupportedOperationException}.
 */
public final class ThreadRanks {

    private static final long WAIT_LIMIT_MS = 60_000;

    /** Waits by parking briefly: the fabric delivers on the posting threads, so there is no I/O to drive. */
    private static final Progress PARKING = new Progress() {
        @Override
        public boolean await(BooleanSupplier done, long deadlineNanos) {
            while (!done.getAsBoolean()) {
                if (System.nanoTime() >= deadlineNanos) {
                    return false;
                }
                LockSupport.parkNanos(100_000);
            }
            return true;
        }

        @Override
        public void wake(Thread waiter) {
            LockSupport.unpark(waiter);
        }

        @Override
        public void poll() {}
    };

    private ThreadRanks() {}

    /** A runner whose communicators use {@code thresholds}. */
    public static RankRunner runner(AlgorithmThresholds thresholds) {
        return (n, body) -> run(n, thresholds, body);
    }

    /** Runs {@code body} on {@code n} ranks; results in rank order; rethrows the first failure. */
    public static List<Object> run(int n, AlgorithmThresholds thresholds, Function<Communicator, Object> body) {
        Fabric fabric = new Fabric(n);
        List<Object> results = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Object[] out = new Object[n];
        AtomicReference<Throwable> first = new AtomicReference<>();
        for (int r = 0; r < n; r++) {
            int rank = r;
            Host host = new Host(fabric, rank);
            Communicator comm = new ThreadRankCommunicator(host, thresholds);
            Thread t = new Thread(
                    () -> {
                        try {
                            out[rank] = body.apply(comm);
                        } catch (Throwable e) {
                            AssertionError failure = new AssertionError("rank " + rank + " failed: " + e, e);
                            if (first.compareAndSet(null, failure)) {
                                fabric.breakWith(failure);
                            }
                        }
                    },
                    "rank-" + rank);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        try {
            for (Thread t : threads) {
                t.join(WAIT_LIMIT_MS * 2);
                if (t.isAlive()) {
                    fabric.breakWith(new AssertionError(t.getName() + " did not finish"));
                    throw new AssertionError(t.getName() + " did not finish within " + WAIT_LIMIT_MS * 2 + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (first.get() != null) {
            throw (AssertionError) first.get();
        }
        for (Object o : out) {
            results.add(o);
        }
        return results;
    }

    /** Where messages meet. One lock: simple, and plenty fast for tests. */
    static final class Fabric {
        final int size;
        private final Map<Key, Mailbox> boxes = new HashMap<>();
        private volatile Throwable broken;

        Fabric(int size) {
            this.size = size;
        }

        void breakWith(Throwable cause) {
            List<CompletableFuture<?>> waiting = new ArrayList<>();
            synchronized (this) {
                if (broken == null) {
                    broken = cause;
                }
                for (Mailbox box : boxes.values()) {
                    box.arrived.forEach(m -> waiting.add(m.matched));
                    box.posted.forEach(r -> waiting.add(r.done));
                }
            }
            for (CompletableFuture<?> f : waiting) {
                f.completeExceptionally(new JmpiException("fabric broken: " + cause.getMessage(), cause, false));
            }
        }

        void post(Key key, Outgoing message) {
            PostedRecv match;
            synchronized (this) {
                checkBroken();
                Mailbox box = boxes.computeIfAbsent(key, k -> new Mailbox());
                match = box.posted.poll();
                if (match == null) {
                    box.arrived.add(message);
                    return;
                }
                removeIfEmpty(key, box);
            }
            deliver(message, match);
        }

        void post(Key key, PostedRecv recv) {
            Outgoing match;
            synchronized (this) {
                checkBroken();
                Mailbox box = boxes.computeIfAbsent(key, k -> new Mailbox());
                match = box.arrived.poll();
                if (match == null) {
                    box.posted.add(recv);
                    return;
                }
                removeIfEmpty(key, box);
            }
            deliver(match, recv);
        }

        private void removeIfEmpty(Key key, Mailbox box) {
            if (box.arrived.isEmpty() && box.posted.isEmpty()) {
                boxes.remove(key);
            }
        }

        private void checkBroken() {
            if (broken != null) {
                throw new JmpiException("fabric broken: " + broken.getMessage(), broken, false);
            }
        }

        private static void deliver(Outgoing m, PostedRecv r) {
            RuntimeException error = null;
            if (!sameCall(m.signature, r.signature)) {
                error = new CollectiveMismatchException("rank " + r.rank + " called " + describe(r.signature)
                        + " but rank " + m.rank + " called " + describe(m.signature));
            } else if (Datatype.ofArray(m.buf) != Datatype.ofArray(r.buf)) {
                error = new IllegalStateException("rank " + m.rank + " sent " + Datatype.ofArray(m.buf) + " but rank "
                        + r.rank + " receives " + Datatype.ofArray(r.buf) + " in " + describe(r.signature));
            } else if (m.count > r.count) {
                error = new IllegalStateException("rank " + m.rank + " sent " + m.count + " elements but rank " + r.rank
                        + " receives at most " + r.count + " in " + describe(r.signature) + " step " + r.step);
            }
            if (error != null) {
                m.matched.completeExceptionally(error);
                r.done.completeExceptionally(error);
                return;
            }
            try {
                copy(m, r);
            } catch (RuntimeException e) {
                m.matched.complete(m.count);
                r.done.completeExceptionally(e);
                return;
            }
            m.matched.complete(m.count);
            r.done.complete(m.count);
        }

        /**
         * Copies whole, or, for a receive that asked to hear of landed pieces, in three pieces cut
         * at element boundaries that need not be operand boundaries (a pair of MINLOC may be split),
         * reporting after each as the transport's rendezvous does.
         */
        private static void copy(Outgoing m, PostedRecv r) {
            IntConsumer landed = r.landed();
            if (landed == null || m.count < 2) {
                if (m.count > 0) {
                    System.arraycopy(m.buf, m.offset, r.buf, r.offset, m.count);
                }
                return;
            }
            int first = m.count / 3 + 1;
            int second = (m.count - first) / 2;
            int inPlace = 0;
            for (int piece : new int[] {first, second, m.count - first - second}) {
                System.arraycopy(m.buf, m.offset + inPlace, r.buf, r.offset + inPlace, piece);
                inPlace += piece;
                landed.accept(inPlace);
            }
        }

        private static boolean sameCall(CollectiveSignature a, CollectiveSignature b) {
            return a.getOperation().equals(b.getOperation())
                    && a.getRoot() == b.getRoot()
                    && a.getCount() == b.getCount()
                    && a.getDataType() == b.getDataType()
                    && a.getOp().equals(b.getOp());
        }

        static String describe(CollectiveSignature s) {
            return s.getOperation() + "(root=" + s.getRoot() + ", count=" + s.getCount() + ", type=" + s.getDataType()
                    + ", op=" + s.getOp() + ", sequence=" + s.getSequence() + ")";
        }
    }

    record Key(int source, int dest, long sequence, int step) {}

    static final class Mailbox {
        final ArrayDeque<Outgoing> arrived = new ArrayDeque<>();
        final ArrayDeque<PostedRecv> posted = new ArrayDeque<>();
    }

    record Outgoing(
            int rank,
            CollectiveSignature signature,
            Object buf,
            int offset,
            int count,
            CompletableFuture<Integer> matched) {}

    record PostedRecv(
            int rank,
            CollectiveSignature signature,
            Object buf,
            int offset,
            int count,
            int step,
            @Nullable IntConsumer landed,
            CompletableFuture<Integer> done) {}

    /** One rank's host. */
    static final class Host {
        private final Fabric fabric;
        private final int rank;
        private long sequence;

        Host(Fabric fabric, int rank) {
            this.fabric = fabric;
            this.rank = rank;
        }

        int rank() {
            return rank;
        }

        int size() {
            return fabric.size;
        }

        synchronized CollectiveCall begin(CollectiveSignature.Builder signature) {
            CollectiveSignature s = signature.setSequence(sequence++).build();
            return new Call(fabric, rank, s);
        }
    }

    /** One call's channel. */
    static final class Call implements CollectiveCall {
        private final Fabric fabric;
        private final int rank;
        private final CollectiveSignature signature;

        Call(Fabric fabric, int rank, CollectiveSignature signature) {
            this.fabric = fabric;
            this.rank = rank;
            this.signature = signature;
        }

        @Override
        public int rank() {
            return rank;
        }

        @Override
        public int size() {
            return fabric.size;
        }

        @Override
        public Request start(Schedule schedule, int count, Datatype type) {
            return ScheduleRequest.start(
                    this,
                    schedule,
                    new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, count, type, false),
                    PARKING,
                    TimeUnit.MILLISECONDS.toNanos(WAIT_LIMIT_MS),
                    (what, nanos) -> {
                        throw new JmpiException(what + " did not complete within " + nanos / 1_000_000 + " ms", false);
                    },
                    "rank " + rank + ": " + Fabric.describe(signature));
        }

        @Override
        public Request isend(Object buf, int offset, int count, int dest, int step) {
            check(dest, step, buf, offset, count);
            CompletableFuture<Integer> matched = new CompletableFuture<>();
            fabric.post(
                    new Key(rank, dest, signature.getSequence(), step),
                    new Outgoing(rank, signature, buf, offset, count, matched));
            return new FakeRequest(matched, dest, "send to rank " + dest + " step " + step);
        }

        @Override
        public Request irecv(Object buf, int offset, int count, int source, int step, @Nullable IntConsumer landed) {
            check(source, step, buf, offset, count);
            CompletableFuture<Integer> done = new CompletableFuture<>();
            fabric.post(
                    new Key(source, rank, signature.getSequence(), step),
                    new PostedRecv(rank, signature, buf, offset, count, step, landed, done));
            return new FakeRequest(done, source, "recv from rank " + source + " step " + step);
        }

        private void check(int peer, int step, Object buf, int offset, int count) {
            if (peer < 0 || peer >= fabric.size || peer == rank) {
                throw new IllegalStateException(
                        "rank " + rank + ": peer=" + peer + " in " + Fabric.describe(signature));
            }
            if (step < 0 || step >= MAX_STEPS) {
                throw new IllegalStateException("step=" + step);
            }
            Datatype type = Datatype.ofArray(buf);
            if (type == null
                    || offset < 0
                    || count < 0
                    || (long) offset + count > java.lang.reflect.Array.getLength(buf)) {
                throw new IllegalStateException("rank " + rank + ": bad slice offset=" + offset + " count=" + count
                        + " of " + buf + " in " + Fabric.describe(signature));
            }
        }
    }

    /** Request over a future, failing after {@link #WAIT_LIMIT_MS} instead of hanging. */
    record FakeRequest(CompletableFuture<Integer> future, int peer, String what) implements Request {
        @Override
        public Status await() {
            return await(Duration.ofMillis(WAIT_LIMIT_MS));
        }

        @Override
        public Status await(Duration timeout) {
            try {
                int count = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return new Status(peer, 0, count, null, false);
            } catch (TimeoutException e) {
                throw new JmpiException(what + " did not complete within " + timeout, false);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new JmpiException(what + " failed", e.getCause(), false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JmpiException(what + " interrupted", e, false);
            }
        }

        @Override
        public boolean test() {
            return future.isDone();
        }

        @Override
        public Optional<Status> status() {
            return future.isDone() ? Optional.of(await()) : Optional.empty();
        }

        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public CompletableFuture<Status> toCompletableFuture() {
            return future.thenApply(c -> new Status(peer, 0, c, null, false));
        }
    }
}
