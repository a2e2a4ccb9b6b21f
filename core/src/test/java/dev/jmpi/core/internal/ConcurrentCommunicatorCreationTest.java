package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several threads of every rank derive communicators at once, each from its own parent (as
 * MPI_THREAD_MULTIPLE allows): every new communicator must get a context id that no other
 * communicator of its rank has, the same on all its members, and carry only its own traffic.
 */
@Timeout(180)
class ConcurrentCommunicatorCreationTest {

    private static final int THREADS = 3;
    private static final int ROUNDS = 24;

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void threadsCreatingCommunicatorsAtOnceGetDistinctAgreedContexts(int ranks) {
        Ranks.builder()
                .wiring(Ranks.Wiring.IN_JVM)
                .timeout(Duration.ofSeconds(150))
                .run(ranks, world -> {
                    Communicator[] parents = new Communicator[THREADS];
                    Set<Integer> used = ConcurrentHashMap.newKeySet();
                    used.add(context(world));
                    for (int t = 0; t < THREADS; t++) {
                        parents[t] = world.dup();
                        assertTrue(used.add(context(parents[t])));
                    }
                    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
                    List<Thread> threads = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        int thread = t;
                        threads.add(new Thread(
                                () -> {
                                    try {
                                        createAndTalk(parents[thread], thread, used);
                                    } catch (Throwable e) {
                                        failures.add(e);
                                    }
                                },
                                "rank-" + world.rank() + "-creator-" + t));
                    }
                    threads.forEach(Thread::start);
                    for (Thread th : threads) {
                        th.join(140_000);
                        assertFalse(th.isAlive(), th.getName() + " did not finish");
                    }
                    if (!failures.isEmpty()) {
                        AssertionError e =
                                new AssertionError("rank " + world.rank() + ": " + failures.get(0), failures.get(0));
                        failures.stream().skip(1).forEach(e::addSuppressed);
                        throw e;
                    }
                });
    }

    /** Derives communicators from {@code parent} (dup, split, create, createFromGroup in turn) and checks each. */
    private static void createAndTalk(Communicator parent, int thread, Set<Integer> used) {
        for (int i = 0; i < ROUNDS; i++) {
            Communicator c = switch (i % 4) {
                case 0 -> parent.dup();
                case 1 -> parent.split(parent.rank() % 2, parent.rank()).orElseThrow();
                case 2 -> parent.create(parent.group()).orElseThrow();
                default -> parent.createFromGroup(parent.group(), i);
            };
            int ctx = context(c);
            assertTrue(
                    used.add(ctx),
                    "world rank " + parent.rank() + " thread " + thread + " round " + i + ": context " + ctx
                            + " is already another communicator's on this rank");
            int[] all = new int[c.size()];
            c.allgather(new int[] {ctx}, 0, 1, all, 0, 1);
            int[] same = new int[c.size()];
            Arrays.fill(same, ctx);
            assertArrayEquals(same, all, "every member has the same context");
            int value = thread * 1000 + i;
            Request s = c.isend(new int[] {value}, 0, 1, (c.rank() + 1) % c.size(), i);
            int[] in = new int[1];
            c.recv(in, 0, 1, (c.rank() + c.size() - 1) % c.size(), i);
            s.await();
            assertEquals(value, in[0], "thread " + thread + " round " + i + " received its own communicator's message");
            c.barrier();
            c.close();
        }
    }

    private static int context(Communicator c) {
        return ((CommunicatorImpl) c).context();
    }

    /** Uncontended, a creation costs one reduction and takes the eager pool's next id. */
    @Test
    void uncontendedAgreementTakesOneReductionFromTheEagerPool() {
        ContextIds ids = new ContextIds();
        int[] calls = new int[1];
        UnaryOperator<int[]> alone = mine -> {
            calls[0]++;
            return mine.clone();
        };
        assertEquals(2, ids.agree(ContextIds.key(0), alone));
        assertEquals(6, ids.agree(ContextIds.key(0), alone));
        assertEquals(2, calls[0]);
        assertArrayEquals(new int[] {10, 4}, ids.next());
    }

    /** A member whose pool is taken makes every member try again, then in the main pool. */
    @Test
    void busyMemberMakesAllRetryInTheMainPool() {
        ContextIds ids = new ContextIds();
        List<int[]> seen = new ArrayList<>();
        int[] round = new int[1];
        int id = ids.agree(ContextIds.key(5, 7), mine -> {
            seen.add(mine.clone());
            // Another member is busy in the first round; in the second it proposes 40.
            return round[0]++ == 0 ? new int[] {1, mine[1]} : new int[] {Math.max(mine[0], 0), Math.max(mine[1], 40)};
        });
        assertEquals(40, id);
        assertArrayEquals(new int[] {0, 2}, seen.get(0), "first round: the eager pool");
        assertArrayEquals(new int[] {0, 4}, seen.get(1), "second round: the main pool");
        assertArrayEquals(new int[] {2, 44}, ids.next());
    }

    @Test
    void groupCreationsOfOneParentOrderAfterItsCollectiveCreations() {
        assertTrue(ContextIds.key(4) < ContextIds.key(4, 0));
        assertTrue(ContextIds.key(4, Communicator.TAG_UB) < ContextIds.key(6));
    }
}
