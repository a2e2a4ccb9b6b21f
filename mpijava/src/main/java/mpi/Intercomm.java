package mpi;

import dev.jmpi.Communicator;

/**
 * A communicator between two disjoint groups: ranks in point-to-point calls name processes
 * of the remote group; {@code Size}, {@code Rank} and {@code Group} describe the local one.
 *
 * <p>Built by {@link Comm#Create_intercomm}. Traffic runs on a private communicator over
 * both groups (the "bridge"), with ranks translated, so it never meets other traffic.
 */
public class Intercomm extends Comm {

    private final Communicator bridge;
    private final dev.jmpi.Group localGroup;
    private final dev.jmpi.Group remoteGroup;
    /** Whether the local group comes first when {@link #Merge} is called with equal {@code high}. */
    private final boolean localFirst;

    private final int[] remoteToBridge;
    private final int[] bridgeToRemote;

    Intercomm(
            Communicator bridge,
            dev.jmpi.Group localGroup,
            dev.jmpi.Group remoteGroup,
            boolean localFirst,
            String lineage,
            Comm parent) {
        super(lineage, parent);
        this.bridge = bridge;
        this.localGroup = localGroup;
        this.remoteGroup = remoteGroup;
        this.localFirst = localFirst;
        int[] bridgeWorld = bridge.group().worldRanks();
        this.remoteToBridge = new int[remoteGroup.size()];
        this.bridgeToRemote = new int[bridgeWorld.length];
        java.util.Arrays.fill(bridgeToRemote, MPI.UNDEFINED);
        int[] remoteWorld = remoteGroup.worldRanks();
        for (int r = 0; r < remoteWorld.length; r++) {
            for (int b = 0; b < bridgeWorld.length; b++) {
                if (bridgeWorld[b] == remoteWorld[r]) {
                    remoteToBridge[r] = b;
                    bridgeToRemote[b] = r;
                }
            }
        }
    }

    @Override
    Communicator p2pCore() {
        checkLive();
        return bridge;
    }

    @Override
    int toP2p(int rank, boolean wildcardAllowed) {
        if (rank == MPI.PROC_NULL || (wildcardAllowed && rank == MPI.ANY_SOURCE)) {
            return Wildcards.rankToCore(rank);
        }
        if (rank < 0 || rank >= remoteToBridge.length) {
            throw new IllegalArgumentException("rank=" + rank + " (expected: 0 <= rank < remote size="
                    + remoteToBridge.length + (wildcardAllowed ? ", ANY_SOURCE" : "") + " or PROC_NULL)");
        }
        return remoteToBridge[rank];
    }

    @Override
    int fromP2p(int rank) {
        return bridgeToRemote[rank];
    }

    @Override
    public int Size() throws MPIException {
        return localGroup.size();
    }

    @Override
    public int Rank() throws MPIException {
        return localGroup.rank();
    }

    @Override
    public Group Group() throws MPIException {
        return new Group(localGroup);
    }

    @Override
    public boolean Test_inter() throws MPIException {
        return true;
    }

    /** Number of processes in the remote group. */
    public int Remote_size() throws MPIException {
        return remoteGroup.size();
    }

    /** The remote group. */
    public Group Remote_group() throws MPIException {
        return new Group(remoteGroup);
    }

    /** A new intercommunicator between the same groups, with a fresh context. Collective over both. */
    @Override
    public Object clone() {
        try {
            return new Intercomm(p2pCore().dup(), localGroup, remoteGroup, localFirst, childLineage(), this);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * An intracommunicator of both groups: the group that passes {@code high == false} comes
     * first (if both pass the same value, the group of the lower-ranked leader does).
     * Collective over both groups.
     */
    public Intracomm Merge(boolean high) throws MPIException {
        try {
            int n = p2pCore().size();
            int key = (high ? 2 * n : 0) + (localFirst ? 0 : n) + localGroup.rank();
            Communicator merged = p2pCore().split(0, key).orElseThrow(); // one colour for all
            return new Intracomm(merged, childLineage(), this);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public void Free() throws MPIException {
        try {
            p2pCore().close();
        } catch (RuntimeException e) {
            throw fail(e);
        }
        super.Free();
    }
}
