package dev.jmpi.core.internal;

import dev.jmpi.transport.Progress;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Cleared rendezvous sends that no thread waits on, written by a thread of this rank that
 * waits on another of its sends, instead of by the sender thread. A window of {@code isend}s
 * awaited in order ({@code Request.awaitAll}) has its thread wait on the first while the
 * others are cleared: handing each of those to the sender thread put two threads on the
 * rank's CPU (jmpirun binds a rank to one), taking the event loop from each other and
 * switching for every message. Written here, the rank's sends all go out from the waiting
 * user thread, as Open MPI progresses every pending send in any wait.
 *
 * <p>A waiter registers when it starts waiting ({@link #arrive}); a cleared send goes to the
 * queue and wakes a registered waiter ({@link #offer}), or, with none, is refused (the
 * caller hands it to the sender thread). A waiter whose own send completed writes what is
 * queued before it leaves ({@link #leave}); whatever is queued once no waiter is left goes
 * to the sender thread, so no send is stranded. {@link RendezvousSend#transmitIfUnclaimed}
 * lets exactly one thread write each send.
 *
 * <p>Threads: any; the set and the queue are concurrent. A send is added before the waiters
 * are checked, and a waiter is removed before the queue is checked, so one of the two sides
 * always sees the other.
 */
final class ClearedSendWriters {

    private final Set<Thread> waiters = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<RendezvousSend> queued = new ConcurrentLinkedQueue<>();

    /** The calling thread waits on a send of this rank and can write others' data meanwhile. */
    void arrive() {
        waiters.add(Thread.currentThread());
    }

    /**
     * Queues the cleared send {@code s} for a waiting thread and wakes one; false if no
     * thread waits (the caller hands it to the sender thread).
     */
    boolean offer(RendezvousSend s) {
        if (waiters.isEmpty()) {
            return false;
        }
        queued.add(s);
        Thread w = anyWaiter();
        if (w == null) {
            handOffQueued(); // they all left meanwhile and may not have seen s
        } else {
            s.progress().wake(w);
        }
        return true;
    }

    /** Whether a cleared send waits for a thread to write it. */
    boolean hasWork() {
        return !queued.isEmpty();
    }

    /** Writes one queued send, if any (on a waiting thread). */
    void writeOne() {
        RendezvousSend s = queued.poll();
        if (s != null) {
            s.transmitIfUnclaimed();
        }
    }

    /**
     * The calling thread stops waiting. If {@code write} (its own send completed), it first
     * writes every queued send, staying registered meanwhile so sends cleared while it
     * writes come to it too; what is queued once no waiter is left goes to the sender thread.
     */
    void leave(boolean write, Progress progress) {
        Thread me = Thread.currentThread();
        if (!waiters.contains(me)) {
            return;
        }
        if (write) {
            RendezvousSend s;
            while ((s = queued.poll()) != null) {
                s.transmitIfUnclaimed();
            }
        }
        waiters.remove(me);
        if (queued.isEmpty()) {
            return;
        }
        Thread w = anyWaiter();
        if (w == null) {
            handOffQueued();
        } else {
            progress.wake(w);
        }
    }

    private @Nullable Thread anyWaiter() {
        Iterator<Thread> it = waiters.iterator();
        return it.hasNext() ? it.next() : null;
    }

    private void handOffQueued() {
        RendezvousSend s;
        while ((s = queued.poll()) != null) {
            s.handOff();
        }
    }
}
