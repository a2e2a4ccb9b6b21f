package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.Schedule;
import org.jspecify.annotations.Nullable;

/**
 * Picks the algorithm for a collective from its size in bytes, the rank count and the op,
 * with the {@link AlgorithmThresholds}. Every input of a choice is part of the call's
 * signature (count, type, op) or the same on every rank (P, thresholds), so every rank
 * makes the same choice without talking. See {@code docs/algorithms.md}.
 */
final class Algorithms {

    private final AlgorithmThresholds thresholds;
    private final ArrayPool pool;

    Algorithms(AlgorithmThresholds thresholds, ArrayPool pool) {
        this.thresholds = thresholds;
        this.pool = pool;
    }

    ArrayPool pool() {
        return pool;
    }

    /** Pipelined chain for large buffers on 3 or more ranks, else the binomial tree. */
    boolean pipelinedBcast(int p, int count, Datatype type) {
        return p >= 3 && (long) count * type.sizeBytes() >= thresholds.bcastPipelineThresholdBytes();
    }

    /**
     * Pipelined chain for large buffers with a predefined op on 3 or more ranks, else the
     * binomial tree. At P = 2 the tree is one message, which the rendezvous already moves in
     * pieces that land as they arrive; the chain's segments only add per-message costs (measured
     * at 1, 8 and 64 MiB of doubles: the tree faster in every round, at less CPU; see
     * {@code docs/algorithms.md}).
     */
    boolean pipelinedReduce(int p, int count, Datatype type, Op op) {
        return p >= 3 && op.isBuiltin() && (long) count * type.sizeBytes() >= thresholds.reducePipelineThresholdBytes();
    }

    /**
     * The allreduce algorithm for this call: recursive doubling for user ops, for fewer
     * operands than ranks, and below {@code allreduceRingThresholdBytes}; above it
     * Rabenseifner's when P is a power of two, else the ring (each cuts the buffer into per-rank
     * blocks; Rabenseifner's folds the ranks beyond the power of two in whole, which costs
     * them two extra full-buffer messages). A forced algorithm applies at every size.
     */
    AllreduceAlgorithm allreduceAlgorithm(int p, int count, Datatype type, Op op) {
        AllreduceAlgorithm forced = thresholds.allreduceAlgorithm();
        if (p < 2 || !op.isBuiltin() || count < p * op.elementsPerOperand()) {
            return AllreduceAlgorithm.RECURSIVE_DOUBLING;
        }
        if (forced != AllreduceAlgorithm.AUTO) {
            return forced;
        }
        if ((long) count * type.sizeBytes() < thresholds.allreduceRingThresholdBytes()) {
            return AllreduceAlgorithm.RECURSIVE_DOUBLING;
        }
        return Integer.bitCount(p) == 1 ? AllreduceAlgorithm.RABENSEIFNER : AllreduceAlgorithm.RING;
    }

    /** Ring for commutative ops; reduce to rank 0 and scatter for the others. */
    boolean ringReduceScatter(Op op) {
        return op.isCommutative();
    }

    /** Adds a bcast to {@code s}; uses step {@code step}. */
    void bcast(Schedule s, Object buf, int offset, int count, Datatype type, int root, int step) {
        if (pipelinedBcast(s.size(), count, type)) {
            int segment = Blocks.segmentElements(thresholds.bcastSegmentBytes(), type, 1);
            PipelinedChainBroadcast.schedule(s, buf, offset, count, root, segment, step);
        } else {
            BinomialTreeBroadcast.schedule(s, buf, offset, count, root, step);
        }
    }

    /** Adds a reduce to {@code s}; uses steps {@code step} and {@code step + 1}. */
    void reduce(
            Schedule s,
            Op op,
            Datatype type,
            Object own,
            int ownOffset,
            @Nullable Object recv,
            int recvOffset,
            int count,
            int root,
            int step) {
        if (pipelinedReduce(s.size(), count, type, op)) {
            int segment = Blocks.segmentElements(thresholds.reduceSegmentBytes(), type, op.elementsPerOperand());
            PipelinedChainReduce.schedule(
                    s, pool, op, type, own, ownOffset, recv, recvOffset, count, root, segment, step);
        } else {
            BinomialTreeReduce.schedule(s, pool, op, type, own, ownOffset, recv, recvOffset, count, root, step);
        }
    }

    /** Adds an allreduce to {@code s}; uses steps {@code step .. step + max(2, 2P - 3)}. */
    void allreduce(
            Schedule s,
            Op op,
            Datatype type,
            Object own,
            int ownOffset,
            Object recv,
            int recvOffset,
            int count,
            int step) {
        switch (allreduceAlgorithm(s.size(), count, type, op)) {
            case RING -> RingAllreduce.schedule(s, pool, op, type, own, ownOffset, recv, recvOffset, count, step);
            case RABENSEIFNER ->
                RabenseifnerAllreduce.schedule(s, pool, op, type, own, ownOffset, recv, recvOffset, count, step);
            default ->
                RecursiveDoublingAllreduce.schedule(s, pool, op, type, own, ownOffset, recv, recvOffset, count, step);
        }
    }

    /**
     * Adds a reduce-scatter to {@code s}: reduces {@code sum(counts)} elements of {@code own}
     * and leaves block {@code rank} at {@code recv[recvOffset..]}. {@code own} may be
     * {@code recv} at {@code recvOffset} (in place: the whole input is in {@code recv}).
     * Uses steps {@code step .. step + max(2, P - 2)}.
     */
    void reduceScatter(
            Schedule s,
            Op op,
            Datatype type,
            Object own,
            int ownOffset,
            Object recv,
            int recvOffset,
            int[] counts,
            int step) {
        int p = s.size();
        int rank = s.rank();
        int total = Blocks.sum(counts);
        int[] displs = new int[p];
        for (int i = 1; i < p; i++) {
            displs[i] = displs[i - 1] + counts[i - 1];
        }
        boolean inPlace = own == recv && ownOffset == recvOffset;
        if (ringReduceScatter(op)) {
            Object acc = inPlace ? recv : Scratch.acquire(s, pool, type, total);
            int accOffset = inPlace ? recvOffset : 0;
            boolean aligned = Blocks.alignedBase(accOffset, total) == accOffset;
            int max = 0;
            for (int c : counts) {
                max = Math.max(max, c);
            }
            Object scratch = Scratch.acquire(s, pool, type, aligned ? accOffset + total : max);
            s.local(() -> Blocks.copy(own, ownOffset, acc, accOffset, total));
            RingReduceScatter.schedule(s, op, type, acc, accOffset, counts, displs, scratch, aligned, step);
            s.local(() -> Blocks.copy(acc, accOffset + displs[rank], recv, recvOffset, counts[rank]))
                    .round();
            return;
        }
        s.algorithm(BinomialTreeReduce.NAME + " reduce + " + LinearScatterv.NAME + " scatterv");
        Object reduced = rank == 0 ? Scratch.acquire(s, pool, type, total) : null;
        BinomialTreeReduce.schedule(s, pool, op, type, own, ownOffset, reduced, 0, total, 0, step);
        LinearScatterv.schedule(s, reduced, 0, counts, displs, recv, recvOffset, counts[rank], 0, false, step + 2);
    }
}
