package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Flow control across real JVMs under jmpirun: a receiver that posts its receives late
 * holds a bounded amount of unexpected data, however much the sender sends. Without flow
 * control both programs die with OutOfMemoryError (direct buffer memory) on the receiver.
 */
@Timeout(600)
class FlowControlIT {

    /**
     * Unexpected data a rank may hold by default: 32 MiB; the slack covers the pools and a
     * 32 MiB message being received. Without flow control it reaches the 256 MiB limit.
     */
    private static final long MAX_DIRECT_MIB = 96;

    private static List<String> rankJvm(String... args) {
        List<String> all = new ArrayList<>(List.of(
                "-n",
                "2",
                "--oversubscribe",
                "--timeout",
                "8m",
                "--jvm-opt=-XX:TieredStopAtLevel=1",
                "--jvm-opt=-XX:+UseSerialGC",
                "--jvm-opt=-Xmx256m",
                "--jvm-opt=-Xshare:auto",
                "--jvm-opt=-XX:-UsePerfData",
                Jmpirun.APPS + "LateReceiver"));
        all.addAll(List.of(args));
        return all;
    }

    @Test
    void lateReceiverOfSixtyFourMessagesOfThirtyTwoMibStaysWithinAQuarterGibHeap() {
        Jmpirun.Result r = Jmpirun.run(rankJvm("flood", "64", "32", "5000").toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.toString());
        assertBounded(r);
    }

    @Test
    void soakOfTwoHundredThousandMessagesWithReceiversWaitingOnLaterOnesCompletes() {
        Jmpirun.Result r =
                Jmpirun.run(rankJvm("soak", "200000", "2048", "1000", "5000").toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.toString());
        assertBounded(r);
    }

    /** Issue 13: collectives under the same flow control; without it rank 1 gets 320 MiB and dies. */
    @Test
    void rankEnteringFortyBcastsOfEightMibTenSecondsLateStaysWithinAQuarterGibHeap() {
        Jmpirun.Result r = Jmpirun.run(rankJvm("bcast", "40", "8", "10000").toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.toString());
        assertBounded(r);
    }

    private static void assertBounded(Jmpirun.Result r) {
        Matcher m = Pattern.compile("late receiver ok maxHeapMiB=(\\d+) maxDirectMiB=(\\d+)")
                .matcher(r.out());
        assertTrue(m.find(), r.toString());
        System.out.println("FlowControlIT: receiver " + m.group());
        long direct = Long.parseLong(m.group(2));
        assertTrue(
                direct <= MAX_DIRECT_MIB,
                "receiver held " + direct + " MiB direct (expected: <= " + MAX_DIRECT_MIB + ")\n" + r);
    }
}
