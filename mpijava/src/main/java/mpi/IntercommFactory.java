package mpi;

import dev.jmpi.Communicator;
import java.util.Arrays;

/**
 * Builds intercommunicators over the core, which has no intercommunicator of its own:
 * <ol>
 * <li>the two leaders swap, over the peer communicator, their group's world ranks, and each
 *     broadcasts the other side's in its local group;</li>
 * <li>every process of both groups makes, with core's {@code createFromGroup} (only the two
 *     groups' processes take part), a communicator of the union of the groups: the bridge
 *     the intercommunicator's traffic runs on.</li>
 * </ol>
 * So the two groups may be any disjoint sets of processes, whatever communicators they came
 * from, as in MPI.
 */
final class IntercommFactory {

    private IntercommFactory() {}

    static Intercomm create(Comm peer, Intracomm local, int localLeader, int remoteLeader, int tag) {
        Communicator localCore = local.core();
        int[] localWorld = localCore.group().worldRanks();
        int[] remoteWorld = null;
        if (localCore.rank() == localLeader) {
            Communicator peerCore = peer.p2pCore();
            int dest = peer.toP2p(remoteLeader, false);
            dev.jmpi.Request sent = peerCore.isendObject(localWorld, dest, tag);
            remoteWorld = peerCore.recvObject(dest, tag);
            sent.await();
        }
        remoteWorld = localCore.bcastObject(remoteWorld, localLeader);
        int[] union = new int[localWorld.length + remoteWorld.length];
        System.arraycopy(localWorld, 0, union, 0, localWorld.length);
        System.arraycopy(remoteWorld, 0, union, localWorld.length, remoteWorld.length);
        Arrays.sort(union);
        for (int i = 1; i < union.length; i++) {
            if (union[i] == union[i - 1]) {
                throw new IllegalArgumentException("Create_intercomm: world rank " + union[i]
                        + " is in both groups (expected: disjoint local and remote groups)");
            }
        }
        boolean localFirst = localWorld.length == 0 || (remoteWorld.length > 0 && localWorld[0] < remoteWorld[0]);
        int me = localCore.group().worldRank(localCore.rank());
        Communicator bridge = MPI.COMM_WORLD.core().createFromGroup(new dev.jmpi.Group(union, me), tag);
        dev.jmpi.Group localGroup = new dev.jmpi.Group(localWorld, me);
        dev.jmpi.Group remoteGroup = new dev.jmpi.Group(remoteWorld, me);
        return new Intercomm(bridge, localGroup, remoteGroup, localFirst, local.childLineage(), local);
    }
}
