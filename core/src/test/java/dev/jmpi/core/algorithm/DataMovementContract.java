package dev.jmpi.core.algorithm;

import static dev.jmpi.core.algorithm.CollectiveReference.assertSlice;
import static dev.jmpi.core.algorithm.CollectiveReference.data;
import static dev.jmpi.core.algorithm.CollectiveReference.sentinel;
import static dev.jmpi.core.algorithm.CollectiveReference.slice;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collectives that move data without combining it (bcast, scatter, gather, allgather,
 * alltoall and their per-rank variants), over any {@link RankRunner}: every type, rank counts
 * 1..8, counts 0, 1, 7 and 1000, every root; block i of rank r is recognisable
 * ({@link CollectiveReference#data}), and the per-rank variants leave gaps between blocks
 * that must stay untouched.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class DataMovementContract {

    protected static final int[] COUNTS = {0, 1, 7, 1000};

    protected abstract RankRunner runner();

    protected List<Object> run(int ranks, Function<Communicator, Object> body) {
        return runner().run(ranks, body);
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void bcastCopiesTheRootBufferToEveryRank(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int salt = 0;
            for (int count : COUNTS) {
                for (Datatype type : Datatype.values()) {
                    int root = salt++ % ranks;
                    Object buf = r == root ? data(type, root, count + 2, salt) : sentinel(type, count + 2);
                    comm.bcast(buf, 1, count, root);
                    assertSlice(
                            slice(data(type, root, count + 2, salt), 1, count),
                            buf,
                            1,
                            "bcast " + type + " count=" + count + " root=" + root);
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void scatterAndGatherMoveBlocksInRankOrder(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int salt = 0;
            for (int count : COUNTS) {
                for (Datatype type : Datatype.values()) {
                    int root = salt++ % ranks;
                    Object all = data(type, root, ranks * count, salt);
                    Object mine = sentinel(type, count + 1);
                    comm.scatter(r == root ? all : null, 0, count, mine, 1, count, root);
                    assertSlice(slice(all, r * count, count), mine, 1, "scatter " + type + " count=" + count);

                    Object gathered = r == root ? sentinel(type, ranks * count + 1) : null;
                    comm.gather(data(type, r, count, salt), 0, count, gathered, 1, count, root);
                    if (r == root) {
                        for (int i = 0; i < ranks; i++) {
                            assertSlice(
                                    data(type, i, count, salt),
                                    gathered,
                                    1 + i * count,
                                    "gather " + type + " count=" + count + " block " + i);
                        }
                    }
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void scattervAndGathervHonourCountsAndDisplacements(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int salt = 0;
            for (int count : COUNTS) {
                for (Datatype type : Datatype.values()) {
                    int root = salt++ % ranks;
                    int[] counts = new int[ranks];
                    int[] displs = new int[ranks];
                    int extent = layout(count, counts, displs);
                    Object all = data(type, root, extent, salt);
                    Object mine = sentinel(type, counts[r] + 1);
                    comm.scatterv(r == root ? all : null, 0, counts, displs, mine, 1, counts[r], root);
                    assertSlice(slice(all, displs[r], counts[r]), mine, 1, "scatterv " + type);

                    Object gathered = r == root ? sentinel(type, extent) : null;
                    comm.gatherv(data(type, r, counts[r], salt), 0, counts[r], gathered, 0, counts, displs, root);
                    if (r == root) {
                        assertGaps(gathered, type, counts, displs, "gatherv " + type);
                        for (int i = 0; i < ranks; i++) {
                            assertSlice(data(type, i, counts[i], salt), gathered, displs[i], "gatherv " + type);
                        }
                    }
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void allgatherAndAllgathervCollectEveryBlockOnEveryRank(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int salt = 0;
            for (int count : COUNTS) {
                for (Datatype type : Datatype.values()) {
                    salt++;
                    Object all = sentinel(type, ranks * count);
                    comm.allgather(data(type, r, count, salt), 0, count, all, 0, count);
                    for (int i = 0; i < ranks; i++) {
                        assertSlice(data(type, i, count, salt), all, i * count, "allgather " + type);
                    }
                    int[] counts = new int[ranks];
                    int[] displs = new int[ranks];
                    Object vall = sentinel(type, layout(count, counts, displs));
                    comm.allgatherv(data(type, r, counts[r], salt), 0, counts[r], vall, 0, counts, displs);
                    assertGaps(vall, type, counts, displs, "allgatherv " + type);
                    for (int i = 0; i < ranks; i++) {
                        assertSlice(data(type, i, counts[i], salt), vall, displs[i], "allgatherv " + type);
                    }
                }
            }
            return null;
        });
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void alltoallAndAlltoallvDeliverBlockJOfRankIToBlockIOfRankJ(int ranks) {
        run(ranks, comm -> {
            int r = comm.rank();
            int salt = 0;
            for (int count : COUNTS) {
                for (Datatype type : Datatype.values()) {
                    salt++;
                    Object out = sentinel(type, ranks * count);
                    comm.alltoall(data(type, r, ranks * count, salt), 0, count, out, 0, count);
                    for (int i = 0; i < ranks; i++) {
                        assertSlice(
                                slice(data(type, i, ranks * count, salt), r * count, count),
                                out,
                                i * count,
                                "alltoall " + type + " count=" + count + " from " + i);
                    }
                    alltoallv(comm, type, count, salt);
                }
            }
            return null;
        });
    }

    /** Rank i sends {@code (i + 2j + count) % 4} elements to rank j, with a gap after every block. */
    private static void alltoallv(Communicator comm, Datatype type, int count, int salt) {
        int p = comm.size();
        int r = comm.rank();
        int[] sendCounts = new int[p];
        int[] sendDispls = new int[p];
        int[] recvCounts = new int[p];
        int[] recvDispls = new int[p];
        int sendExtent = 0;
        int recvExtent = 0;
        for (int j = 0; j < p; j++) {
            sendCounts[j] = (r + 2 * j + count) % 4;
            sendDispls[j] = sendExtent;
            sendExtent += sendCounts[j] + 1;
            recvCounts[j] = (j + 2 * r + count) % 4;
            recvDispls[j] = recvExtent;
            recvExtent += recvCounts[j] + 1;
        }
        Object send = data(type, r, sendExtent, salt);
        Object recv = sentinel(type, recvExtent);
        comm.alltoallv(send, 0, sendCounts, sendDispls, recv, 0, recvCounts, recvDispls);
        assertGaps(recv, type, recvCounts, recvDispls, "alltoallv " + type);
        for (int i = 0; i < p; i++) {
            int offsetAtSender = 0;
            for (int j = 0; j < r; j++) {
                offsetAtSender += (i + 2 * j + count) % 4 + 1;
            }
            assertSlice(
                    slice(data(type, i, offsetAtSender + recvCounts[i], salt), offsetAtSender, recvCounts[i]),
                    recv,
                    recvDispls[i],
                    "alltoallv " + type + " from " + i);
        }
    }

    /** Uneven per-rank counts with a one-element gap after each block; returns the extent. */
    static int layout(int count, int[] counts, int[] displs) {
        int at = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (count + 3 * i) % 5 + (count > 100 ? count / (i + 1) : 0);
            displs[i] = at;
            at += counts[i] + 1;
        }
        return at;
    }

    /** The element after each block (the gap) must still be a sentinel. */
    static void assertGaps(Object buf, Datatype type, int[] counts, int[] displs, String what) {
        Object s = sentinel(type, 1);
        for (int i = 0; i < counts.length; i++) {
            assertSlice(s, buf, displs[i] + counts[i], what + ": gap after block " + i);
        }
    }
}
