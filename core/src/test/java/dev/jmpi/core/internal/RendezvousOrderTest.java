package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.Communicator;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.testing.Ranks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random traffic with sizes on both sides of the eager limit, received late and in a
 * random order of (source, tag): each receive gets exactly what a sequential reading of the
 * senders' programs says it must (the first unreceived message of that source and tag).
 */
@Timeout(180)
class RendezvousOrderTest {

    private static final int[] SIZES = {0, 1, 100, 16_000, 16_384, 16_385, 50_000, 200_000};
    private static final int TAGS = 3;
    private static final int PER_PEER = 16;

    @ParameterizedTest(name = "{0} ranks, {1}, unexpected bytes {2}")
    @CsvSource({
        "3, LOOPBACK, 33554432", "3, IN_JVM, 33554432",
        "3, LOOPBACK, 0", "4, IN_JVM, 0",
        "3, LOOPBACK, 200000", "5, IN_JVM, 200000"
    })
    void everyReceiveGetsTheSequentiallyExpectedMessage(int n, Ranks.Wiring wiring, long unexpectedBytes) {
        FlowSettings.with(
                unexpectedBytes,
                64 * 1024,
                () -> Ranks.builder().wiring(wiring).run(n, comm -> {
                    List<Request> sends = new ArrayList<>();
                    for (int dest = 0; dest < n; dest++) {
                        for (Msg m : plan(comm.rank(), dest)) {
                            sends.add(FlowSettings.isend(comm, m.data(), dest, m.tag()));
                        }
                    }
                    comm.barrier();
                    List<ArrayDeque<Msg>> expected = new ArrayList<>();
                    List<int[]> order = new ArrayList<>();
                    for (int src = 0; src < n; src++) {
                        for (int tag = 0; tag < TAGS; tag++) {
                            ArrayDeque<Msg> q = new ArrayDeque<>();
                            for (Msg m : plan(src, comm.rank())) {
                                if (m.tag() == tag) {
                                    q.add(m);
                                    order.add(new int[] {src, tag});
                                }
                            }
                            expected.add(q);
                        }
                    }
                    Collections.shuffle(order, new Random(comm.rank()));
                    for (int[] st : order) {
                        Msg want = expected.get(st[0] * TAGS + st[1]).poll();
                        int[] in = new int[SIZES[SIZES.length - 1]];
                        Status s = comm.recv(in, st[0], st[1]);
                        assertEquals(want.data().length, s.count(), "from " + st[0] + " tag " + st[1]);
                        assertArrayEquals(want.data(), java.util.Arrays.copyOf(in, s.count()));
                    }
                    sends.forEach(Request::await);
                    comm.barrier();
                    assertEquals(
                            Communicator.PROC_NULL,
                            comm.recv(new int[0], Communicator.PROC_NULL, 0).source());
                }));
    }

    private record Msg(int tag, int[] data) {}

    /** What {@code src} sends {@code dest}, in order: deterministic, so both sides know it. */
    private static List<Msg> plan(int src, int dest) {
        Random r = new Random(src * 1000L + dest);
        List<Msg> out = new ArrayList<>();
        for (int i = 0; i < PER_PEER; i++) {
            int size = SIZES[r.nextInt(SIZES.length)];
            int first = r.nextInt();
            out.add(new Msg(r.nextInt(TAGS), FlowSettings.pattern(size, first)));
        }
        return out;
    }
}
