package dev.jmpi.comm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Comparison;
import dev.jmpi.Group;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class CreateFromGroupTest {

    @Test
    void onlyTheGroupsMembersCallAndTheOtherRanksTakeNoPart() {
        Ranks.run(5, comm -> {
            // Every rank has a wildcard receive posted: the members' agreement must not match it.
            int[] stray = new int[1];
            Request wildcard = comm.irecv(stray, 0, 1, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
            if (comm.rank() % 2 == 0) {
                Group evens = comm.group().incl(0, 2, 4);
                try (Communicator c = comm.createFromGroup(evens, 1)) {
                    assertEquals(3, c.size());
                    assertEquals(comm.rank() / 2, c.rank());
                    assertEquals(Comparison.IDENTICAL, c.group().compare(evens));
                    int[] sum = new int[1];
                    c.allreduce(new int[] {comm.rank()}, 0, sum, 0, 1, Op.SUM);
                    assertEquals(6, sum[0]);
                }
            } else {
                // The odd ranks make theirs from the same parent, with the same tag: disjoint groups.
                try (Communicator c = comm.createFromGroup(comm.group().incl(3, 1), 1)) {
                    assertArrayEquals(new int[] {3, 1}, c.group().worldRanks());
                    c.barrier();
                }
            }
            assertTrue(wildcard.cancel(), "the wildcard receive matched the group's agreement");
            comm.barrier();
        });
    }

    @Test
    void overlappingGroupsOneAfterTheOtherGetDifferentContexts() {
        Ranks.run(4, comm -> {
            Communicator first = null;
            Communicator second = null;
            if (comm.rank() <= 2) {
                first = comm.createFromGroup(comm.group().incl(0, 1, 2), 5);
            }
            if (comm.rank() >= 1) {
                second = comm.createFromGroup(comm.group().incl(1, 2, 3), 6);
            }
            if (first != null && second != null) {
                // Ranks 1 and 2 are in both: traffic on one must never meet the other.
                int peer = comm.rank() == 1 ? 2 : 1;
                first.send(new int[] {10}, peer, 0); // ranks 0, 1, 2 keep their numbers in first
                second.send(new int[] {20}, peer - 1, 0); // ranks 1, 2, 3 are 0, 1, 2 in second
                int[] got = new int[1];
                second.recv(got, Communicator.ANY_SOURCE, 0);
                assertEquals(20, got[0]);
                first.recv(got, Communicator.ANY_SOURCE, 0);
                assertEquals(10, got[0]);
            }
            if (first != null) {
                first.barrier();
                first.close();
            }
            if (second != null) {
                second.barrier();
                second.close();
            }
        });
    }

    @Test
    void aRankOutsideTheGroupOrABadTagIsRejected() {
        Ranks.run(3, comm -> {
            Group others = comm.group().excl(comm.rank());
            InvalidArgumentException e =
                    assertThrows(InvalidArgumentException.class, () -> comm.createFromGroup(others, 0));
            assertTrue(
                    e.getMessage().contains("(expected: only the group's members call createFromGroup)"),
                    e.getMessage());
            InvalidArgumentException tag =
                    assertThrows(InvalidArgumentException.class, () -> comm.createFromGroup(comm.group(), -1));
            assertTrue(tag.getMessage().contains("tag=-1 (expected: 0 <= tag <= TAG_UB="), tag.getMessage());
        });
    }
}
