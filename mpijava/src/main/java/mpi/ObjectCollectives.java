package mpi;

import dev.jmpi.Communicator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * Collectives on {@link MPI#OBJECT} buffers: each rank's items are serialized (see
 * {@link ObjectSerializer}) and moved with the core's object collectives as byte arrays.
 * Reductions need a user-defined {@link Op}; it is applied in rank order.
 */
final class ObjectCollectives {

    private ObjectCollectives() {}

    static void bcast(Communicator core, Object buf, int offset, int count, Datatype type, int root) {
        boolean isRoot = core.rank() == root;
        byte[] got = core.bcastObject(isRoot ? serialize(buf, offset, count, type) : null, root);
        if (!isRoot) {
            deserializeInto(got, buf, offset, count, type);
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
            int root,
            boolean all) {
        byte[] mine = sendbuf == MPI.IN_PLACE
                ? serialize(recvbuf, recvoffset + core.rank() * recvcount * recvtype.extent(), recvcount, recvtype)
                : serialize(sendbuf, sendoffset, sendcount, sendtype);
        List<byte[]> got = all ? core.allgatherObject(mine) : core.gatherObject(mine, root);
        if (got == null) {
            return;
        }
        for (int i = 0; i < got.size(); i++) {
            deserializeInto(got.get(i), recvbuf, recvoffset + i * recvcount * recvtype.extent(), recvcount, recvtype);
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
            int root,
            boolean all) {
        byte[] mine = serialize(sendbuf, sendoffset, sendcount, sendtype);
        List<byte[]> got = all ? core.allgatherObject(mine) : core.gatherObject(mine, root);
        if (got == null) {
            return;
        }
        for (int i = 0; i < got.size(); i++) {
            deserializeInto(got.get(i), recvbuf, recvoffset + displs[i] * recvtype.extent(), recvcount[i], recvtype);
        }
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
        List<byte[]> blocks = null;
        if (core.rank() == root) {
            blocks = new ArrayList<>();
            for (int i = 0; i < core.size(); i++) {
                blocks.add(serialize(sendbuf, sendoffset + i * sendcount * sendtype.extent(), sendcount, sendtype));
            }
        }
        byte[] mine = core.scatterObject(blocks, root);
        deserializeInto(mine, recvbuf, recvoffset, recvcount, recvtype);
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
        List<byte[]> blocks = null;
        if (core.rank() == root) {
            blocks = new ArrayList<>();
            for (int i = 0; i < core.size(); i++) {
                blocks.add(serialize(sendbuf, sendoffset + displs[i] * sendtype.extent(), sendcount[i], sendtype));
            }
        }
        byte[] mine = core.scatterObject(blocks, root);
        deserializeInto(mine, recvbuf, recvoffset, recvcount, recvtype);
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
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < core.size(); i++) {
            blocks.add(serialize(sendbuf, sendoffset + i * sendcount * sendtype.extent(), sendcount, sendtype));
        }
        List<byte[]> got = core.alltoallObject(blocks);
        for (int i = 0; i < got.size(); i++) {
            deserializeInto(got.get(i), recvbuf, recvoffset + i * recvcount * recvtype.extent(), recvcount, recvtype);
        }
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
        List<byte[]> blocks = new ArrayList<>();
        for (int i = 0; i < core.size(); i++) {
            blocks.add(serialize(sendbuf, sendoffset + sdispls[i] * sendtype.extent(), sendcount[i], sendtype));
        }
        List<byte[]> got = core.alltoallObject(blocks);
        for (int i = 0; i < got.size(); i++) {
            deserializeInto(got.get(i), recvbuf, recvoffset + rdispls[i] * recvtype.extent(), recvcount[i], recvtype);
        }
    }

    static void reduce(
            Communicator core,
            Object sendbuf,
            int sendoffset,
            Object recvbuf,
            int recvoffset,
            int count,
            Datatype type,
            Op op,
            int root,
            boolean all) {
        BinaryOperator<byte[]> combiner = combiner(type, op, count);
        byte[] mine = sendbuf == MPI.IN_PLACE
                ? serialize(recvbuf, recvoffset, count, type)
                : serialize(sendbuf, sendoffset, count, type);
        byte[] result = all ? core.allreduceObject(mine, combiner) : core.reduceObject(mine, combiner, root);
        if (all || core.rank() == root) {
            deserializeInto(result, recvbuf, recvoffset, count, type);
        }
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
        BinaryOperator<byte[]> combiner = combiner(type, op, count);
        List<byte[]> all = core.allgatherObject(serialize(sendbuf, sendoffset, count, type));
        byte[] acc = all.get(0);
        for (int i = 1; i <= core.rank(); i++) {
            acc = combiner.apply(acc, all.get(i));
        }
        deserializeInto(acc, recvbuf, recvoffset, count, type);
    }

    private static BinaryOperator<byte[]> combiner(Datatype type, Op op, int count) {
        User_function fn = op.function();
        if (fn == null) {
            throw new IllegalArgumentException("op=" + op + " on MPI.OBJECT (expected: a user-defined Op;"
                    + " the predefined ops reduce primitive types)");
        }
        Datatype seen = type.contiguous() ? type : Datatype.contiguousOf(Base.OBJECT, type.size());
        return (lower, higher) -> {
            Object[] in = ObjectSerializer.read(lower);
            Object[] inout = ObjectSerializer.read(higher);
            fn.Call(in, 0, inout, 0, count, seen);
            return ObjectSerializer.write(inout, 0, inout.length);
        };
    }

    private static byte[] serialize(Object buf, int offset, int count, Datatype type) {
        type.checkBuffer("buf", buf, offset, count);
        Object[] packed = (Object[]) type.pack(buf, offset, count);
        return ObjectSerializer.write(packed, 0, packed.length);
    }

    private static void deserializeInto(byte[] bytes, Object buf, int offset, int count, Datatype type) {
        type.checkBuffer("buf", buf, offset, count);
        Object[] objects = ObjectSerializer.read(bytes);
        int room = count * type.size();
        if (objects.length > room) {
            throw new IllegalArgumentException("received " + objects.length + " objects but the buffer has room for "
                    + room + " (expected: matching counts)");
        }
        type.unpack(objects, 0, objects.length, buf, offset);
    }
}
