package dev.jmpi.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandle;
import io.netty.channel.IoHandler;
import io.netty.channel.IoHandlerContext;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.IoRegistration;
import io.netty.util.concurrent.AbstractScheduledEventExecutor;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.internal.PlatformDependent;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A Netty event loop with no thread of its own: whichever thread holds it ({@link #tryAcquire})
 * runs its I/O and tasks ({@link #runNow}, {@link #runBlocking}) until it lets go
 * ({@link #release}). Netty's own {@code ManualIoEventLoop} fixes its thread for life; jmpi
 * needs the loop to pass between the user thread that waits for a message (so the frame is
 * read, matched and copied on the thread that wants it, with no wake-up in between) and a
 * background thread that keeps heartbeats and large writes going while the user computes.
 * Epoll and NIO handlers support a changing thread ({@link IoHandlerFactory#isChangingThreadSupported}).
 *
 * <p>Ownership is a compare-and-set on {@link #owner}: one thread at a time, and the atomic
 * hand-over orders everything the previous owner did before everything the next one does.
 * Netty asks {@link #inEventLoop(Thread)} to decide whether a call may touch channel state
 * directly; it answers "the current owner", so a write from the owning thread goes straight to
 * the socket and a write from any other thread is queued as a task and wakes the owner.
 *
 * <p>Termination is run by an owner too: {@link #shutdownGracefully} only marks the loop and
 * wakes its owner; the next owner calls {@link #terminate}.
 */
final class DrivenEventLoop extends AbstractScheduledEventExecutor implements IoEventLoop {

    private static final int STARTED = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int TERMINATED = 2;
    /**
     * Tasks run per turn at most: a round runs ready I/O first, then at most this many tasks,
     * so a flood of queued writes or self-sends cannot starve reads.
     */
    static final int MAX_TASKS_PER_TURN = 4096;

    private static final Runnable WAKEUP = () -> {};

    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private final AtomicInteger state = new AtomicInteger(STARTED);
    private final Promise<Void> termination = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
    private final Queue<Runnable> tasks = PlatformDependent.newMpscQueue();
    private final IoHandler handler;
    private final IoHandlerContext nonBlocking = new NonBlockingContext();
    private final BlockingContext blocking = new BlockingContext();
    /** When the next scheduled task is due ({@link System#nanoTime}), as the last owner saw it. */
    private volatile long nextTimerNanos = Long.MAX_VALUE;
    /** Called when a task is queued while no thread holds the loop. */
    private volatile Runnable onOwnerlessTask = () -> {};
    /** Owner-only: whether the handler was initialized, and whether a round is on the stack. */
    private boolean initialized;

    private boolean running;

    DrivenEventLoop(IoHandlerFactory factory) {
        if (!factory.isChangingThreadSupported()) {
            throw new IllegalArgumentException("I/O handler " + factory + " cannot change threads"
                    + " (expected: epoll or NIO, whose handlers can)");
        }
        this.handler = factory.newHandler(this);
    }

    // ------------------------------------------------------------------ ownership

    /** Takes the loop if nobody holds it; true if the calling thread now owns it. */
    boolean tryAcquire() {
        return owner.compareAndSet(null, Thread.currentThread());
    }

    /** Lets go of the loop; only its owner may. */
    void release() {
        if (!owner.compareAndSet(Thread.currentThread(), null)) {
            throw new IllegalStateException(
                    Thread.currentThread().getName() + " released an event loop held by " + owner.get());
        }
    }

    /** The thread holding the loop, or null. */
    @Nullable
    Thread owner() {
        return owner.get();
    }

    /** True while the owner is inside {@link #runNow}/{@link #runBlocking} (a handler callback is running). */
    boolean isRunning() {
        return running && inEventLoop();
    }

    // ------------------------------------------------------------------ running

    /** Runs ready I/O and due tasks without blocking. Owner only. */
    int runNow() {
        return run(nonBlocking);
    }

    /**
     * Waits up to {@code maxNanos} for I/O (less if a task is due), then runs what is ready.
     * Does not block at all once {@code stop} is true: {@code stop} is read after the loop has
     * announced that it is about to block, so a thread that makes it true and then calls
     * {@link #wakeup} always ends the wait. Owner only.
     */
    int runBlocking(long maxNanos, BooleanSupplier stop) {
        blocking.maxNanos = Math.max(1, maxNanos);
        blocking.stop = stop;
        try {
            return run(blocking);
        } finally {
            blocking.stop = null;
        }
    }

    private int run(IoHandlerContext context) {
        checkOwner();
        if (running) {
            throw new IllegalStateException("event loop run re-entered from a callback on "
                    + Thread.currentThread().getName());
        }
        if (state.get() != STARTED) {
            return 0;
        }
        if (!initialized) {
            initialized = true;
            handler.initialize();
        }
        running = true;
        EventExecutor previous = ThreadExecutorMap.setCurrentExecutor(this);
        try {
            // I/O first, then one turn of tasks: see MAX_TASKS_PER_TURN.
            return handler.run(context) + runTasks(MAX_TASKS_PER_TURN);
        } finally {
            noteNextTimer();
            ThreadExecutorMap.setCurrentExecutor(previous);
            running = false;
        }
    }

    /**
     * Runs every task queued before this call, in turns of at most {@link #MAX_TASKS_PER_TURN}
     * with a non-blocking round of I/O between turns. A thread that just took the loop calls
     * this before writing directly, so the writes it queued while another thread held the
     * loop reach the socket first (a thread's sends stay in order, and the chunks of one
     * message stay contiguous). Bounded by the queue's length at the call: tasks queued
     * meanwhile wait for the next round. Owner only.
     */
    int runPendingTasks() {
        checkOwner();
        if (running || state.get() != STARTED) {
            return 0;
        }
        if (!initialized) {
            initialized = true;
            handler.initialize();
        }
        running = true;
        EventExecutor previous = ThreadExecutorMap.setCurrentExecutor(this);
        try {
            int due = tasks.size();
            int ran = 0;
            while (ran < due) {
                int n = runTasks(Math.min(due - ran, MAX_TASKS_PER_TURN));
                if (n == 0) {
                    break;
                }
                ran += n;
                if (ran < due) {
                    handler.run(nonBlocking);
                }
            }
            return ran;
        } finally {
            noteNextTimer();
            ThreadExecutorMap.setCurrentExecutor(previous);
            running = false;
        }
    }

    private void noteNextTimer() {
        long next = nextScheduledTaskDeadlineNanos();
        // Scheduled deadlines are on the executor's ticker, not on System.nanoTime.
        nextTimerNanos = next == -1 ? Long.MAX_VALUE : System.nanoTime() + (next - ticker().nanoTime());
    }

    /**
     * When the next scheduled task (a heartbeat, a liveness check, a handshake timeout) is
     * due, as of the last round; {@link Long#MAX_VALUE} if none. Any thread: a task scheduled
     * from outside the loop is queued, so it is seen by {@link #hasPendingTasks} first.
     */
    long nextTimerNanos() {
        return nextTimerNanos;
    }

    /** Sets what to call when a task is queued while nobody holds the loop (wake a driver). */
    void onOwnerlessTask(Runnable hook) {
        this.onOwnerlessTask = Objects.requireNonNull(hook, "hook");
    }

    private int runTasks(int maxTasks) {
        fetchFromScheduledTaskQueue(tasks);
        int n = 0;
        Runnable task;
        while (n < maxTasks && (task = tasks.poll()) != null) {
            safeExecute(task);
            n++;
        }
        return n;
    }

    /** True if tasks are queued (writes of threads that did not hold the loop, among others). */
    boolean hasPendingTasks() {
        return !tasks.isEmpty();
    }

    private void checkOwner() {
        if (!inEventLoop()) {
            throw new IllegalStateException(
                    Thread.currentThread().getName() + " does not hold the event loop (held by " + owner.get() + ")");
        }
    }

    /** Wakes the owner if it is blocked waiting for I/O; cheap if it is not. */
    void wakeup() {
        if (state.get() != TERMINATED) {
            handler.wakeup();
        }
    }

    // ------------------------------------------------------------------ tasks

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (state.get() == TERMINATED) {
            throw new RejectedExecutionException("event loop terminated");
        }
        tasks.add(task);
        Thread holder = owner.get();
        if (holder == null) {
            onOwnerlessTask.run();
        } else if (holder != Thread.currentThread()) {
            wakeup();
        }
    }

    @Override
    public boolean inEventLoop(Thread thread) {
        return owner.get() == thread;
    }

    // ------------------------------------------------------------------ registration

    @Override
    public Future<IoRegistration> register(IoHandle handle) {
        Promise<IoRegistration> promise = newPromise();
        if (inEventLoop()) {
            register0(handle, promise);
        } else {
            execute(() -> register0(handle, promise));
        }
        return promise;
    }

    private void register0(IoHandle handle, Promise<IoRegistration> promise) {
        try {
            promise.setSuccess(handler.register(handle));
        } catch (Exception e) {
            promise.setFailure(e);
        }
    }

    @Deprecated
    @Override
    public ChannelFuture register(Channel channel) {
        return register(new DefaultChannelPromise(channel, this));
    }

    @Deprecated
    @Override
    public ChannelFuture register(ChannelPromise promise) {
        promise.channel().unsafe().register(this, promise);
        return promise;
    }

    @Deprecated
    @Override
    public ChannelFuture register(Channel channel, ChannelPromise promise) {
        channel.unsafe().register(this, promise);
        return promise;
    }

    @Override
    public boolean isCompatible(Class<? extends IoHandle> handleType) {
        return handler.isCompatible(handleType);
    }

    @Override
    public boolean isIoType(Class<? extends io.netty.channel.IoHandler> handlerType) {
        return handler.getClass().equals(handlerType);
    }

    @Override
    public DrivenEventLoop next() {
        return this;
    }

    @Override
    public @Nullable IoEventLoopGroup parent() {
        return null;
    }

    // ------------------------------------------------------------------ shutdown

    /** Marks the loop for termination and wakes its owner; the next owner calls {@link #terminate}. */
    @Override
    public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
        if (state.compareAndSet(STARTED, SHUTTING_DOWN)) {
            tasks.add(WAKEUP);
            handler.wakeup();
        }
        return termination;
    }

    @Deprecated
    @Override
    @SuppressWarnings("InlineMeSuggester") // implements Netty's deprecated method; nothing to inline
    public void shutdown() {
        shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    /**
     * Closes every registered channel, runs what that queues, releases the handler's resources
     * and completes {@link #terminationFuture}. Owner only, after {@link #shutdownGracefully}.
     */
    void terminate() {
        checkOwner();
        if (state.get() != SHUTTING_DOWN) {
            return;
        }
        EventExecutor previous = ThreadExecutorMap.setCurrentExecutor(this);
        try {
            drainTasks();
            if (initialized) {
                handler.prepareToDestroy();
                drainTasks();
                handler.destroy();
            }
            cancelScheduledTasks();
            drainTasks();
        } finally {
            state.set(TERMINATED);
            ThreadExecutorMap.setCurrentExecutor(previous);
            termination.trySuccess(null);
        }
    }

    private void drainTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            safeExecute(task);
        }
    }

    @Override
    public boolean isShuttingDown() {
        return state.get() >= SHUTTING_DOWN;
    }

    @Override
    public boolean isShutdown() {
        return state.get() >= SHUTTING_DOWN;
    }

    @Override
    public boolean isTerminated() {
        return state.get() == TERMINATED;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return termination.await(timeout, unit);
    }

    @Override
    public Future<?> terminationFuture() {
        return termination;
    }

    // ------------------------------------------------------------------ contexts

    private static final class NonBlockingContext implements IoHandlerContext {
        @Override
        public boolean canBlock() {
            return false;
        }

        @Override
        public long delayNanos(long currentTimeNanos) {
            return 0;
        }

        @Override
        public long deadlineNanos() {
            return -1;
        }
    }

    private final class BlockingContext implements IoHandlerContext {
        long maxNanos = Long.MAX_VALUE;

        @Nullable
        BooleanSupplier stop;

        @Override
        public boolean canBlock() {
            BooleanSupplier s = stop;
            return tasks.isEmpty()
                    && !hasScheduledTasks()
                    && state.get() == STARTED
                    && (s == null || !s.getAsBoolean());
        }

        @Override
        public long delayNanos(long currentTimeNanos) {
            return Math.min(maxNanos, DrivenEventLoop.this.delayNanos(currentTimeNanos, maxNanos));
        }

        @Override
        public long deadlineNanos() {
            long next = nextScheduledTaskDeadlineNanos();
            long now = ticker().nanoTime();
            if (next == -1 || next - now > maxNanos) {
                return now + maxNanos;
            }
            return next;
        }
    }
}
