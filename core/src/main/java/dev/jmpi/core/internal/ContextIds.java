package dev.jmpi.core.internal;

import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * This process's context ids, and how the members of a parent communicator agree on a new
 * one while other threads of the same rank create communicators at once (as
 * MPI_THREAD_MULTIPLE allows). The scheme is MPICH's ({@code MPIR_Get_contextid_sparse}):
 *
 * <ul>
 *   <li>Ids are handed out from two pools, each a counter that only grows: the <em>eager</em>
 *       pool (2, 6, 10, ...) and the <em>main</em> pool (4, 8, 12, ...). A communicator takes
 *       id {@code c} for point-to-point and {@code c + 1} for collectives; the world has 0
 *       and 1. Ids are not reused (2^29 creations per pool before they run out).</li>
 *   <li>An agreement is a loop of max-reductions over the parent (each member contributes
 *       {@code [busy, proposal]}). A member contributes its pool's next id only while it
 *       <em>owns</em> that pool, which at most one creation of the process does at a time;
 *       otherwise it contributes busy. If nobody was busy, every member owned the pool and
 *       the maximum proposal is unused on all of them: each takes it and moves its counter
 *       past it. Otherwise every member drops ownership and all try again. Every member
 *       sees the same reduction, so they agree on success, the pool and the id.</li>
 *   <li>The first attempt uses the eager pool if no other creation holds it: uncontended, a
 *       creation costs one reduction, as before. Later attempts use the main pool, which
 *       goes only to the waiting creation with the lowest key (the parent's context id,
 *       then the tag of a {@code createFromGroup}), the same creation on every rank: so the
 *       lowest of the contending creations gets the main pool on all its members and
 *       completes, so contending creations cannot livelock (MPICH orders its waiting list
 *       by the parent's context id for the same reason).</li>
 * </ul>
 *
 * <p>Limit, as in MPICH: a creation that owns the main pool holds it while its reduction
 * waits for members that have not started it; if one of them first waits, on one thread,
 * for another creation of this process that needs the main pool, both wait until the
 * communicator's timeout. The eager pool makes the common form of this (one thread per
 * creation, begun in different orders) pass: the first try of each needs no main pool.
 *
 * <p>Threads: any; the pools and the waiting list are guarded by {@code this}. The
 * reductions run outside the lock.
 */
final class ContextIds {

    /** The world's ids are 0 and 1; pools step by 4 so that their ids never meet. */
    private static final int STEP = 4;

    private int nextEager = 2;
    private int nextMain = 4;
    private boolean eagerOwned;
    private boolean mainOwned;
    private final TreeSet<Long> waiting = new TreeSet<>();

    /** Ordering key of a collective creation over the parent of context {@code parentContext}. */
    static long key(int parentContext) {
        return (long) parentContext << 32;
    }

    /** Ordering key of a {@code createFromGroup} with {@code tag} over that parent. */
    static long key(int parentContext, int tag) {
        return ((long) parentContext << 32) | (tag + 1L);
    }

    /**
     * Agrees on a new context id with the other members of a parent: {@code maxAll} takes
     * this member's {@code [busy, proposal]} and returns the element-wise maximum over all
     * members (a collective on the parent, the same number of times on every member).
     * {@code key} orders this creation among those of this process waiting for the main pool.
     */
    int agree(long key, UnaryOperator<int[]> maxAll) {
        for (int attempt = 0; ; attempt++) {
            boolean eager = attempt == 0;
            int[] mine = {1, 0};
            synchronized (this) {
                if (eager) {
                    if (!eagerOwned) {
                        eagerOwned = true;
                        mine[0] = 0;
                        mine[1] = nextEager;
                    }
                } else {
                    waiting.add(key);
                    if (!mainOwned && waiting.first().longValue() == key) {
                        mainOwned = true;
                        mine[0] = 0;
                        mine[1] = nextMain;
                    }
                }
            }
            boolean owned = mine[0] == 0;
            int @Nullable [] all = null;
            try {
                all = maxAll.apply(mine);
            } finally {
                synchronized (this) {
                    boolean agreed = all != null && all[0] == 0;
                    if (owned && eager) {
                        eagerOwned = false;
                        if (agreed && all != null) {
                            nextEager = Math.max(nextEager, all[1] + STEP);
                        }
                    } else if (owned) {
                        mainOwned = false;
                        if (agreed && all != null) {
                            nextMain = Math.max(nextMain, all[1] + STEP);
                        }
                    }
                    if (agreed || all == null) {
                        waiting.remove(key);
                    }
                }
            }
            if (all[0] == 0) {
                return all[1];
            }
            Thread.yield();
        }
    }

    /** The next id of each pool, for tests: {@code [eager, main]}. */
    synchronized int[] next() {
        return new int[] {nextEager, nextMain};
    }
}
