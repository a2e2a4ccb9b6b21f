package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.core.internal.CollectiveCall;
import dev.jmpi.core.internal.CollectiveHost;
import dev.jmpi.core.internal.ObjectCodec;
import dev.jmpi.core.internal.Schedule;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The object collectives (mpi4py's lowercase {@code bcast}, {@code gather}, ...), the base of
 * {@link Collectives}: each rank
 * encodes its object(s) with {@link ObjectCodec}, the byte lengths travel first (one int per
 * object, with the fixed-size algorithm), then the bytes (with the per-rank-size algorithm),
 * and receivers decode. Objects a rank already holds (its own entry) are returned as they
 * are, not as decoded copies. The reductions gather every object to one rank and fold them
 * left in rank order, {@code ((v0 op v1) op v2) op ...}, exactly as documented; allreduce
 * then broadcasts the result's bytes, so every rank decodes the same result. Lengths use
 * steps from 0, bytes steps from 32768, within one call.
 */
abstract class ObjectCollectives implements Communicator, CollectiveHost {

    private static final int LENGTH_STEP = 0;
    /** Above the length phase's steps (a ring uses P - 1), below the bytes phase's (a pipeline uses up to 16384). */
    private static final int BYTES_STEP = 1 << 15;

    private final Algorithms algorithms;

    ObjectCollectives(Algorithms algorithms) {
        this.algorithms = algorithms;
    }

    /** The algorithm choice of this communicator. */
    final Algorithms algorithms() {
        return algorithms;
    }

    /** The scratch pool. */
    final ArrayPool pool() {
        return algorithms.pool();
    }

    @Override
    public final <T extends @Nullable Object> T bcastObject(T value, int root) {
        Checks.root(root, size());
        CollectiveCall call = begin("bcastObject", root);
        Schedule s = call.schedule();
        byte[][] bytes = bcastBytes(s, rank() == root ? ObjectCodec.encode(value) : null, root);
        run(call, s);
        return rank() == root ? value : decode(bytes[0]);
    }

    @Override
    public final <T extends @Nullable Object> T scatterObject(List<T> values, int root) {
        int p = size();
        Checks.root(root, p);
        boolean isRoot = rank() == root;
        if (isRoot) {
            sizeIsRanks(values, "values");
        }
        CollectiveCall call = begin("scatterObject", root);
        int[] lengths = new int[p];
        int[] displs = new int[p];
        byte[] all = isRoot ? concat(encodeAll(values), lengths, displs) : null;
        int[] mine = new int[1];
        byte[][] bytes = new byte[1][];
        Schedule s = call.schedule().algorithm(BinomialTreeScatter.NAME + " + " + LinearScatterv.NAME);
        BinomialTreeScatter.schedule(
                s, algorithms.pool(), Datatype.INT, lengths, 0, mine, 0, 1, root, false, LENGTH_STEP);
        s.expand(more -> {
            bytes[0] = new byte[mine[0]];
            LinearScatterv.schedule(more, all, 0, lengths, displs, bytes[0], 0, mine[0], root, false, BYTES_STEP);
        });
        run(call, s);
        return isRoot ? values.get(root) : decode(bytes[0]);
    }

    @Override
    public final <T extends @Nullable Object> @Nullable List<T> gatherObject(T value, int root) {
        Checks.root(root, size());
        CollectiveCall call = begin("gatherObject", root);
        return gatherTo(call, value, root);
    }

    @Override
    public final <T extends @Nullable Object> List<T> allgatherObject(T value) {
        int p = size();
        int rank = rank();
        CollectiveCall call = begin("allgatherObject", -1);
        byte[] mine = ObjectCodec.encode(value);
        int[] lengths = new int[p];
        lengths[rank] = mine.length;
        int[][] one = Blocks.uniform(1, p);
        Object[] out = new Object[3];
        Schedule s = call.schedule();
        RingAllgather.schedule(s, lengths, 0, one[0], one[1], LENGTH_STEP);
        s.expand(more -> {
            int[] displs = displacements(lengths);
            byte[] all = new byte[Blocks.sum(lengths)];
            System.arraycopy(mine, 0, all, displs[rank], mine.length);
            out[0] = all;
            out[1] = displs;
            RingAllgather.schedule(more, all, 0, lengths, (int[]) out[1], BYTES_STEP);
        });
        run(call, s);
        return decodeAll((byte[]) out[0], lengths, (int[]) out[1], rank, value);
    }

    @Override
    public final <T extends @Nullable Object> List<T> alltoallObject(List<T> values) {
        int p = size();
        int rank = rank();
        sizeIsRanks(values, "values");
        CollectiveCall call = begin("alltoallObject", -1);
        int[] sendLengths = new int[p];
        int[] sendDispls = new int[p];
        byte[] send = concat(encodeAll(values), sendLengths, sendDispls);
        int[] recvLengths = new int[p];
        int[][] one = Blocks.uniform(1, p);
        Object[] out = new Object[2];
        Schedule s = call.schedule();
        PairwiseAlltoall.schedule(s, sendLengths, 0, one[0], one[1], recvLengths, 0, one[0], one[1], LENGTH_STEP);
        s.expand(more -> {
            int[] recvDispls = displacements(recvLengths);
            byte[] recv = new byte[Blocks.sum(recvLengths)];
            out[0] = recv;
            out[1] = recvDispls;
            PairwiseAlltoall.schedule(
                    more, send, 0, sendLengths, sendDispls, recv, 0, recvLengths, recvDispls, BYTES_STEP);
        });
        run(call, s);
        return decodeAll((byte[]) out[0], recvLengths, (int[]) out[1], rank, values.get(rank));
    }

    @Override
    public final <T extends @Nullable Object> @Nullable T reduceObject(T value, BinaryOperator<T> combiner, int root) {
        Checks.root(root, size());
        Objects.requireNonNull(combiner, "combiner");
        CollectiveCall call = begin("reduceObject", root);
        List<T> all = gatherTo(call, value, root);
        return rank() == root ? fold(Objects.requireNonNull(all, "the root's gathered objects"), combiner) : null;
    }

    @Override
    public final <T extends @Nullable Object> T allreduceObject(T value, BinaryOperator<T> combiner) {
        Objects.requireNonNull(combiner, "combiner");
        CollectiveCall call = begin("allreduceObject", -1);
        Schedule s = call.schedule();
        List<T> all = gatherTo(call, value, 0);
        if (rank() == 0) {
            T result = fold(Objects.requireNonNull(all, "rank 0's gathered objects"), combiner);
            bcastBytes(s, ObjectCodec.encode(result), 0);
            run(call, s);
            return result;
        }
        byte[][] bytes = bcastBytes(s, null, 0);
        run(call, s);
        return decode(bytes[0]);
    }

    /** Gathers every rank's object to {@code root}; runs its own schedule on {@code call} (steps 0 and 4). */
    private <T extends @Nullable Object> @Nullable List<T> gatherTo(CollectiveCall call, T value, int root) {
        int p = size();
        int rank = rank();
        byte[] mine = ObjectCodec.encode(value);
        int[] lengths = rank == root ? new int[p] : null;
        Object[] out = new Object[2];
        Schedule s = call.schedule().algorithm(BinomialTreeGather.NAME + " + " + LinearGatherv.NAME);
        BinomialTreeGather.schedule(
                s, algorithms.pool(), Datatype.INT, new int[] {mine.length}, 0, lengths, 0, 1, root, LENGTH_STEP);
        s.expand(more -> {
            // lengths is the root's alone
            int[] displs = lengths != null ? displacements(lengths) : null;
            byte[] all = lengths != null ? new byte[Blocks.sum(lengths)] : null;
            out[0] = all;
            out[1] = displs;
            LinearGatherv.schedule(more, mine, 0, mine.length, all, 0, lengths, displs, root, false, BYTES_STEP);
        });
        run(call, s);
        return lengths != null ? decodeAll((byte[]) out[0], lengths, (int[]) out[1], rank, value) : null;
    }

    /**
     * Adds the root's bytes (length first) to every rank to {@code s}; the bytes are in the
     * returned holder once {@code s} has run. Uses steps 0 and 4 (and up).
     */
    private byte[][] bcastBytes(Schedule s, byte @Nullable [] rootBytes, int root) {
        int[] length = {rootBytes == null ? 0 : rootBytes.length};
        byte[][] bytes = {rootBytes};
        BinomialTreeBroadcast.schedule(s, length, 0, 1, root, LENGTH_STEP);
        s.expand(more -> {
            if (bytes[0] == null) {
                bytes[0] = new byte[length[0]];
            }
            algorithms.bcast(more, bytes[0], 0, length[0], Datatype.BYTE, root, BYTES_STEP);
        });
        return bytes;
    }

    /** Runs {@code s} on {@code call} and waits for it. */
    private static void run(CollectiveCall call, Schedule s) {
        call.start(s, 0, null).await();
    }

    private static <T extends @Nullable Object> T fold(List<T> values, BinaryOperator<T> combiner) {
        T result = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            result = combiner.apply(result, values.get(i));
        }
        return result;
    }

    private CollectiveCall begin(String operation, int root) {
        return begin(CollectiveSignature.newBuilder()
                .setOperation(operation)
                .setRoot(root)
                .setCount(-1)
                .setDataType(DataType.OBJECT)
                .setOp(""));
    }

    private void sizeIsRanks(List<?> values, String name) {
        if (values == null || values.size() != size()) {
            throw new InvalidArgumentException(name + ".size()=" + (values == null ? "null" : values.size())
                    + " (expected: size=" + size() + ", one entry per rank)");
        }
    }

    private static byte[][] encodeAll(List<?> values) {
        byte[][] encoded = new byte[values.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = ObjectCodec.encode(values.get(i));
        }
        return encoded;
    }

    /** Concatenates {@code parts}, filling {@code lengths} and {@code displs}. */
    private static byte[] concat(byte[][] parts, int[] lengths, int[] displs) {
        long total = 0;
        for (int i = 0; i < parts.length; i++) {
            lengths[i] = parts[i].length;
            displs[i] = (int) total;
            total += parts[i].length;
        }
        if (total > Integer.MAX_VALUE) {
            throw new InvalidArgumentException(
                    "encoded size=" + total + " bytes (expected: <= " + Integer.MAX_VALUE + ")");
        }
        byte[] all = new byte[(int) total];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, all, displs[i], lengths[i]);
        }
        return all;
    }

    private static int[] displacements(int[] lengths) {
        int[] displs = new int[lengths.length];
        for (int i = 1; i < lengths.length; i++) {
            displs[i] = displs[i - 1] + lengths[i - 1];
        }
        return displs;
    }

    // T extends @Nullable Object (the API's object collectives): null when null was sent.
    @SuppressWarnings({"unchecked", "NullAway"})
    private static <T extends @Nullable Object> T decode(byte[] bytes) {
        return (T) ObjectCodec.decode(bytes);
    }

    /** Decodes every block except {@code self}'s, which is {@code own}. */
    @SuppressWarnings("unchecked")
    private static <T extends @Nullable Object> List<T> decodeAll(
            byte[] all, int[] lengths, int[] displs, int self, T own) {
        List<T> out = new ArrayList<>(lengths.length);
        for (int i = 0; i < lengths.length; i++) {
            out.add(i == self ? own : (T) ObjectCodec.decode(all, displs[i], lengths[i]));
        }
        return out;
    }
}
