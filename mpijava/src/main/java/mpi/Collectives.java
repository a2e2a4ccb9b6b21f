package mpi;

import dev.jmpi.Communicator;

/**
 * The collectives of {@link Intracomm} over the core's: items of a datatype become element
 * counts, datatypes with gaps are packed around the call, {@link MPI#OBJECT} goes to
 * {@link ObjectCollectives}, and MINLOC/MAXLOC on {@code short} pairs are widened to ints
 * (the core reduces int, long, float and double pairs).
 */
final class Collectives {

    private Collectives() {}

    static void bcast(Communicator core, Object buf, int offset, int count, Datatype type, int root) {
        if (type.isObject()) {
            ObjectCollectives.bcast(core, buf, offset, count, type, root);
            return;
        }
        boolean isRoot = core.rank() == root;
        View v = isRoot ? View.in("buf", buf, offset, count, type) : View.out("buf", buf, offset, count, type, false);
        core.bcast(v.array, v.offset, v.elements, root);
        if (!isRoot) {
            v.unpack();
        }
    }

    static void gather(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype,
            int root) {
        if (sendtype.isObject() || recvtype.isObject()) {
            ObjectCollectives.gather(
                    core,
                    sendbuf,
                    sendoffset,
                    sendcount,
                    sendtype,
                    recvbuf,
                    recvoffset,
                    recvcount,
                    recvtype,
                    root,
                    false);
            return;
        }
        boolean isRoot = core.rank() == root;
        boolean inPlace = sendbuf == MPI.IN_PLACE;
        View out = isRoot ? View.out("recvbuf", recvbuf, recvoffset, recvcount * core.size(), recvtype, inPlace) : null;
        View in = inPlace ? null : View.in("sendbuf", sendbuf, sendoffset, sendcount, sendtype);
        int elements = recvcount * recvtype.size();
        core.gather(
                in == null ? MPI.IN_PLACE : in.array,
                in == null ? 0 : in.offset,
                in == null ? elements : in.elements,
                out == null ? unused(recvbuf, recvtype) : out.array,
                out == null ? 0 : out.offset,
                out == null ? 0 : elements,
                root);
        if (out != null) {
            out.unpack();
        }
    }

    static void gatherv(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int[] recvcount,
            int[] displs,
            Datatype recvtype,
            int root) {
        if (sendtype.isObject() || recvtype.isObject()) {
            ObjectCollectives.gatherv(
                    core,
                    sendbuf,
                    sendoffset,
                    sendcount,
                    sendtype,
                    recvbuf,
                    recvoffset,
                    recvcount,
                    displs,
                    recvtype,
                    root,
                    false);
            return;
        }
        boolean isRoot = core.rank() == root;
        View in = View.in("sendbuf", sendbuf, sendoffset, sendcount, sendtype);
        if (!isRoot) {
            core.gatherv(in.array, in.offset, in.elements, unused(recvbuf, recvtype), 0, null, null, root);
            return;
        }
        VLayout out = VLayout.out("recvbuf", recvbuf, recvoffset, recvcount, displs, recvtype, core.size());
        core.gatherv(in.array, in.offset, in.elements, out.array, out.offset, out.counts, out.displs, root);
        out.unpack();
    }

    static void scatter(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype,
            int root) {
        if (sendtype.isObject() || recvtype.isObject()) {
            ObjectCollectives.scatter(
                    core, sendbuf, sendoffset, sendcount, sendtype, recvbuf, recvoffset, recvcount, recvtype, root);
            return;
        }
        boolean isRoot = core.rank() == root;
        View in = isRoot ? View.in("sendbuf", sendbuf, sendoffset, sendcount * core.size(), sendtype) : null;
        View out = View.out("recvbuf", recvbuf, recvoffset, recvcount, recvtype, false);
        int elements = sendcount * sendtype.size();
        core.scatter(
                in == null ? unused(sendbuf, sendtype) : in.array,
                in == null ? 0 : in.offset,
                in == null ? 0 : elements,
                out.array,
                out.offset,
                out.elements,
                root);
        out.unpack();
    }

    static void scatterv(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            int[] sendcount,
            int[] displs,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype,
            int root) {
        if (sendtype.isObject() || recvtype.isObject()) {
            ObjectCollectives.scatterv(
                    core,
                    sendbuf,
                    sendoffset,
                    sendcount,
                    displs,
                    sendtype,
                    recvbuf,
                    recvoffset,
                    recvcount,
                    recvtype,
                    root);
            return;
        }
        boolean isRoot = core.rank() == root;
        View out = View.out("recvbuf", recvbuf, recvoffset, recvcount, recvtype, false);
        if (isRoot) {
            VLayout in = VLayout.in("sendbuf", sendbuf, sendoffset, sendcount, displs, sendtype, core.size());
            core.scatterv(in.array, in.offset, in.counts, in.displs, out.array, out.offset, out.elements, root);
        } else {
            core.scatterv(unused(sendbuf, sendtype), 0, null, null, out.array, out.offset, out.elements, root);
        }
        out.unpack();
    }

    static void allgather(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype) {
        if (sendtype.isObject() || recvtype.isObject()) {
            ObjectCollectives.gather(
                    core, sendbuf, sendoffset, sendcount, sendtype, recvbuf, recvoffset, recvcount, recvtype, 0, true);
            return;
        }
        boolean inPlace = sendbuf == MPI.IN_PLACE;
        View out = View.out("recvbuf", recvbuf, recvoffset, recvcount * core.size(), recvtype, inPlace);
        View in = inPlace ? null : View.in("sendbuf", sendbuf, sendoffset, sendcount, sendtype);
        int elements = recvcount * recvtype.size();
        core.allgather(
                in == null ? MPI.IN_PLACE : in.array,
                in == null ? 0 : in.offset,
                in == null ? elements : in.elements,
                out.array,
                out.offset,
                elements);
        out.unpack();
    }

    static void allgatherv(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int[] recvcount,
            int[] displs,
            Datatype recvtype) {
        if (sendtype.isObject() || recvtype.isObject()) {
            ObjectCollectives.gatherv(
                    core,
                    sendbuf,
                    sendoffset,
                    sendcount,
                    sendtype,
                    recvbuf,
                    recvoffset,
                    recvcount,
                    displs,
                    recvtype,
                    0,
                    true);
            return;
        }
        View in = View.in("sendbuf", sendbuf, sendoffset, sendcount, sendtype);
        VLayout out = VLayout.out("recvbuf", recvbuf, recvoffset, recvcount, displs, recvtype, core.size());
        core.allgatherv(in.array, in.offset, in.elements, out.array, out.offset, out.counts, out.displs);
        out.unpack();
    }

    static void alltoall(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype) {
        if (sendtype.isObject() || recvtype.isObject()) {
            ObjectCollectives.alltoall(
                    core, sendbuf, sendoffset, sendcount, sendtype, recvbuf, recvoffset, recvcount, recvtype);
            return;
        }
        View in = View.in("sendbuf", sendbuf, sendoffset, sendcount * core.size(), sendtype);
        View out = View.out("recvbuf", recvbuf, recvoffset, recvcount * core.size(), recvtype, false);
        core.alltoall(
                in.array, in.offset, sendcount * sendtype.size(), out.array, out.offset, recvcount * recvtype.size());
        out.unpack();
    }

    static void alltoallv(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            int[] sendcount,
            int[] sdispls,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int[] recvcount,
            int[] rdispls,
            Datatype recvtype) {
        if (sendtype.isObject() || recvtype.isObject()) {
            ObjectCollectives.alltoallv(
                    core,
                    sendbuf,
                    sendoffset,
                    sendcount,
                    sdispls,
                    sendtype,
                    recvbuf,
                    recvoffset,
                    recvcount,
                    rdispls,
                    recvtype);
            return;
        }
        VLayout in = VLayout.in("sendbuf", sendbuf, sendoffset, sendcount, sdispls, sendtype, core.size());
        VLayout out = VLayout.out("recvbuf", recvbuf, recvoffset, recvcount, rdispls, recvtype, core.size());
        core.alltoallv(in.array, in.offset, in.counts, in.displs, out.array, out.offset, out.counts, out.displs);
        out.unpack();
    }

    /** A placeholder for a buffer MPI ignores on this rank (e.g. the receive buffer off the root). */
    private static Object unused(Object userBuf, Datatype type) {
        if (userBuf != null
                && userBuf != MPI.IN_PLACE
                && type.base != null
                && type.base.accepts(userBuf)
                && type.dense()) {
            return userBuf;
        }
        return type.base == null ? new byte[0] : type.base.newArray(0);
    }
}
