package dev.jmpi.transport;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Decides who drives the mesh's {@link DrivenEventLoop}: the user thread that waits, or a
 * background thread when nobody waits.
 *
 * <ul>
 *   <li>A thread that waits ({@link #await}) takes the loop and runs it itself: it spins on
 *       non-blocking rounds for the {@link SpinPolicy} budget, then blocks in
 *       {@code epoll_wait} until I/O arrives or it is woken. Its own message is read and
 *       matched on its own thread: no wake-up between the socket and the caller. Other
 *       threads' requests completed on the way are handed to them with {@link #wake}.</li>
 *   <li>A thread that sends ({@link #withLoop}) takes the loop if it is free, so the frame
 *       is written to the socket in the call, not queued for another thread.</li>
 *   <li>The background thread ({@code jmpi-rN-progress}) takes the loop once no user thread
 *       has held it for {@link #HANDOFF_GRACE_NANOS}, but only while there is work for it:
 *       operations outstanding ({@link #outstandingAdded}: posted receives, sends waiting for
 *       clear-to-send, collective schedules, the mesh being built), queued tasks, or bytes not
 *       yet written to a socket. Then it drives until the work is done, so large writes and
 *       non-blocking operations go on while the user computes. Otherwise it parks, and takes
 *       the loop only briefly, when a timer is due (heartbeats, liveness checks) and at least
 *       every {@link #MAX_IDLE_PARK_NANOS} to read what peers sent (reading on while data keeps
 *       coming): a rank with nothing in flight does not have its loop held by another thread, so its next send
 *       or wait takes the loop at once instead of waking the daemon and waiting for it to let
 *       go (on an oversubscribed host every such wake-up is CPU taken from a rank). A user
 *       thread that wants the loop back asks, wakes it, and gets it at its next round.</li>
 * </ul>
 *
 * <p>Threads waiting while another thread drives park and are woken either when their
 * request completes or when the driver lets go (then one of them drives).
 */
final class ProgressEngine implements Progress {

    /** How long the loop stays free for user threads before the background thread takes it. */
    static final long HANDOFF_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** Longest single block, so deadlines and hand-over requests are checked regularly. */
    private static final long MAX_BLOCK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * Longest park of an idle background thread between looks at its sockets and timers: what
     * peers send a rank that computes with nothing posted is read within this (then for as long
     * as it keeps coming), so a sender is not paced by its receiver's idleness.
     */
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final int DONE = 1;
    private static final int DEADLINE = 0;
    private static final int SHUTTING_DOWN = -1;

    private final DrivenEventLoop loop;
    private final long spinNanos;
    /** Whether spinning yields the core between polls (more ranks than cores: {@link SpinPolicy}). */
    private final boolean spinYields;

    /** Whether this rank's waits look stacked on a CPU with the rank they wait for; owner only. */
    private final StackedWaiterDetector stacking = new StackedWaiterDetector();

    private final Thread background;
    /** User threads waiting for the loop to come free, in arrival order. */
    private final ConcurrentLinkedQueue<Thread> candidates = new ConcurrentLinkedQueue<>();
    /** User threads that asked the background thread to let go. */
    private final AtomicInteger wanted = new AtomicInteger();

    private volatile long lastUserRelease = System.nanoTime() - HANDOFF_GRACE_NANOS;
    /** Operations outstanding that need I/O to complete. */
    private final AtomicInteger outstanding = new AtomicInteger();
    /** True while the background thread parks long; whoever makes work for it then unparks it. */
    private volatile boolean sleeping;
    /** Background thread only: when it last took the loop. */
    private long lastVisit;
    /** Whether any connection has bytes not yet written to its socket. */
    private volatile BooleanSupplier unflushed = () -> false;

    ProgressEngine(DrivenEventLoop loop, long spinNanos, boolean spinYields, String threadName) {
        this.loop = loop;
        this.spinNanos = spinNanos;
        this.spinYields = spinYields;
        this.background = new Thread(this::background, threadName);
        loop.onOwnerlessTask(this::nudge);
        background.setDaemon(true);
        background.start();
    }

    DrivenEventLoop loop() {
        return loop;
    }

    // ------------------------------------------------------------------ waiting

    @Override
    public boolean await(BooleanSupplier done, long deadlineNanos) {
        if (done.getAsBoolean()) {
            return true;
        }
        Thread me = Thread.currentThread();
        if (loop.inEventLoop(me)) {
            if (loop.isRunning()) {
                throw new IllegalStateException(
                        "a blocking jmpi call was made on " + me.getName()
                                + " from inside a transport callback (a completion callback or handler); it would wait"
                                + " for the I/O it is holding up. Use the non-blocking form or hand the work to another thread.");
            }
            int outcome = drive(done, deadlineNanos, System.nanoTime() + spinNanos);
            return outcome == SHUTTING_DOWN ? parkUntil(done, deadlineNanos) : outcome == DONE;
        }
        long spinUntil = System.nanoTime() + spinNanos;
        boolean queued = false;
        boolean asked = false;
        try {
            while (true) {
                if (done.getAsBoolean()) {
                    return true;
                }
                if (!loop.isShuttingDown() && loop.tryAcquire()) {
                    int outcome;
                    try {
                        outcome = drive(done, deadlineNanos, spinUntil);
                    } finally {
                        releaseByUser();
                    }
                    // Shutting down: the background thread terminates the loop; wait as a bystander.
                    return outcome == SHUTTING_DOWN ? parkUntil(done, deadlineNanos) : outcome == DONE;
                }
                if (!asked && loop.owner() == background) {
                    asked = true;
                    wanted.incrementAndGet();
                    loop.wakeup();
                }
                if (!queued) {
                    // Queue first, then look again: a driver that let go in between unparks us.
                    candidates.add(me);
                    queued = true;
                    continue;
                }
                long now = System.nanoTime();
                if (now >= deadlineNanos) {
                    return done.getAsBoolean();
                }
                if (now < spinUntil) {
                    spinOnce();
                } else {
                    LockSupport.parkNanos(Math.min(deadlineNanos - now, MAX_BLOCK_NANOS));
                }
            }
        } finally {
            if (queued) {
                candidates.remove(me);
            }
            if (asked) {
                wanted.decrementAndGet();
            }
        }
    }

    /**
     * Runs the loop on the calling thread (its owner) until done ({@link #DONE}), the deadline
     * ({@link #DEADLINE}) or the loop shutting down ({@link #SHUTTING_DOWN}).
     */
    private int drive(BooleanSupplier done, long deadlineNanos, long spinUntil) {
        long blockedAt = 0;
        boolean blocked = false;
        while (true) {
            if (done.getAsBoolean()) {
                if (blocked) {
                    stacking.waitEndedAfterBlocking(blockedAt, System.nanoTime());
                } else {
                    stacking.waitEndedSpinning();
                }
                return DONE;
            }
            long now = System.nanoTime();
            if (now >= deadlineNanos) {
                return DEADLINE;
            }
            if (loop.isShuttingDown()) {
                return SHUTTING_DOWN;
            }
            if (now < spinUntil) {
                if (loop.runNow() == 0 && (spinYields || stacking.yielding(now))) {
                    Thread.yield();
                }
            } else {
                if (!blocked) {
                    blocked = true;
                    blockedAt = now;
                }
                loop.runBlocking(Math.min(deadlineNanos - now, MAX_BLOCK_NANOS), done);
            }
        }
    }

    /** One turn of spinning while another thread drives: a pause, or a yield when oversubscribed. */
    private void spinOnce() {
        if (spinYields) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    private static boolean parkUntil(BooleanSupplier done, long deadlineNanos) {
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now >= deadlineNanos) {
                return false;
            }
            LockSupport.parkNanos(Math.min(deadlineNanos - now, MAX_BLOCK_NANOS));
        }
        return true;
    }

    @Override
    public void wake(Thread waiter) {
        if (waiter == Thread.currentThread()) {
            return;
        }
        if (loop.owner() == waiter) {
            loop.wakeup();
        } else {
            LockSupport.unpark(waiter);
        }
    }

    @Override
    public void outstandingAdded() {
        outstanding.incrementAndGet();
        nudge();
    }

    @Override
    public void outstandingRemoved() {
        outstanding.decrementAndGet();
    }

    /** Operations outstanding now; for tests. */
    int outstanding() {
        return outstanding.get();
    }

    /** Tells the background thread which connections hold unwritten bytes. */
    void unflushed(BooleanSupplier anyUnflushed) {
        this.unflushed = anyUnflushed;
    }

    /**
     * Work for the background thread may have appeared: unpark it if it parks long. Costs a
     * volatile read in steady state; the unpark (a system call) happens at most once per
     * long park, so at most about once per hand-off grace.
     */
    private void nudge() {
        if (sleeping) {
            sleeping = false;
            LockSupport.unpark(background);
        }
    }

    /** Whether there is anything for the background thread to drive. */
    private boolean hasWork() {
        return outstanding.get() > 0 || loop.hasPendingTasks() || unflushed.getAsBoolean();
    }

    @Override
    public void poll() {
        Thread me = Thread.currentThread();
        if (loop.inEventLoop(me)) {
            if (!loop.isRunning()) {
                loop.runNow();
            }
            return;
        }
        if (!loop.isShuttingDown() && loop.tryAcquire()) {
            try {
                loop.runNow();
            } finally {
                releaseByUser();
            }
        }
    }

    /**
     * Runs {@code action} holding the loop when it is free (or already ours), so the channel
     * operations in it run in the call; otherwise runs it as is and Netty queues them for
     * whoever holds the loop. Either way its writes come after every write queued before the
     * call: a thread that takes the loop first runs the queued tasks
     * ({@link DrivenEventLoop#runPendingTasks}), and inside a transport callback, which must
     * not run tasks re-entrantly, the action itself is queued behind them when any wait.
     */
    void withLoop(Runnable action) {
        if (loop.inEventLoop()) {
            if (!loop.isRunning()) {
                loop.runPendingTasks();
            } else if (loop.hasPendingTasks()) {
                loop.execute(action);
                return;
            }
            action.run();
            return;
        }
        if (loop.isShuttingDown() || !takeFromBackground()) {
            action.run();
            return;
        }
        try {
            loop.runPendingTasks();
            action.run();
        } finally {
            releaseByUser();
        }
    }

    /**
     * Takes the loop if it is free or held by the background thread (which is asked to let go
     * and does so at its next round); false if another user thread holds it, and then the
     * caller's channel operations are queued for that thread.
     */
    private boolean takeFromBackground() {
        if (loop.tryAcquire()) {
            return true;
        }
        if (loop.owner() != background) {
            return false;
        }
        wanted.incrementAndGet();
        try {
            loop.wakeup();
            long giveUp = System.nanoTime() + MAX_BLOCK_NANOS;
            while (System.nanoTime() < giveUp && !loop.isShuttingDown()) {
                if (loop.tryAcquire()) {
                    return true;
                }
                Thread owner = loop.owner();
                if (owner != null && owner != background) {
                    return false;
                }
                Thread.yield();
            }
            return false;
        } finally {
            wanted.decrementAndGet();
        }
    }

    /** True if the calling thread is inside a transport callback, where it must not block. */
    boolean inCallback() {
        return loop.isRunning();
    }

    private void releaseByUser() {
        lastUserRelease = System.nanoTime();
        loop.release();
        Thread next = candidates.peek();
        if (next != null) {
            LockSupport.unpark(next);
        } else if (loop.hasPendingTasks()) {
            nudge();
        }
    }

    // ------------------------------------------------------------------ background

    /** Marks the loop for termination and wakes the background thread to carry it out. */
    void shutdown() {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        LockSupport.unpark(background);
    }

    private void background() {
        while (!loop.isTerminated()) {
            if (loop.isShuttingDown()) {
                if (loop.tryAcquire()) {
                    try {
                        loop.terminate();
                    } finally {
                        releaseByBackground();
                    }
                    return;
                }
                LockSupport.parkNanos(HANDOFF_GRACE_NANOS);
                continue;
            }
            long now = System.nanoTime();
            boolean userIdle =
                    wanted.get() == 0 && candidates.isEmpty() && now - lastUserRelease >= HANDOFF_GRACE_NANOS;
            boolean work = hasWork();
            boolean visit = loop.nextTimerNanos() - now <= 0 || now - lastVisit >= MAX_IDLE_PARK_NANOS;
            if (userIdle && (work || visit) && loop.tryAcquire()) {
                lastVisit = now;
                try {
                    if (work) {
                        BooleanSupplier yield = () -> wanted.get() > 0 || loop.isShuttingDown() || !hasWork();
                        while (!yield.getAsBoolean()) {
                            loop.runBlocking(MAX_BLOCK_NANOS, yield);
                        }
                    } else {
                        // A timer visit. If the round found I/O (a peer streaming data to a
                        // rank with no receive posted yet), keep reading while it flows, so
                        // a sender under backpressure is not paced by the visits.
                        BooleanSupplier yield = () -> wanted.get() > 0 || loop.isShuttingDown();
                        int handled = loop.runNow();
                        while (handled > 0 && !yield.getAsBoolean()) {
                            handled = loop.runBlocking(HANDOFF_GRACE_NANOS, yield);
                        }
                    }
                } catch (Throwable t) {
                    org.slf4j.LoggerFactory.getLogger(ProgressEngine.class)
                            .error(
                                    "{}: progress loop failed; user threads keep driving the mesh",
                                    background.getName(),
                                    t);
                } finally {
                    releaseByBackground();
                }
                continue;
            }
            park(work, now);
        }
    }

    /**
     * With work that a user thread holds up, parks one hand-off grace; with none, parks until
     * the next timer is due, unparked by {@link #nudge} when work appears.
     */
    private void park(boolean work, long now) {
        if (work) {
            LockSupport.parkNanos(HANDOFF_GRACE_NANOS);
            return;
        }
        sleeping = true;
        // Look again after announcing: work made meanwhile either shows here or unparks us.
        if (!hasWork()) {
            long untilVisit = Math.min(loop.nextTimerNanos() - now, lastVisit + MAX_IDLE_PARK_NANOS - now);
            LockSupport.parkNanos(Math.max(HANDOFF_GRACE_NANOS, untilVisit));
        }
        sleeping = false;
    }

    private void releaseByBackground() {
        if (loop.inEventLoop()) {
            loop.release();
            Thread next = candidates.peek();
            if (next != null) {
                LockSupport.unpark(next);
            }
        }
    }
}
