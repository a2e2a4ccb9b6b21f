package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.core.internal.CollectiveCall;

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

    /** Pipelined chain for large buffers with a predefined op on 3 or more ranks, else the binomial tree. */
    boolean pipelinedReduce(int p, int count, Datatype type, Op op) {
        return p >= 3 && op.isBuiltin() && (long) count * type.sizeBytes() >= thresholds.reducePipelineThresholdBytes();
    }

    /** Ring for large buffers with a predefined op and at least one operand per rank, else recursive doubling. */
    boolean ringAllreduce(int p, int count, Datatype type, Op op) {
        return p >= 2 && op.isBuiltin() && count >= p * op.elementsPerOperand()
            && (long) count * type.sizeBytes() >= thresholds.allreduceRingThresholdBytes();
    }

    /** Ring for commutative ops; reduce to rank 0 and scatter for the others. */
    boolean ringReduceScatter(Op op) {
        return op.isCommutative();
    }

    /** Uses step {@code step}. */
    void bcast(CollectiveCall call, Object buf, int offset, int count, Datatype type, int root, int step) {
        if (pipelinedBcast(call.size(), count, type)) {
            int segment = Blocks.segmentElements(thresholds.bcastSegmentBytes(), type, 1);
            PipelinedChainBroadcast.run(call, buf, offset, count, root, segment, step);
        } else {
            BinomialTreeBroadcast.run(call, buf, offset, count, root, step);
        }
    }

    /** Uses steps {@code step} and {@code step + 1}. */
    void reduce(CollectiveCall call, Op op, Datatype type, Object own, int ownOffset, Object recv, int recvOffset,
                int count, int root, int step) {
        if (pipelinedReduce(call.size(), count, type, op)) {
            int segment = Blocks.segmentElements(thresholds.reduceSegmentBytes(), type, op.elementsPerOperand());
            PipelinedChainReduce.run(call, pool, op, type, own, ownOffset, recv, recvOffset, count, root, segment,
                step);
        } else {
            BinomialTreeReduce.run(call, pool, op, type, own, ownOffset, recv, recvOffset, count, root, step);
        }
    }

    /** Uses steps {@code step .. step + 2}. */
    void allreduce(CollectiveCall call, Op op, Datatype type, Object own, int ownOffset, Object recv,
                   int recvOffset, int count, int step) {
        if (ringAllreduce(call.size(), count, type, op)) {
            RingAllreduce.run(call, pool, op, type, own, ownOffset, recv, recvOffset, count, step);
        } else {
            RecursiveDoublingAllreduce.run(call, pool, op, type, own, ownOffset, recv, recvOffset, count, step);
        }
    }

    /**
     * Reduces {@code sum(counts)} elements of {@code own} and leaves block {@code rank} at
     * {@code recv[recvOffset..]}. {@code own} may be {@code recv} at {@code recvOffset} (in
     * place: the whole input is in {@code recv}). Uses steps {@code step .. step + 2}.
     */
    void reduceScatter(CollectiveCall call, Op op, Datatype type, Object own, int ownOffset, Object recv,
                       int recvOffset, int[] counts, int step) {
        int p = call.size();
        int rank = call.rank();
        int total = Blocks.sum(counts);
        int[] displs = new int[p];
        for (int i = 1; i < p; i++) {
            displs[i] = displs[i - 1] + counts[i - 1];
        }
        boolean inPlace = own == recv && ownOffset == recvOffset;
        if (ringReduceScatter(op)) {
            Object acc = inPlace ? recv : pool.acquire(type, total);
            int accOffset = inPlace ? recvOffset : 0;
            boolean aligned = Blocks.alignedBase(accOffset, total) == accOffset;
            int max = 0;
            for (int c : counts) {
                max = Math.max(max, c);
            }
            Object scratch = pool.acquire(type, aligned ? accOffset + total : max);
            try {
                Blocks.copy(own, ownOffset, acc, accOffset, total);
                RingReduceScatter.run(call, op, type, acc, accOffset, counts, displs, scratch, aligned, step);
                Blocks.copy(acc, accOffset + displs[rank], recv, recvOffset, counts[rank]);
            } finally {
                pool.release(scratch);
                if (!inPlace) {
                    pool.release(acc);
                }
            }
            return;
        }
        Object reduced = rank == 0 ? pool.acquire(type, total) : null;
        try {
            BinomialTreeReduce.run(call, pool, op, type, own, ownOffset, reduced, 0, total, 0, step);
            LinearScatterv.run(call, reduced, 0, counts, displs, recv, recvOffset, counts[rank], 0, false, step + 2);
        } finally {
            pool.release(reduced);
        }
    }
}
