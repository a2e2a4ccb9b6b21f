package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.core.internal.CollectiveCall;

/**
 * The reductions: reduce, allreduce, reduce-scatter, scan and exscan. Arguments and the op's
 * fit for the type are checked before the call begins; each method returns the started
 * request (the blocking forms wait for it).
 */
final class ReductionCollectives {

    private final Calls ctx;
    private final Algorithms algorithms;
    private final ArrayPool pool;

    ReductionCollectives(Calls ctx) {
        this.ctx = ctx;
        this.algorithms = ctx.algorithms();
        this.pool = ctx.algorithms().pool();
    }

    /** See {@link Communicator#reduce}; {@code operation} is "reduce" or "ireduce". */
    Request reduce(String operation, Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count,
            Op op, int root) {
        Datatype type = checkReduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, root);
        CollectiveCall call = ctx.begin(operation, root, count, type, op);
        boolean isRoot = ctx.rank() == root;
        return ctx.start(call, count, type, sendBuf, sendOffset, isRoot ? recvBuf : null, recvOffset,
            (sch, s, so, r, ro) -> {
                boolean inPlace = s == Communicator.IN_PLACE;
                algorithms.reduce(sch, op, type, inPlace ? r : s, inPlace ? ro : so, r, ro, count, root, 0);
            });
    }

    private Datatype checkReduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
            int root) {
        Checks.root(root, ctx.size());
        Checks.count("count", count);
        boolean isRoot = ctx.rank() == root;
        Datatype type;
        if (isRoot) {
            Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
            type = Checks.range(recvBuf, recvOffset, count, "recvBuf");
            Checks.writable(recvBuf, "recvBuf");
            if (sendBuf != Communicator.IN_PLACE) {
                Checks.range(sendBuf, sendOffset, count, "sendBuf");
                Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
            }
        } else {
            Checks.notInPlace(sendBuf, "sendBuf", "at the root");
            type = Checks.range(sendBuf, sendOffset, count, "sendBuf");
        }
        Checks.op(op, type, count);
        return type;
    }

    /** See {@link Communicator#allreduce}; {@code operation} is "allreduce" or "iallreduce". */
    Request allreduce(String operation, Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count,
            Op op) {
        Datatype type = checkAllreduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, operation);
        CollectiveCall call = ctx.begin(operation, -1, count, type, op);
        return ctx.start(call, count, type, sendBuf, sendOffset, recvBuf, recvOffset, (sch, s, so, r, ro) -> {
            boolean inPlace = s == Communicator.IN_PLACE;
            algorithms.allreduce(sch, op, type, inPlace ? r : s, inPlace ? ro : so, r, ro, count, 0);
        });
    }

    /** Checks for allreduce, scan and exscan: IN_PLACE allowed, both buffers hold {@code count}. */
    private Datatype checkAllreduce(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
            String operation) {
        Checks.count("count", count);
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer of " + operation);
        Datatype type = Checks.range(recvBuf, recvOffset, count, "recvBuf");
        Checks.writable(recvBuf, "recvBuf");
        if (sendBuf != Communicator.IN_PLACE) {
            Checks.range(sendBuf, sendOffset, count, "sendBuf");
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        Checks.op(op, type, count);
        return type;
    }

    /** See {@link Communicator#reduceScatter}. */
    Request reduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] recvCounts,
            Op op) {
        int p = ctx.size();
        Checks.length(recvCounts, "recvCounts", p);
        long total = 0;
        for (int i = 0; i < p; i++) {
            Checks.count("recvCounts[" + i + "]", recvCounts[i]);
            total += recvCounts[i];
        }
        Datatype type = checkReduceScatter(sendBuf, sendOffset, recvBuf, recvOffset, recvCounts, total, op);
        CollectiveCall call = ctx.begin("reduceScatter", -1, total, type, op);
        return runReduceScatter(call, sendBuf, sendOffset, recvBuf, recvOffset, recvCounts.clone(), op, type);
    }

    /** See {@link Communicator#reduceScatterBlock}. */
    Request reduceScatterBlock(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int recvCount,
            Op op) {
        int p = ctx.size();
        Checks.count("recvCount", recvCount);
        int[] counts = Blocks.uniform(recvCount, p)[0];
        Datatype type = checkReduceScatter(sendBuf, sendOffset, recvBuf, recvOffset, counts, (long) recvCount * p, op);
        CollectiveCall call = ctx.begin("reduceScatterBlock", -1, recvCount, type, op);
        return runReduceScatter(call, sendBuf, sendOffset, recvBuf, recvOffset, counts, op, type);
    }

    private Datatype checkReduceScatter(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int[] counts,
            long total, Op op) {
        int mine = counts[ctx.rank()];
        Checks.notInPlace(recvBuf, "recvBuf", "as the send buffer");
        Datatype type = Checks.buffer(recvBuf, "recvBuf");
        Checks.writable(recvBuf, "recvBuf");
        if (total > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("sum(recvCounts)=" + total + " (expected: <= "
                + Integer.MAX_VALUE + ")");
        }
        if (sendBuf == Communicator.IN_PLACE) {
            Checks.vector(recvBuf, recvOffset, counts, "recvCounts", null, null, "recvBuf", counts.length);
            Checks.writable(recvBuf, "recvBuf");
        } else {
            Checks.range(recvBuf, recvOffset, mine, "recvBuf");
            Checks.writable(recvBuf, "recvBuf");
            Checks.vector(sendBuf, sendOffset, counts, "recvCounts", null, null, "sendBuf", counts.length);
            Checks.sameType(type, "recvBuf", sendBuf, "sendBuf");
        }
        Checks.op(op, type, (int) total);
        for (int i = 0; i < counts.length; i++) {
            if (op.elementsPerOperand() > 1 && counts[i] % op.elementsPerOperand() != 0) {
                throw new InvalidArgumentException("recvCounts[" + i + "]=" + counts[i]
                    + " (expected: an even count for op=" + op + ", which reduces (value, index) pairs)");
            }
        }
        return type;
    }

    private Request runReduceScatter(CollectiveCall call, Object sendBuf, int sendOffset, Object recvBuf,
            int recvOffset, int[] counts, Op op, Datatype type) {
        return ctx.start(call, counts[ctx.rank()], type, sendBuf, sendOffset, recvBuf, recvOffset,
            (sch, s, so, r, ro) -> {
                boolean inPlace = s == Communicator.IN_PLACE;
                algorithms.reduceScatter(sch, op, type, inPlace ? r : s, inPlace ? ro : so, r, ro, counts, 0);
            });
    }

    /** See {@link Communicator#scan}. */
    Request scan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return runScan(sendBuf, sendOffset, recvBuf, recvOffset, count, op, false);
    }

    /** See {@link Communicator#exscan}. */
    Request exscan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op) {
        return runScan(sendBuf, sendOffset, recvBuf, recvOffset, count, op, true);
    }

    private Request runScan(Object sendBuf, int sendOffset, Object recvBuf, int recvOffset, int count, Op op,
            boolean exclusive) {
        String operation = exclusive ? "exscan" : "scan";
        Datatype type = checkAllreduce(sendBuf, sendOffset, recvBuf, recvOffset, count, op, operation);
        CollectiveCall call = ctx.begin(operation, -1, count, type, op);
        return ctx.start(call, count, type, sendBuf, sendOffset, recvBuf, recvOffset, (sch, s, so, r, ro) -> {
            boolean inPlace = s == Communicator.IN_PLACE;
            RecursiveDoublingScan.schedule(sch, pool, op, type, inPlace ? r : s, inPlace ? ro : so, r, ro, count,
                exclusive, 0);
        });
    }
}
