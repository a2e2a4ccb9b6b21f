import java.nio.IntBuffer;
import mpi.*;

/** Groups, communicators, intercommunicators, Cartesian, graph and distributed-graph topologies. */
final class OmpiCommunicators {

    private OmpiCommunicators() {
    }

    static void run() throws MPIException {
        groups();
        communicators();
        intercommunicators();
        cartesian();
        graphs();
        unsupported();
    }

    private static void groups() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        Group world = w.getGroup();
        OmpiCheck.check(world.getSize() == p && world.getRank() == me, "world group");
        Group evens = world.rangeIncl(new int[][] {{0, p - 1, 2}});
        Group odds = world.excl(evensRanks(p));
        OmpiCheck.equal((p + 1) / 2, evens.getSize(), "rangeIncl size");
        OmpiCheck.equal(p / 2, odds.getSize(), "excl size");
        OmpiCheck.equal(me % 2 == 0 ? me / 2 : MPI.UNDEFINED, evens.getRank(), "rank in evens");
        Group union = Group.union(evens, odds);
        OmpiCheck.equal(MPI.SIMILAR == Group.compare(union, world) || p <= 2 ? 1 : 0, 1, "union similar to world");
        OmpiCheck.equal(0, Group.intersection(evens, odds).getSize(), "intersection empty");
        OmpiCheck.equal(odds.getSize(), Group.difference(world, evens).getSize(), "difference");
        OmpiCheck.equal(MPI.IDENT, Group.compare(world, w.getGroup()), "compare ident");
        int[] t = Group.translateRanks(evens, new int[] {0, evens.getSize() - 1}, world);
        OmpiCheck.check(t[0] == 0 && t[1] == 2 * (evens.getSize() - 1), "translateRanks");
        Group reversed = world.incl(reverse(p));
        OmpiCheck.equal(p - 1 - me, reversed.getRank(), "incl order");
        Group rex = world.rangeExcl(new int[][] {{0, 0, 1}});
        OmpiCheck.equal(p - 1, rex.getSize(), "rangeExcl");
        OmpiCheck.equal(0, MPI.GROUP_EMPTY.getSize(), "GROUP_EMPTY");
    }

    private static int[] evensRanks(int p) {
        int[] out = new int[(p + 1) / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = 2 * i;
        }
        return out;
    }

    private static int[] reverse(int p) {
        int[] out = new int[p];
        for (int i = 0; i < p; i++) {
            out[i] = p - 1 - i;
        }
        return out;
    }

    private static void communicators() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        Intracomm dup = w.dup();
        OmpiCheck.equal(MPI.CONGRUENT, Comm.compare(w, dup), "dup is congruent");
        OmpiCheck.equal(MPI.IDENT, Comm.compare(w, w), "ident");
        dup.setName("copy");
        OmpiCheck.check("copy".equals(dup.getName()), "comm name");
        int[] v = {me};
        dup.allReduce(v, 1, MPI.INT, MPI.SUM);
        OmpiCheck.equal(p * (p - 1) / 2, v[0], "allReduce on dup");
        Intracomm half = w.split(me % 2, -me);
        OmpiCheck.equal(me % 2 == 0 ? (p + 1) / 2 : p / 2, half.getSize(), "split size");
        OmpiCheck.equal(half.getSize() - 1 - me / 2, half.getRank(), "split orders by key");
        Intracomm none = w.split(me == 0 ? MPI.UNDEFINED : 0, me);
        OmpiCheck.check(me == 0 ? none.isNull() : none.getSize() == p - 1, "split with UNDEFINED");
        Intracomm created = w.create(w.getGroup().incl(new int[] {0}));
        OmpiCheck.check(me == 0 ? created.getSize() == 1 : created.isNull(), "create");
        if (me % 2 == 1) {
            // MPI_Comm_create_group: only the odd ranks call it.
            Intracomm odd = w.createGroup(w.getGroup().excl(evensRanks(p)), 11);
            int[] n = {1};
            odd.allReduce(n, 1, MPI.INT, MPI.SUM);
            OmpiCheck.check(odd.getSize() == p / 2 && odd.getRank() == me / 2 && n[0] == p / 2, "createGroup");
        }
        OmpiCheck.equal(MPI.SIMILAR, Comm.compare(w, w.split(0, -me)) == MPI.SIMILAR || p == 1 ? MPI.SIMILAR : -1,
            "reordered split is similar");
        Intracomm shared = w.splitType(Comm.TYPE_SHARED, me, new Info());
        OmpiCheck.equal(p, shared.getSize(), "splitType shared: one host");
        Intracomm idup = w.iDup();
        idup.getRequest().waitFor();
        idup.barrier();
        Info info = new Info();
        info.set("k", "v");
        OmpiCheck.check("v".equals(info.get("k")) && info.size() == 1 && "k".equals(info.getKey(0)), "info");
        dup.free();
        OmpiCheck.check(dup.isNull(), "freed communicator is null");
    }

    private static void intercommunicators() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        if (p < 2) {
            return;
        }
        int colour = me % 2;
        Intracomm local = w.split(colour, me);
        Intercomm inter = w.createIntercomm(local, 0, colour == 0 ? 1 : 0, 99);
        OmpiCheck.check(inter.isInter() && !w.isInter(), "isInter");
        OmpiCheck.equal(local.getSize(), inter.getSize(), "intercomm local size");
        OmpiCheck.equal(colour == 0 ? p / 2 : (p + 1) / 2, inter.getRemoteSize(), "remote size");
        OmpiCheck.equal(inter.getRemoteSize(), inter.getRemoteGroup().getSize(), "remote group");
        int lr = local.getRank();
        if (lr < Math.min(inter.getSize(), inter.getRemoteSize())) {
            int[] got = new int[1];
            inter.sendRecv(new int[] {me}, 1, MPI.INT, lr, 5, got, 1, MPI.INT, lr, 5);
            OmpiCheck.equal(colour == 0 ? 2 * lr + 1 : 2 * lr, got[0], "intercomm exchange");
        }
        Intracomm merged = inter.merge(colour == 1);
        OmpiCheck.equal(p, merged.getSize(), "merged size");
        OmpiCheck.equal(colour == 0 ? me / 2 : (p + 1) / 2 + me / 2, merged.getRank(), "merged order: low group first");
        try {
            inter.barrier();
            OmpiCheck.check(false, "collectives on intercommunicators are refused");
        } catch (MPIException e) {
            OmpiCheck.equal(MPI.ERR_UNSUPPORTED_OPERATION, e.getErrorClass(), "intercomm collective error");
        }
        if (me < 2) {
            // Over part of the world: ranks 0 and 1, a group of one each; the others take no part.
            Intracomm alone = w.split(me, 0);
            Intercomm pair = w.createIntercomm(alone, 0, 1 - me, 98);
            int[] got = new int[1];
            pair.sendRecv(new int[] {10 + me}, 1, MPI.INT, 0, 6, got, 1, MPI.INT, 0, 6);
            OmpiCheck.equal(11 - me, got[0], "intercomm over part of the world");
        } else {
            w.split(MPI.UNDEFINED, 0);
        }
    }

    private static void cartesian() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        int[] dims = new int[2];
        CartComm.createDims(p, dims);
        OmpiCheck.equal(p, dims[0] * dims[1], "createDims product");
        CartComm cart = w.createCart(dims, new boolean[] {true, false}, false);
        OmpiCheck.equal(MPI.CART, cart.getTopology(), "cart topology");
        CartParms parms = cart.getParms();
        OmpiCheck.check(parms.getDimCount() == 2 && parms.getDim(0) == dims[0] && parms.getPeriod(0)
            && !parms.getPeriod(1), "cart parms");
        int[] c = cart.getCoords(me);
        OmpiCheck.check(c[0] == me / dims[1] && c[1] == me % dims[1], "row-major coordinates");
        OmpiCheck.equal(me, cart.getRank(c), "getRank(getCoords)");
        OmpiCheck.check(parms.getCoord(0) == c[0] && parms.getCoord(1) == c[1], "parms coordinates");
        ShiftParms s0 = cart.shift(0, 1);
        OmpiCheck.equal(cart.getRank(new int[] {(c[0] + 1) % dims[0], c[1]}), s0.getRankDest(), "periodic shift");
        ShiftParms s1 = cart.shift(1, 1);
        OmpiCheck.equal(c[1] == dims[1] - 1 ? MPI.PROC_NULL : me + 1, s1.getRankDest(), "shift off the edge");
        CartComm row = cart.sub(new boolean[] {false, true});
        OmpiCheck.equal(dims[1], row.getSize(), "sub grid");
        IntBuffer one = MPI.newIntBuffer(1);
        one.put(0, me);
        IntBuffer fromNeighbours = MPI.newIntBuffer(4);
        for (int i = 0; i < 4; i++) {
            fromNeighbours.put(i, -1);
        }
        cart.neighborAllGather(one, 1, MPI.INT, fromNeighbours, 1, MPI.INT);
        int[] expect = {cart.shift(0, 1).getRankSource(), cart.shift(0, 1).getRankDest(),
            cart.shift(1, 1).getRankSource(), cart.shift(1, 1).getRankDest()};
        for (int i = 0; i < 4; i++) {
            OmpiCheck.equal(expect[i] == MPI.PROC_NULL ? -1 : expect[i], fromNeighbours.get(i), "neighborAllGather " + i);
        }
        int[] toEach = {me * 10, me * 10 + 1, me * 10 + 2, me * 10 + 3};
        int[] fromEach = {-1, -1, -1, -1};
        cart.neighborAllToAll(toEach, 1, MPI.INT, fromEach, 1, MPI.INT);
        for (int i = 0; i < 4; i++) {
            int src = expect[i];
            OmpiCheck.equal(src == MPI.PROC_NULL ? -1 : src * 10 + (i ^ 1), fromEach[i], "neighborAllToAll " + i);
        }
        CartComm copy = cart.dup();
        OmpiCheck.equal(MPI.CART, copy.getTopology(), "dup keeps the topology");
    }

    private static void graphs() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        // A ring as an MPI_GRAPH: node i's neighbours are i-1 and i+1.
        int[] index = new int[p];
        int[] edges = new int[2 * p];
        for (int i = 0; i < p; i++) {
            index[i] = 2 * (i + 1);
            edges[2 * i] = (i + p - 1) % p;
            edges[2 * i + 1] = (i + 1) % p;
        }
        GraphComm g = w.createGraph(index, edges, false);
        OmpiCheck.equal(MPI.GRAPH, g.getTopology(), "graph topology");
        GraphParms gp = g.getDims();
        OmpiCheck.check(gp.getIndexCount() == p && gp.getEdgeCount() == 2 * p && gp.getEdge(1) == 1 % p, "graph parms");
        int[] nb = g.getNeighbors(me);
        OmpiCheck.check(nb.length == 2 && nb[0] == (me + p - 1) % p && nb[1] == (me + 1) % p, "graph neighbours");
        int[] got = new int[2];
        g.neighborAllGather(new int[] {me}, 1, MPI.INT, got, 1, MPI.INT);
        OmpiCheck.check(got[0] == nb[0] && got[1] == nb[1], "graph neighborAllGather");
        // A distributed graph: each rank points at the next one, with weight = rank.
        GraphComm dg = w.createDistGraph(new int[] {me}, new int[] {1}, new int[] {(me + 1) % p},
            new int[] {me}, new Info(), false);
        OmpiCheck.equal(MPI.DIST_GRAPH, dg.getTopology(), "dist graph topology");
        DistGraphNeighbors n = dg.getDistGraphNeighbors();
        OmpiCheck.check(n.getInDegree() == 1 && n.getOutDegree() == 1 && n.isWeighted(), "dist graph degrees");
        OmpiCheck.check(n.getSource(0) == (me + p - 1) % p && n.getSourceWeight(0) == (me + p - 1) % p
            && n.getDestination(0) == (me + 1) % p, "dist graph neighbours");
        GraphComm adj = w.createDistGraphAdjacent(new int[] {(me + p - 1) % p}, new int[] {(me + 1) % p},
            new Info(), false);
        int[] in = new int[1];
        adj.neighborAllToAll(new int[] {me * 3}, 1, MPI.INT, in, 1, MPI.INT);
        OmpiCheck.equal((me + p - 1) % p * 3, in[0], "dist graph neighborAllToAll");
        int[] gv = {-1, -1, -1};
        adj.neighborAllGatherv(new int[] {me}, 1, MPI.INT, gv, new int[] {1}, new int[] {2}, MPI.INT);
        OmpiCheck.check(gv[2] == (me + p - 1) % p && gv[0] == -1, "neighborAllGatherv");
    }

    private static void unsupported() throws MPIException {
        try {
            new Win(MPI.newIntBuffer(4), 4, 4, new Info(), MPI.COMM_WORLD);
            OmpiCheck.check(false, "RMA is refused");
        } catch (MPIException e) {
            OmpiCheck.check(e.getMessage().contains("not supported by jmpi")
                && e.getErrorClass() == MPI.ERR_UNSUPPORTED_OPERATION, "RMA message: " + e.getMessage());
        }
        try {
            new File(MPI.COMM_WORLD, "x", MPI.MODE_RDONLY);
            OmpiCheck.check(false, "MPI-IO is refused");
        } catch (MPIException e) {
            OmpiCheck.check(e.getMessage().contains("not supported by jmpi"), "MPI-IO message");
        }
        try {
            MPI.COMM_WORLD.spawn("java", new String[0], 1, new Info(), 0, new int[1]);
            OmpiCheck.check(false, "spawn is refused");
        } catch (MPIException e) {
            OmpiCheck.check(e.getMessage().contains("not supported by jmpi"), "spawn message");
        }
        OmpiCheck.check(Intercomm.getParent().isNull(), "no parent");
    }
}
