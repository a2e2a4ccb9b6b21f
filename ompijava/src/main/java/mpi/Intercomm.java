package mpi;

import dev.jmpi.Communicator;
import java.util.Arrays;

/**
 * An intercommunicator: point-to-point between two disjoint groups. The core has none, so
 * it is a private duplicate of the peer communicator (the "bridge", which must hold exactly
 * the processes of both groups) with ranks translated: a rank names a process of the remote
 * group. Collectives on intercommunicators are not supported.
 */
public final class Intercomm extends Comm {

    private final dev.jmpi.Group local;
    private final dev.jmpi.Group remote;
    private final boolean localFirst;

    Intercomm(Communicator bridge, dev.jmpi.Group local, dev.jmpi.Group remote, boolean localFirst) {
        super(bridge);
        this.local = local;
        this.remote = remote;
        this.localFirst = localFirst;
    }

    static Intercomm create(Comm peer, Comm localComm, int localLeader, int remoteLeader, int tag) throws MPIException {
        Communicator localCore = localComm.core();
        int[] localWorld = localCore.group().worldRanks();
        int[] remoteWorld = null;
        if (localCore.rank() == localLeader) {
            Communicator p = peer.p2p();
            int dest = peer.toCore(remoteLeader);
            remoteWorld = Errors.call(() -> {
                dev.jmpi.Request sent = p.isendObject(localWorld, dest, tag);
                int[] theirs = p.recvObject(dest, tag);
                sent.await();
                return theirs;
            });
        }
        int[] mine = remoteWorld;
        int[] remoteRanks = Errors.call(() -> localCore.bcastObject(mine, localLeader));
        int[] union = new int[localWorld.length + remoteRanks.length];
        System.arraycopy(localWorld, 0, union, 0, localWorld.length);
        System.arraycopy(remoteRanks, 0, union, localWorld.length, remoteRanks.length);
        Arrays.sort(union);
        for (int i = 1; i < union.length; i++) {
            if (union[i] == union[i - 1]) {
                throw Errors.arg("createIntercomm: world rank " + union[i] + " is in both groups (expected: disjoint"
                        + " local and remote groups)");
            }
        }
        // The bridge: a communicator of both groups' processes, made by them only.
        int me = localCore.group().worldRank(localCore.rank());
        Communicator world = MPI.COMM_WORLD.core();
        Communicator bridge = Errors.call(() -> world.createFromGroup(new dev.jmpi.Group(union, me), tag));
        boolean localFirst = Arrays.stream(localWorld).min().orElse(0)
                < Arrays.stream(remoteRanks).min().orElse(0);
        return new Intercomm(
                bridge, new dev.jmpi.Group(localWorld, me), new dev.jmpi.Group(remoteRanks, me), localFirst);
    }

    @Override
    int toCore(int rank) throws MPIException {
        if (rank == MPI.PROC_NULL || rank == MPI.ANY_SOURCE) {
            return rank;
        }
        if (rank < 0 || rank >= remote.size()) {
            throw new MPIException(
                    ErrorCodes.ERR_RANK,
                    "rank=" + rank + " (expected: 0 <= rank < remote size " + remote.size() + ")",
                    null);
        }
        int world = remote.worldRank(rank);
        int[] bridgeWorld = core().group().worldRanks();
        for (int i = 0; i < bridgeWorld.length; i++) {
            if (bridgeWorld[i] == world) {
                return i;
            }
        }
        throw new MPIException(ErrorCodes.ERR_RANK, "remote rank " + rank + " is not in the bridge", null);
    }

    @Override
    int fromCore(int coreRank) {
        if (coreRank < 0 || core == null) {
            return coreRank;
        }
        int world = core.group().worldRank(coreRank);
        int[] r = remote.worldRanks();
        for (int i = 0; i < r.length; i++) {
            if (r[i] == world) {
                return i;
            }
        }
        return coreRank;
    }

    @Override
    Communicator collective(String operation) throws MPIException {
        core();
        throw new MPIException(
                ErrorCodes.ERR_UNSUPPORTED_OPERATION,
                operation + " on an intercommunicator is not supported by jmpi (merge() it into an intracommunicator)",
                null);
    }

    @Override
    int localSize() throws MPIException {
        core();
        return local.size();
    }

    @Override
    int localRank() throws MPIException {
        core();
        return local.rank();
    }

    @Override
    dev.jmpi.Group localGroup() throws MPIException {
        core();
        return local;
    }

    @Override
    public boolean isInter() throws MPIException {
        return true;
    }

    @Override
    public Intercomm clone() {
        return (Intercomm) super.clone();
    }

    @Override
    public Intercomm dup() throws MPIException {
        Intercomm c = new Intercomm(Errors.call(() -> core().dup()), local, remote, localFirst);
        copyStateTo(c);
        return c;
    }

    /** Number of processes in the remote group. */
    public int getRemoteSize() throws MPIException {
        core();
        return remote.size();
    }

    /** The remote group. */
    public Group getRemoteGroup() throws MPIException {
        core();
        return new Group(remote);
    }

    /** An intracommunicator of both groups: the group passing {@code high=false} first. */
    public Intracomm merge(boolean high) throws MPIException {
        Communicator b = core();
        int key = (high ? 1 << 20 : 0) + (localFirst ? 0 : 1 << 19) + local.rank();
        return new Intracomm(Errors.call(() -> b.split(0, key)).orElseThrow()); // one colour for all
    }

    /** The parent of a spawned process: always a null intercommunicator (jmpi does not spawn). */
    public static Intercomm getParent() throws MPIException {
        return new Intercomm(null, dev.jmpi.Group.empty(0), dev.jmpi.Group.empty(0), true);
    }
}
