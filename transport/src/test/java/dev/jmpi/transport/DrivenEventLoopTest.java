package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DrivenEventLoopTest {

    private static <T> T onOtherThread(java.util.function.Supplier<T> s) throws Exception {
        return CompletableFuture.supplyAsync(s).get(30, TimeUnit.SECONDS);
    }

    private static boolean trueOnOtherThread(java.util.function.BooleanSupplier s) throws Exception {
        return onOtherThread(s::getAsBoolean);
    }

    @Test
    void onlyTheThreadHoldingTheLoopIsItsEventLoopThread() throws Exception {
        DrivenEventLoop loop = new DrivenEventLoop(NioIoHandler.newFactory());
        assertTrue(loop.tryAcquire());
        assertTrue(loop.inEventLoop());
        assertFalse(trueOnOtherThread(loop::tryAcquire));
        assertFalse(trueOnOtherThread(loop::inEventLoop));
        loop.release();
        assertNull(loop.owner());
        assertTrue(trueOnOtherThread(() -> {
            boolean took = loop.tryAcquire();
            loop.release();
            return took;
        }));
    }

    @Test
    void aTaskFromAnotherThreadRunsOnWhicheverThreadRunsTheLoopNext() throws Exception {
        DrivenEventLoop loop = new DrivenEventLoop(NioIoHandler.newFactory());
        AtomicReference<String> ranOn = new AtomicReference<>();
        onOtherThread(() -> {
            loop.execute(() -> ranOn.set(Thread.currentThread().getName()));
            return null;
        });
        assertNull(ranOn.get(), "a task ran with nobody holding the loop");
        assertTrue(loop.tryAcquire());
        loop.runNow();
        assertEquals(Thread.currentThread().getName(), ranOn.get());
        loop.release();
    }

    @Test
    void releasingALoopHeldByAnotherThreadIsRefused() throws Exception {
        DrivenEventLoop loop = new DrivenEventLoop(NioIoHandler.newFactory());
        assertTrue(loop.tryAcquire());
        IllegalStateException e = onOtherThread(() -> {
            try {
                loop.release();
                return null;
            } catch (IllegalStateException refused) {
                return refused;
            }
        });
        assertTrue(e.getMessage().contains("held by"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> onOtherThreadRun(loop));
        loop.release();
    }

    private static void onOtherThreadRun(DrivenEventLoop loop) throws Exception {
        try {
            CompletableFuture.runAsync(loop::runNow).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void terminationRunsQueuedTasksAndCompletesTheFuture() {
        DrivenEventLoop loop = new DrivenEventLoop(NioIoHandler.newFactory());
        AtomicReference<Boolean> ran = new AtomicReference<>(false);
        loop.execute(() -> ran.set(true));
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
        assertTrue(loop.isShuttingDown());
        assertTrue(loop.tryAcquire());
        loop.terminate();
        assertTrue(ran.get());
        assertTrue(loop.isTerminated());
        assertTrue(loop.terminationFuture().isSuccess());
        loop.release();
    }

    @Test
    void takingTheLoopRunsEveryTaskQueuedBeforeEvenPastOneTurnsCap() throws Exception {
        DrivenEventLoop loop = new DrivenEventLoop(NioIoHandler.newFactory());
        int queued = DrivenEventLoop.MAX_TASKS_PER_TURN * 2 + 7;
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        onOtherThread(() -> {
            for (int i = 0; i < queued; i++) {
                loop.execute(ran::incrementAndGet);
            }
            return null;
        });
        assertTrue(loop.tryAcquire());
        try {
            loop.runPendingTasks();
            // A direct write made now must come after every write queued before it.
            assertEquals(queued, ran.get(), "tasks queued before the loop was taken were left behind");
            assertFalse(loop.hasPendingTasks());
        } finally {
            loop.release();
        }
    }

    @Test
    void oneRoundRunsAtMostOneTurnOfTasksSoAFloodCannotStarveIo() throws Exception {
        DrivenEventLoop loop = new DrivenEventLoop(NioIoHandler.newFactory());
        int queued = DrivenEventLoop.MAX_TASKS_PER_TURN + 100;
        java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();
        for (int i = 0; i < queued; i++) {
            loop.execute(ran::incrementAndGet);
        }
        assertTrue(loop.tryAcquire());
        try {
            loop.runNow();
            assertEquals(DrivenEventLoop.MAX_TASKS_PER_TURN, ran.get());
            assertTrue(loop.hasPendingTasks());
            loop.runNow();
            assertEquals(queued, ran.get());
            assertFalse(loop.hasPendingTasks());
        } finally {
            loop.release();
        }
    }

    @Test
    void aWriteFromACallbackIsQueuedBehindTasksQueuedBeforeIt() {
        DrivenEventLoop loop = new DrivenEventLoop(NioIoHandler.newFactory());
        assertTrue(loop.tryAcquire()); // before the progress daemon starts, so it never holds the loop
        ProgressEngine engine = new ProgressEngine(loop, 0, false, "test-progress");
        java.util.List<String> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try {
            loop.execute(() -> engine.withLoop(() -> order.add("callback write")));
            loop.execute(() -> order.add("queued write 1"));
            loop.execute(() -> order.add("queued write 2"));
            while (loop.hasPendingTasks()) {
                loop.runNow();
            }
            assertEquals(java.util.List.of("queued write 1", "queued write 2", "callback write"), order);
        } finally {
            loop.release();
            engine.shutdown();
        }
    }
}
