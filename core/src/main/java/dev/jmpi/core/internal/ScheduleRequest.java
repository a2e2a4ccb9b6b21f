package dev.jmpi.core.internal;

import dev.jmpi.JmpiException;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.transport.Progress;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link Schedule}: the request of every collective call, blocking (start, then
 * {@link #await()}) or not (start, return). {@link #start} runs the first round on the
 * caller's thread; each later round is started by whichever thread completes the last
 * outstanding operation of the round before it: usually the thread driving the transport's
 * I/O (a waiting user thread, {@link #test()}, or the progress daemon), from the receive's
 * completion callback. No thread belongs to a schedule.
 *
 * <p>Threads: {@code pending} counts a round's outstanding operations plus one while the
 * round is being posted, so exactly one thread (the one that brings it to zero) goes on to
 * the next round, and completions during posting never recurse into it. The schedule's
 * fields are touched only by that thread; the atomic hand-over orders the rounds.
 *
 * <p>A send of the schedule that went by rendezvous is written, once cleared, by the thread
 * waiting for the schedule (as a blocking send writes its own), not handed to the sender
 * thread: {@link #writeByWaiter} queues it in {@code cleared}, and the waiter drains it.
 */
public final class ScheduleRequest extends Completion {

    /** What to do when a blocking wait passes the communicator's timeout. */
    @FunctionalInterface
    public interface TimeoutHandler {
        /** Breaks the job (or throws) because {@code operation} waited {@code timeoutNanos}. */
        void timedOut(String operation, long timeoutNanos);
    }

    private final CollectiveCall call;
    private final Schedule schedule;
    private final Status status;
    private final long timeoutNanos;
    private final TimeoutHandler onTimeout;
    private final OpText operation;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final Runnable opDone = this::operationDone;
    /** Rendezvous sends of this schedule, cleared, for the waiting thread to write. */
    private final ConcurrentLinkedQueue<RendezvousSend> cleared = new ConcurrentLinkedQueue<>();

    private List<List<Schedule.Action>> rounds;
    private int next;
    /** Operations posted ahead ({@link Schedule#recvAhead}), by handle, until awaited. */
    private Request[] ahead = NONE;

    private static final Request[] NONE = new Request[0];

    private ScheduleRequest(
            CollectiveCall call,
            Schedule schedule,
            Status status,
            Progress progress,
            long timeoutNanos,
            TimeoutHandler onTimeout,
            OpText operation) {
        super(progress);
        this.call = call;
        this.schedule = schedule;
        this.status = status;
        this.timeoutNanos = timeoutNanos;
        this.onTimeout = onTimeout;
        this.operation = operation;
        this.rounds = schedule.rounds();
    }

    /**
     * Starts {@code schedule} over {@code call}: runs its first round now and returns the
     * request that completes with {@code status} after its last round and end actions.
     *
     * @param timeoutNanos limit of {@link #await()} (0 = none); past it {@code onTimeout} runs
     */
    public static ScheduleRequest start(
            CollectiveCall call,
            Schedule schedule,
            Status status,
            Progress progress,
            long timeoutNanos,
            TimeoutHandler onTimeout,
            String operation) {
        return start(call, schedule, status, progress, timeoutNanos, onTimeout, OpText.of(operation));
    }

    /**
     * As {@link #start(CollectiveCall, Schedule, Status, Progress, long, TimeoutHandler, String)},
     * with a description formatted only if an error or a report needs it.
     */
    static ScheduleRequest start(
            CollectiveCall call,
            Schedule schedule,
            Status status,
            Progress progress,
            long timeoutNanos,
            TimeoutHandler onTimeout,
            OpText operation) {
        ScheduleRequest r = new ScheduleRequest(call, schedule, status, progress, timeoutNanos, onTimeout, operation);
        r.advance();
        return r;
    }

    /** Runs rounds until one has operations outstanding, or the schedule ends or fails. */
    private void advance() {
        while (!finished.get()) {
            if (next == rounds.size()) {
                end();
                return;
            }
            List<Schedule.Action> round = rounds.get(next++);
            pending.set(1);
            try {
                for (Schedule.Action a : round) {
                    run(a);
                }
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (pending.decrementAndGet() != 0) {
                return;
            }
        }
    }

    private void run(Schedule.Action a) {
        switch (a.kind()) {
            case LOCAL -> Objects.requireNonNull(a.local(), "a local action").run();
            case SEND -> track(send(a));
            case RECV -> track(call.irecv(bufOf(a), a.offset(), a.count(), a.peer(), a.step(), a.landed()));
            case SEND_AHEAD -> keep(a.handle(), send(a));
            case RECV_AHEAD -> keep(a.handle(), call.irecv(bufOf(a), a.offset(), a.count(), a.peer(), a.step()));
            case AWAIT -> {
                Request r = ahead[a.handle()];
                if (r == null) {
                    throw new IllegalStateException(
                            "operation " + a.handle()
                                    + " awaited before it was posted, or twice (expected: one await per operation posted ahead)");
                }
                ahead[a.handle()] = null;
                track(r);
            }
            case EXPAND -> {
                Schedule more = new Schedule(schedule.rank(), schedule.size(), schedule.handles());
                Objects.requireNonNull(a.expand(), "an expansion").accept(more);
                rounds.addAll(next, more.rounds());
                schedule.endActions().addAll(more.endActions());
                schedule.handlesUsed(more.handles());
            }
            default -> throw new IllegalStateException("unknown action " + a.kind());
        }
    }

    /** The buffer of a send or receive (only local, expand and await entries have none). */
    private static Object bufOf(Schedule.Action a) {
        return Objects.requireNonNull(a.buf(), "the buffer of a send or receive");
    }

    private Request send(Schedule.Action a) {
        Request r = call.isend(bufOf(a), a.offset(), a.count(), a.peer(), a.step());
        if (r instanceof RendezvousSend rs) {
            rs.ownedBy(this);
        }
        return r;
    }

    private void keep(int handle, Request r) {
        if (handle >= ahead.length) {
            ahead = Arrays.copyOf(ahead, Math.max(handle + 1, Math.max(8, ahead.length * 2)));
        }
        ahead[handle] = r;
    }

    /**
     * A rendezvous send of this schedule was cleared: if a thread waits for the schedule, it
     * writes the data (true); else false, and the send goes to the sender thread.
     */
    boolean writeByWaiter(RendezvousSend s) {
        Thread w = waitingThread();
        if (w == null) {
            return false;
        }
        cleared.add(s);
        progress().wake(w);
        if (waitingThread() == null) {
            waiterLeft(); // it left meanwhile and may not have seen s
        }
        return true;
    }

    @Override
    boolean hasWorkForWaiter() {
        return !cleared.isEmpty();
    }

    @Override
    void doWorkForWaiter() {
        RendezvousSend s;
        while ((s = cleared.poll()) != null) {
            s.transmitIfUnclaimed();
        }
    }

    @Override
    void waiterLeft() {
        RendezvousSend s;
        while ((s = cleared.poll()) != null) {
            s.handOff();
        }
    }

    private void track(Request r) {
        if (r instanceof CompletedRequest) {
            return; // an eager send, done when posted: nothing to count
        }
        pending.incrementAndGet();
        if (r instanceof Completion c) {
            c.whenDone(() -> {
                RuntimeException e = c.failure();
                if (e != null) {
                    fail(e);
                } else {
                    opDone.run();
                }
            });
        } else {
            r.toCompletableFuture().whenComplete((s, e) -> {
                if (e != null) {
                    fail(
                            e instanceof RuntimeException re
                                    ? re
                                    : new JmpiException(operation + " failed: " + e, e, false));
                } else {
                    opDone.run();
                }
            });
        }
    }

    private void operationDone() {
        if (pending.decrementAndGet() == 0) {
            advance();
        }
    }

    private void end() {
        try {
            for (Runnable action : schedule.endActions()) {
                action.run();
            }
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (finished.compareAndSet(false, true)) {
            succeed(status);
        }
    }

    private void fail(RuntimeException e) {
        if (finished.compareAndSet(false, true)) {
            failWith(e);
        }
    }

    @Override
    String operation() {
        return operation.toString();
    }

    @Override
    long awaitLimitNanos() {
        return timeoutNanos;
    }

    @Override
    void limitPassed(long limitNanos) {
        onTimeout.timedOut(operation.toString(), limitNanos);
    }

    @Override
    public String toString() {
        return operation + (isDone() ? " (done)" : " (round " + next + " of " + rounds.size() + ")");
    }
}
