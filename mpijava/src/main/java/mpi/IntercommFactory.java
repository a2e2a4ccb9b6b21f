package mpi;

import dev.jmpi.Communicator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds intercommunicators over the core, which has no intercommunicator of its own:
 * <ol>
 * <li>the two leaders swap, over the peer communicator, their group's world ranks and the
 *     communicators their side descends from (named by lineage, with their members);</li>
 * <li>each leader picks, by the same rule, the first such communicator both sides share
 *     whose members are exactly the union of the two groups, and broadcasts the result in
 *     its local group;</li>
 * <li>every process of both groups duplicates that communicator: the duplicate is the
 *     bridge the intercommunicator's traffic runs on.</li>
 * </ol>
 * The union must therefore be a communicator both groups came from (the usual pattern:
 * {@code COMM_WORLD.Split} into the two groups). The core cannot build a communicator
 * collectively over a subset of another's members only, which a general bridge needs.
 */
final class IntercommFactory {

    private IntercommFactory() {
    }

    static Intercomm create(Comm peer, Intracomm local, int localLeader, int remoteLeader, int tag) {
        Communicator localCore = local.core();
        int[] localWorld = localCore.group().worldRanks();
        List<Comm> candidates = candidates(local, peer);
        List<Object> mine = describe(localWorld, candidates);
        List<Object> agreed;
        if (localCore.rank() == localLeader) {
            Communicator peerCore = peer.p2pCore();
            int dest = peer.toP2p(remoteLeader, false);
            dev.jmpi.Request sent = peerCore.isendObject(mine, dest, tag);
            List<Object> theirs = peerCore.recvObject(dest, tag);
            sent.await();
            agreed = agree(mine, theirs);
        } else {
            agreed = null;
        }
        agreed = localCore.bcastObject(agreed, localLeader);
        if (agreed.get(0) == null) {
            throw new IllegalStateException((String) agreed.get(1));
        }
        int[] remoteWorld = (int[]) agreed.get(0);
        String lineage = (String) agreed.get(1);
        boolean localFirst = (Boolean) agreed.get(2);
        Comm over = null;
        for (Comm c : candidates) {
            if (c.lineage.equals(lineage)) {
                over = c;
                break;
            }
        }
        if (over == null) {
            throw new IllegalStateException("Create_intercomm: communicator " + lineage + " chosen by the leader is"
                + " not an ancestor of this process's local_comm");
        }
        Communicator bridge = ((Intracomm) over).core().dup();
        int me = localCore.group().worldRank(localCore.rank());
        dev.jmpi.Group localGroup = new dev.jmpi.Group(localWorld, me);
        dev.jmpi.Group remoteGroup = new dev.jmpi.Group(remoteWorld, me);
        return new Intercomm(bridge, localGroup, remoteGroup, localFirst, over.childLineage(), over);
    }

    /** The intracommunicators this side descends from, nearest first, then the peer and the world. */
    private static List<Comm> candidates(Intracomm local, Comm peer) {
        List<Comm> out = new ArrayList<>();
        for (Comm c = local.parent; c != null; c = c.parent) {
            if (c instanceof Intracomm) {
                out.add(c);
            }
        }
        if (peer instanceof Intracomm) {
            out.add(peer);
        }
        out.add(MPI.COMM_WORLD);
        return out;
    }

    /** [local world ranks, lineages, sorted members of each]. */
    private static List<Object> describe(int[] localWorld, List<Comm> candidates) {
        List<Object> lineages = new ArrayList<>();
        List<Object> members = new ArrayList<>();
        for (Comm c : candidates) {
            int[] w = ((Intracomm) c).core().group().worldRanks();
            Arrays.sort(w);
            lineages.add(c.lineage);
            members.add(w);
        }
        return List.of(localWorld, lineages, members);
    }

    /** [remote world ranks, lineage of the bridge's parent, whether the local group comes first]. */
    @SuppressWarnings("unchecked")
    private static List<Object> agree(List<Object> mine, List<Object> theirs) {
        int[] localWorld = (int[]) mine.get(0);
        int[] remoteWorld = (int[]) theirs.get(0);
        boolean localFirst = localWorld.length == 0 || remoteWorld.length > 0 && localWorld[0] < remoteWorld[0];
        int[] union = new int[localWorld.length + remoteWorld.length];
        System.arraycopy(localWorld, 0, union, 0, localWorld.length);
        System.arraycopy(remoteWorld, 0, union, localWorld.length, remoteWorld.length);
        Arrays.sort(union);
        List<Object> first = localFirst ? mine : theirs;
        List<Object> second = localFirst ? theirs : mine;
        List<Object> firstLineages = (List<Object>) first.get(1);
        List<Object> firstMembers = (List<Object>) first.get(2);
        List<Object> secondLineages = (List<Object>) second.get(1);
        for (int i = 0; i < firstLineages.size(); i++) {
            if (Arrays.equals((int[]) firstMembers.get(i), union) && secondLineages.contains(firstLineages.get(i))) {
                return List.of(remoteWorld, firstLineages.get(i), localFirst);
            }
        }
        return Arrays.asList(null, "Create_intercomm: no communicator both groups descend from has exactly"
            + " their " + union.length + " processes as members (expected: groups made by splitting one"
            + " communicator, e.g. MPI.COMM_WORLD.Split, into parts that together fill it)", Boolean.FALSE);
    }
}
