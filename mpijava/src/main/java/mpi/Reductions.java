package mpi;

import dev.jmpi.Communicator;

/**
 * Reduce, Allreduce, Reduce_scatter and Scan over the core's: counts in items become element
 * counts, datatypes with gaps are packed, {@link MPI#OBJECT} with a user function goes to
 * {@link ObjectCollectives}, and MINLOC/MAXLOC on {@link MPI#SHORT2} are reduced as int pairs.
 */
final class Reductions {

    private Reductions() {}

    static void reduce(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            Object recvbuf,
            int recvoffset,
            int count,
            Datatype type,
            Op op,
            int root) {
        if (type.isObject()) {
            ObjectCollectives.reduce(core, sendbuf, sendoffset, recvbuf, recvoffset, count, type, op, root, false);
            return;
        }
        boolean isRoot = core.rank() == root;
        boolean inPlace = sendbuf == MPI.IN_PLACE;
        View out = isRoot ? View.out("recvbuf", recvbuf, recvoffset, count, type, inPlace) : null;
        View in = inPlace ? null : View.in("sendbuf", sendbuf, sendoffset, count, type);
        Widened w = new Widened(type, op, in, out);
        core.reduce(w.send, w.sendOffset, w.recv, w.recvOffset, count * type.size(), op.coreOp(type), root);
        w.finish();
    }

    static void allreduce(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            Object recvbuf,
            int recvoffset,
            int count,
            Datatype type,
            Op op) {
        if (type.isObject()) {
            ObjectCollectives.reduce(core, sendbuf, sendoffset, recvbuf, recvoffset, count, type, op, 0, true);
            return;
        }
        boolean inPlace = sendbuf == MPI.IN_PLACE;
        View out = View.out("recvbuf", recvbuf, recvoffset, count, type, inPlace);
        View in = inPlace ? null : View.in("sendbuf", sendbuf, sendoffset, count, type);
        Widened w = new Widened(type, op, in, out);
        core.allreduce(w.send, w.sendOffset, w.recv, w.recvOffset, count * type.size(), op.coreOp(type));
        w.finish();
    }

    static void reduceScatter(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            Object recvbuf,
            int recvoffset,
            int[] recvcounts,
            Datatype type,
            Op op) {
        int size = core.size();
        if (recvcounts == null || recvcounts.length < size) {
            throw new IllegalArgumentException("recvcounts needs " + size + " entries (expected: one per rank)");
        }
        int total = 0;
        int before = 0;
        for (int i = 0; i < size; i++) {
            if (i == core.rank()) {
                before = total;
            }
            total += recvcounts[i];
        }
        int mine = recvcounts[core.rank()];
        if (type.isObject()) {
            Object[] all = new Object[total * type.size()];
            ObjectCollectives.reduce(
                    core,
                    sendbuf,
                    sendoffset,
                    all,
                    0,
                    total,
                    Datatype.contiguousOf(Base.OBJECT, type.size()),
                    op,
                    0,
                    true);
            type.checkBuffer("recvbuf", recvbuf, recvoffset, mine);
            type.unpack(all, before * type.size(), mine * type.size(), recvbuf, recvoffset);
            return;
        }
        View in = View.in("sendbuf", sendbuf, sendoffset, total, type);
        View out = View.out("recvbuf", recvbuf, recvoffset, mine, type, false);
        int[] counts = new int[size];
        for (int i = 0; i < size; i++) {
            counts[i] = recvcounts[i] * type.size();
        }
        Widened w = new Widened(type, op, in, out);
        core.reduceScatter(w.send, w.sendOffset, w.recv, w.recvOffset, counts, op.coreOp(type));
        w.finish();
    }

    static void scan(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            Object recvbuf,
            int recvoffset,
            int count,
            Datatype type,
            Op op) {
        if (type.isObject()) {
            ObjectCollectives.scan(core, sendbuf, sendoffset, recvbuf, recvoffset, count, type, op);
            return;
        }
        View in = View.in("sendbuf", sendbuf, sendoffset, count, type);
        View out = View.out("recvbuf", recvbuf, recvoffset, count, type, false);
        Widened w = new Widened(type, op, in, out);
        core.scan(w.send, w.sendOffset, w.recv, w.recvOffset, count * type.size(), op.coreOp(type));
        w.finish();
    }

    /**
     * The buffers handed to the core: the views' arrays, or int copies of short data for
     * MINLOC and MAXLOC. {@link #finish()} narrows the result back and unpacks the view.
     */
    private static final class Widened {
        final Object send;
        final int sendOffset;
        final Object recv;
        final int recvOffset;
        private final View out;
        private final boolean widened;

        Widened(Datatype type, Op op, View in, View out) {
            this.out = out;
            this.widened = type.base == Base.SHORT && op.isPairwise();
            if (widened) {
                send = in == null ? MPI.IN_PLACE : widen(in);
                sendOffset = 0;
                recv = out == null ? null : widen(out);
                recvOffset = 0;
            } else {
                send = in == null ? MPI.IN_PLACE : in.array;
                sendOffset = in == null ? 0 : in.offset;
                recv = out == null ? null : out.array;
                recvOffset = out == null ? 0 : out.offset;
            }
        }

        private static int[] widen(View v) {
            short[] s = (short[]) v.array;
            int[] w = new int[v.elements];
            for (int i = 0; i < w.length; i++) {
                w[i] = s[v.offset + i];
            }
            return w;
        }

        void finish() {
            if (out == null) {
                return;
            }
            if (widened) {
                int[] w = (int[]) recv;
                short[] s = (short[]) out.array;
                for (int i = 0; i < w.length; i++) {
                    s[out.offset + i] = (short) w[i];
                }
            }
            out.unpack();
        }
    }
}
