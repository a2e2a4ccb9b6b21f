package mpi;

import dev.jmpi.CartesianCommunicator;
import dev.jmpi.Communicator;
import java.nio.Buffer;
import java.util.ArrayList;
import java.util.List;

/** An intracommunicator: the collectives of one group, scans, and new communicators. */
public class Intracomm extends Comm {

    Intracomm(Communicator core) {
        super(core);
    }

    @Override
    public Intracomm clone() {
        return (Intracomm) super.clone();
    }

    @Override
    public Intracomm dup() throws MPIException {
        Intracomm c = new Intracomm(Errors.call(() -> core().dup()));
        copyStateTo(c);
        return c;
    }

    @Override
    public Intracomm iDup() throws MPIException {
        Intracomm c = dup();
        c.setRequest(CompletedRequest.request());
        return c;
    }

    @Override
    public Intracomm dupWithInfo(Info info) throws MPIException {
        Intracomm c = dup();
        c.setInfo(info);
        return c;
    }

    /** Partitions by {@code colour}, ordered by {@code key}; {@code MPI.UNDEFINED} gives a null communicator. */
    public final Intracomm split(int colour, int key) throws MPIException {
        Communicator c = core();
        return new Intracomm(Errors.call(() -> c.split(colour, key)).orElse(null)); // null: MPI_COMM_NULL
    }

    /** Splits by type; {@link #TYPE_SHARED} groups the processes of one host. */
    public final Intracomm splitType(int splitType, int key, Info info) throws MPIException {
        Communicator c = core();
        if (splitType == MPI.UNDEFINED) {
            return new Intracomm(Errors.call(() -> c.split(MPI.UNDEFINED, key)).orElse(null));
        }
        if (splitType != TYPE_SHARED) {
            throw Errors.arg("splitType=" + splitType + " (expected: Comm.TYPE_SHARED or MPI.UNDEFINED)");
        }
        List<String> hosts = Errors.call(() -> c.allgatherObject(MPI.hostName()));
        int colour = new ArrayList<>(new java.util.TreeSet<>(hosts)).indexOf(MPI.hostName());
        return new Intracomm(Errors.call(() -> c.split(colour, key)).orElse(null)); // null: MPI_COMM_NULL
    }

    /** A communicator of {@code group}'s processes (a null communicator elsewhere). Collective over this one. */
    public final Intracomm create(Group group) throws MPIException {
        Communicator c = core();
        return new Intracomm(Errors.call(() -> c.create(group.core)).orElse(null));
    }

    /** MPI_Comm_create_group: a communicator of {@code group}'s processes, made by them only. */
    public final Intracomm createGroup(Group group, int tag) throws MPIException {
        Communicator c = core();
        return new Intracomm(Errors.call(() -> c.createFromGroup(group.core, tag)));
    }

    /** A Cartesian grid over the first {@code product(dims)} processes (a null one elsewhere). */
    public final CartComm createCart(int[] dims, boolean[] periods, boolean reorder) throws MPIException {
        Communicator c = core();
        CartesianCommunicator cart =
                Errors.call(() -> c.createCartesian(dims, periods, reorder)).orElse(null);
        return new CartComm(cart);
    }

    /** A graph over the first {@code index.length} processes (a null one elsewhere). */
    public final GraphComm createGraph(int[] index, int[] edges, boolean reorder) throws MPIException {
        Communicator c = core();
        GraphComm.checkGraph(index, edges, c.size());
        int n = index.length;
        Communicator sub = Errors.call(() -> c.split(c.rank() < n ? 0 : MPI.UNDEFINED, c.rank()))
                .orElse(null);
        if (sub == null) {
            return new GraphComm(null, null);
        }
        return new GraphComm(sub, Neighbors.graph(index, edges, sub.rank()));
    }

    /** A distributed graph: edges from {@code sources[i]} to {@code degrees[i]} destinations each, weighted. */
    public final GraphComm createDistGraph(
            int[] sources, int[] degrees, int[] destinations, int[] weights, Info info, boolean reorder)
            throws MPIException {
        return distGraph(sources, degrees, destinations, weights, true);
    }

    /** A distributed graph without weights. */
    public final GraphComm createDistGraph(int[] sources, int[] degrees, int[] destinations, Info info, boolean reorder)
            throws MPIException {
        return distGraph(sources, degrees, destinations, null, false);
    }

    /** A distributed graph from each process's own in- and out-neighbours, weighted. */
    public final GraphComm createDistGraphAdjacent(
            int[] sources, int[] sourceWeights, int[] destinations, int[] destWeights, Info info, boolean reorder)
            throws MPIException {
        return adjacent(sources, sourceWeights, destinations, destWeights, true);
    }

    /** A distributed graph from each process's own in- and out-neighbours. */
    public final GraphComm createDistGraphAdjacent(int[] sources, int[] destinations, Info info, boolean reorder)
            throws MPIException {
        return adjacent(sources, null, destinations, null, false);
    }

    private GraphComm adjacent(int[] sources, int[] sw, int[] destinations, int[] dw, boolean weighted)
            throws MPIException {
        Communicator c = core();
        Communicator dup = Errors.call(c::dup);
        return new GraphComm(
                dup,
                Neighbors.dist(
                        sources.clone(),
                        sw == null ? null : sw.clone(),
                        destinations.clone(),
                        dw == null ? null : dw.clone(),
                        weighted));
    }

    private GraphComm distGraph(int[] sources, int[] degrees, int[] destinations, int[] weights, boolean weighted)
            throws MPIException {
        Communicator c = core();
        List<int[]> edges = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < sources.length; i++) {
            for (int j = 0; j < degrees[i]; j++, k++) {
                edges.add(new int[] {sources[i], destinations[k], weights == null ? 1 : weights[k]});
            }
        }
        List<List<int[]>> all = Errors.call(() -> c.allgatherObject(edges));
        Communicator dup = Errors.call(c::dup);
        return new GraphComm(dup, Neighbors.fromEdges(all, c.rank(), weighted));
    }

    /** Inclusive prefix reduction. */
    public final void scan(Object sendbuf, Object recvbuf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("scan");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, count, type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, count, type, op);
        Errors.run(() -> c.scan(s.array, s.offset, r.array, r.offset, s.length, o));
        r.writeBack();
    }

    /** In-place inclusive prefix reduction. */
    public final void scan(Object recvbuf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("scan");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(recvbuf, count, type, op);
        Errors.run(() -> c.scan(Communicator.IN_PLACE, 0, b.array, b.offset, b.length, o));
        b.writeBack();
    }

    /** Non-blocking inclusive prefix reduction. */
    public final Request iScan(Buffer sendbuf, Buffer recvbuf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("iScan");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, count, type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, count, type, op);
        return new Request(Errors.call(() -> c.iscan(s.array, s.offset, r.array, r.offset, s.length, o)), reduced(r));
    }

    /** Non-blocking in-place inclusive prefix reduction. */
    public final Request iScan(Buffer buf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("iScan");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(buf, count, type, op);
        return new Request(
                Errors.call(() -> c.iscan(Communicator.IN_PLACE, 0, b.array, b.offset, b.length, o)), reduced(b));
    }

    /** Exclusive prefix reduction (rank 0's receive buffer is left unchanged). */
    public final void exScan(Object sendbuf, Object recvbuf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("exScan");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, count, type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, count, type, op);
        Errors.run(() -> c.exscan(s.array, s.offset, r.array, r.offset, s.length, o));
        r.writeBack();
    }

    /** In-place exclusive prefix reduction. */
    public final void exScan(Object buf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("exScan");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(buf, count, type, op);
        Errors.run(() -> c.exscan(Communicator.IN_PLACE, 0, b.array, b.offset, b.length, o));
        b.writeBack();
    }

    /** Non-blocking exclusive prefix reduction. */
    public final Request iExScan(Buffer sendbuf, Buffer recvbuf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("iExScan");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer s = ReduceBuffer.of(sendbuf, count, type, op);
        ReduceBuffer r = ReduceBuffer.of(recvbuf, count, type, op);
        return new Request(Errors.call(() -> c.iexscan(s.array, s.offset, r.array, r.offset, s.length, o)), reduced(r));
    }

    /** Non-blocking in-place exclusive prefix reduction. */
    public final Request iExScan(Buffer buf, int count, Datatype type, Op op) throws MPIException {
        Communicator c = collective("iExScan");
        dev.jmpi.Op o = op.coreFor(type);
        ReduceBuffer b = ReduceBuffer.of(buf, count, type, op);
        return new Request(
                Errors.call(() -> c.iexscan(Communicator.IN_PLACE, 0, b.array, b.offset, b.length, o)), reduced(b));
    }

    // ------------------------------------------------------------------ dynamic processes: not in jmpi

    /** Not supported by jmpi (dynamic processes). */
    public static String openPort() throws MPIException {
        throw Errors.unsupported("MPI_Open_port");
    }

    /** Not supported by jmpi (dynamic processes). */
    public static String openPort(Info info) throws MPIException {
        throw Errors.unsupported("MPI_Open_port");
    }

    /** Not supported by jmpi (dynamic processes). */
    public static void closePort(String name) throws MPIException {
        throw Errors.unsupported("MPI_Close_port");
    }

    /** Not supported by jmpi (dynamic processes). */
    public final Intercomm accept(String port, Info info, int root) throws MPIException {
        throw Errors.unsupported("MPI_Comm_accept");
    }

    /** Not supported by jmpi (dynamic processes). */
    public final Intercomm connect(String port, Info info, int root) throws MPIException {
        throw Errors.unsupported("MPI_Comm_connect");
    }

    /** Not supported by jmpi (dynamic processes). */
    public static void publishName(String service, Info info, String port) throws MPIException {
        throw Errors.unsupported("MPI_Publish_name");
    }

    /** Not supported by jmpi (dynamic processes). */
    public static void unpublishName(String service, Info info, String port) throws MPIException {
        throw Errors.unsupported("MPI_Unpublish_name");
    }

    /** Not supported by jmpi (dynamic processes). */
    public static String lookupName(String service, Info info) throws MPIException {
        throw Errors.unsupported("MPI_Lookup_name");
    }

    /** Not supported by jmpi (dynamic processes). */
    public final Intercomm spawn(String command, String[] argv, int maxprocs, Info info, int root, int[] errcodes)
            throws MPIException {
        throw Errors.unsupported("MPI_Comm_spawn");
    }

    /** Not supported by jmpi (dynamic processes). */
    public final Intercomm spawnMultiple(
            String[] commands, String[][] argv, int[] maxprocs, Info[] info, int root, int[] errcodes)
            throws MPIException {
        throw Errors.unsupported("MPI_Comm_spawn_multiple");
    }
}
