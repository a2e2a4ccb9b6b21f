import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import mpi.*;

/** Every collective, blocking and non-blocking, in-place forms, the predefined ops, MINLOC/MAXLOC, user ops. */
final class OmpiCollectives {

    private OmpiCollectives() {
    }

    static void run() throws MPIException {
        movement();
        vectorMovement();
        nonBlockingMovement();
        reductions();
        nonBlockingReductions();
        predefinedOps();
        locOps();
        userOps();
    }

    private static void movement() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        int root = p - 1;
        w.barrier();
        int[] b = {me == root ? 42 : 0, me == root ? 43 : 0};
        w.bcast(b, 2, MPI.INT, root);
        OmpiCheck.check(b[0] == 42 && b[1] == 43, "bcast");
        int[] all = new int[2 * p];
        w.gather(new int[] {me, -me}, 2, MPI.INT, all, 2, MPI.INT, root);
        if (me == root) {
            for (int i = 0; i < p; i++) {
                OmpiCheck.check(all[2 * i] == i && all[2 * i + 1] == -i, "gather block " + i);
            }
        }
        int[] inPlace = new int[me == root ? p : 1];
        if (me == root) {
            inPlace[root] = root * 7;
            w.gather(inPlace, 1, MPI.INT, root);
            for (int i = 0; i < p; i++) {
                OmpiCheck.equal(i * 7, inPlace[i], "in-place gather " + i);
            }
        } else {
            inPlace[0] = me * 7;
            w.gather(inPlace, 1, MPI.INT, root);
        }
        double[] src = new double[p];
        for (int i = 0; i < p; i++) {
            src[i] = me == 0 ? i * 2.5 : -1;
        }
        double[] one = new double[1];
        w.scatter(src, 1, MPI.DOUBLE, one, 1, MPI.DOUBLE, 0);
        OmpiCheck.equal(me * 2.5, one[0], "scatter");
        double[] sc = me == 0 ? src.clone() : new double[] {-1};
        w.scatter(sc, 1, MPI.DOUBLE, 0);
        OmpiCheck.equal(me * 2.5, me == 0 ? sc[0] : sc[0], "in-place scatter");
        long[] ag = new long[p];
        w.allGather(new long[] {me * 3L}, 1, MPI.LONG, ag, 1, MPI.LONG);
        long[] agIn = new long[p];
        agIn[me] = me * 3L;
        w.allGather(agIn, 1, MPI.LONG);
        for (int i = 0; i < p; i++) {
            OmpiCheck.check(ag[i] == i * 3L && agIn[i] == i * 3L, "allGather " + i);
        }
        int[] sendA = new int[2 * p];
        for (int j = 0; j < p; j++) {
            sendA[2 * j] = me * 100 + j;
            sendA[2 * j + 1] = -(me * 100 + j);
        }
        int[] recvA = new int[2 * p];
        w.allToAll(sendA, 2, MPI.INT, recvA, 2, MPI.INT);
        for (int i = 0; i < p; i++) {
            OmpiCheck.check(recvA[2 * i] == i * 100 + me && recvA[2 * i + 1] == -(i * 100 + me), "allToAll " + i);
        }
    }

    private static void vectorMovement() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        int[] counts = new int[p];
        int[] displs = new int[p];
        int total = 0;
        for (int i = 0; i < p; i++) {
            counts[i] = i + 1;
            displs[i] = total + i;
            total += counts[i] + i;
        }
        int[] mine = new int[me + 1];
        java.util.Arrays.fill(mine, me);
        int[] gv = new int[total];
        java.util.Arrays.fill(gv, -9);
        w.gatherv(mine, me + 1, MPI.INT, gv, counts, displs, MPI.INT, 0);
        if (me == 0) {
            checkV(gv, counts, displs, "gatherv");
        }
        int[] gvIn = new int[total];
        java.util.Arrays.fill(gvIn, -9);
        if (me == 0) {
            gvIn[displs[0]] = 0;
            w.gatherv(gvIn, counts, displs, MPI.INT, 0);
            checkV(gvIn, counts, displs, "in-place gatherv");
        } else {
            w.gatherv(mine, me + 1, MPI.INT, 0);
        }
        int[] sv = new int[total];
        for (int i = 0; i < p; i++) {
            for (int k = 0; k < counts[i]; k++) {
                sv[displs[i] + k] = i;
            }
        }
        int[] part = new int[me + 1];
        w.scatterv(sv, counts, displs, MPI.INT, part, me + 1, MPI.INT, 0);
        for (int v : part) {
            OmpiCheck.equal(me, v, "scatterv");
        }
        int[] part2 = new int[me + 1];
        if (me == 0) {
            w.scatterv(sv, counts, displs, MPI.INT, 0);
        } else {
            w.scatterv(part2, me + 1, MPI.INT, 0);
            for (int v : part2) {
                OmpiCheck.equal(me, v, "in-place scatterv");
            }
        }
        int[] agv = new int[total];
        java.util.Arrays.fill(agv, -9);
        w.allGatherv(mine, me + 1, MPI.INT, agv, counts, displs, MPI.INT);
        checkV(agv, counts, displs, "allGatherv");
        int[] agvIn = new int[total];
        java.util.Arrays.fill(agvIn, -9);
        for (int k = 0; k < counts[me]; k++) {
            agvIn[displs[me] + k] = me;
        }
        w.allGatherv(agvIn, counts, displs, MPI.INT);
        checkV(agvIn, counts, displs, "in-place allGatherv");
        int[] sc = new int[p];
        int[] sd = new int[p];
        int[] rc = new int[p];
        int[] rd = new int[p];
        int st = 0;
        int rt = 0;
        for (int j = 0; j < p; j++) {
            sc[j] = j + 1;
            sd[j] = st;
            st += sc[j];
            rc[j] = me + 1;
            rd[j] = rt;
            rt += rc[j];
        }
        int[] sbuf = new int[st];
        for (int j = 0; j < p; j++) {
            for (int k = 0; k < sc[j]; k++) {
                sbuf[sd[j] + k] = me * 1000 + j;
            }
        }
        int[] rbuf = new int[rt];
        w.allToAllv(sbuf, sc, sd, MPI.INT, rbuf, rc, rd, MPI.INT);
        for (int i = 0; i < p; i++) {
            for (int k = 0; k < rc[i]; k++) {
                OmpiCheck.equal(i * 1000 + me, rbuf[rd[i] + k], "allToAllv from " + i);
            }
        }
        allToAllw(me, p);
    }

    /** Rank i sends j ints to rank j as ints, receives from i as doubles' worth of bytes? No: ints and doubles. */
    private static void allToAllw(int me, int p) throws MPIException {
        ByteBuffer send = MPI.newByteBuffer(p * 8);
        ByteBuffer recv = MPI.newByteBuffer(p * 8);
        int[] counts = new int[p];
        int[] sdispls = new int[p];
        int[] rdispls = new int[p];
        Datatype[] types = new Datatype[p];
        for (int j = 0; j < p; j++) {
            counts[j] = 1;
            sdispls[j] = j * 8;
            rdispls[j] = j * 8;
            types[j] = j % 2 == 0 ? MPI.DOUBLE : MPI.LONG;
            if (j % 2 == 0) {
                send.putDouble(j * 8, me + j / 10.0);
            } else {
                send.putLong(j * 8, me * 1000L + j);
            }
        }
        Datatype[] rtypes = new Datatype[p];
        for (int i = 0; i < p; i++) {
            rtypes[i] = me % 2 == 0 ? MPI.DOUBLE : MPI.LONG;
        }
        MPI.COMM_WORLD.allToAllw(send, counts, sdispls, types, recv, counts, rdispls, rtypes);
        for (int i = 0; i < p; i++) {
            if (me % 2 == 0) {
                OmpiCheck.equal(i + me / 10.0, recv.getDouble(i * 8), "allToAllw double from " + i);
            } else {
                OmpiCheck.equal(i * 1000L + me, recv.getLong(i * 8), "allToAllw long from " + i);
            }
        }
    }

    private static void checkV(int[] buf, int[] counts, int[] displs, String what) {
        for (int i = 0; i < counts.length; i++) {
            for (int k = 0; k < counts[i]; k++) {
                OmpiCheck.equal(i, buf[displs[i] + k], what + " block " + i);
            }
            if (displs[i] > 0) {
                OmpiCheck.equal(-9, buf[displs[i] - 1], what + " gap before block " + i);
            }
        }
    }

    private static void nonBlockingMovement() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        IntBuffer b = MPI.newIntBuffer(1);
        b.put(0, me == 0 ? 77 : 0);
        Request[] r = {w.iBarrier(), w.iBcast(b, 1, MPI.INT, 0)};
        IntBuffer mine = MPI.newIntBuffer(1);
        mine.put(0, me + 1);
        IntBuffer gathered = MPI.newIntBuffer(p);
        IntBuffer allg = MPI.newIntBuffer(p);
        IntBuffer a2aSend = MPI.newIntBuffer(p);
        IntBuffer a2aRecv = MPI.newIntBuffer(p);
        IntBuffer scat = MPI.newIntBuffer(p);
        IntBuffer scatOne = MPI.newIntBuffer(1);
        for (int j = 0; j < p; j++) {
            a2aSend.put(j, me * p + j);
            scat.put(j, j * 3);
        }
        Request[] more = {
            w.iGather(mine, 1, MPI.INT, gathered, 1, MPI.INT, 0),
            w.iAllGather(mine, 1, MPI.INT, allg, 1, MPI.INT),
            w.iAllToAll(a2aSend, 1, MPI.INT, a2aRecv, 1, MPI.INT),
            w.iScatter(scat, 1, MPI.INT, scatOne, 1, MPI.INT, 0)};
        Request.waitAll(r);
        Request.waitAll(more);
        OmpiCheck.equal(77, b.get(0), "iBcast");
        OmpiCheck.equal(me * 3, scatOne.get(0), "iScatter");
        for (int i = 0; i < p; i++) {
            OmpiCheck.equal(i + 1, allg.get(i), "iAllGather " + i);
            OmpiCheck.equal(i * p + me, a2aRecv.get(i), "iAllToAll " + i);
            if (me == 0) {
                OmpiCheck.equal(i + 1, gathered.get(i), "iGather " + i);
            }
        }
        int[] counts = new int[p];
        int[] displs = new int[p];
        for (int i = 0; i < p; i++) {
            counts[i] = 1;
            displs[i] = p - 1 - i;
        }
        IntBuffer gv = MPI.newIntBuffer(p);
        IntBuffer agv = MPI.newIntBuffer(p);
        IntBuffer a2av = MPI.newIntBuffer(p);
        Request[] vs = {
            w.iGatherv(mine, 1, MPI.INT, gv, counts, displs, MPI.INT, 0),
            w.iAllGatherv(mine, 1, MPI.INT, agv, counts, displs, MPI.INT),
            w.iAllToAllv(a2aSend, counts, displs, MPI.INT, a2av, counts, displs, MPI.INT)};
        Request.waitAll(vs);
        for (int i = 0; i < p; i++) {
            OmpiCheck.equal(i + 1, agv.get(p - 1 - i), "iAllGatherv " + i);
            OmpiCheck.equal(i * p + (p - 1 - me), a2av.get(p - 1 - i), "iAllToAllv " + i);
            if (me == 0) {
                OmpiCheck.equal(i + 1, gv.get(p - 1 - i), "iGatherv " + i);
            }
        }
        IntBuffer sv = MPI.newIntBuffer(1);
        w.iScatterv(scat, counts, displs, MPI.INT, sv, 1, MPI.INT, 0).waitFor();
        OmpiCheck.equal((p - 1 - me) * 3, sv.get(0), "iScatterv");
    }

    private static void reductions() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        int sum = p * (p - 1) / 2;
        int[] in = {me, 1, -me};
        int[] out = new int[3];
        w.reduce(in, out, 3, MPI.INT, MPI.SUM, 0);
        if (me == 0) {
            OmpiCheck.check(out[0] == sum && out[1] == p && out[2] == -sum, "reduce SUM");
        }
        double[] red = {me + 1.0};
        w.reduce(red, 1, MPI.DOUBLE, MPI.PROD, 0);
        if (me == 0) {
            double f = 1;
            for (int i = 1; i <= p; i++) {
                f *= i;
            }
            OmpiCheck.equal(f, red[0], "in-place reduce PROD");
        }
        long[] ar = {me};
        long[] arOut = new long[1];
        w.allReduce(ar, arOut, 1, MPI.LONG, MPI.MAX);
        OmpiCheck.equal(p - 1, arOut[0], "allReduce MAX");
        float[] arIn = {me};
        w.allReduce(arIn, 1, MPI.FLOAT, MPI.MIN);
        OmpiCheck.equal(0.0, arIn[0], "in-place allReduce MIN");
        int[] counts = new int[p];
        int total = 0;
        for (int i = 0; i < p; i++) {
            counts[i] = i % 2 + 1;
            total += counts[i];
        }
        int[] rsIn = new int[total];
        for (int k = 0; k < total; k++) {
            rsIn[k] = k + me;
        }
        int[] rsOut = new int[counts[me]];
        w.reduceScatter(rsIn, rsOut, counts, MPI.INT, MPI.SUM);
        int start = 0;
        for (int i = 0; i < me; i++) {
            start += counts[i];
        }
        for (int k = 0; k < counts[me]; k++) {
            OmpiCheck.equal((long) p * (start + k) + sum, rsOut[k], "reduceScatter " + k);
        }
        int[] rsInPlace = rsIn.clone();
        w.reduceScatter(rsInPlace, counts, MPI.INT, MPI.SUM);
        for (int k = 0; k < counts[me]; k++) {
            OmpiCheck.equal((long) p * (start + k) + sum, rsInPlace[k], "in-place reduceScatter " + k);
        }
        int[] blockIn = new int[2 * p];
        for (int k = 0; k < 2 * p; k++) {
            blockIn[k] = k;
        }
        int[] blockOut = new int[2];
        w.reduceScatterBlock(blockIn, blockOut, 2, MPI.INT, MPI.SUM);
        OmpiCheck.check(blockOut[0] == p * 2 * me && blockOut[1] == p * (2 * me + 1), "reduceScatterBlock");
        int[] blockInPlace = blockIn.clone();
        w.reduceScatterBlock(blockInPlace, 2, MPI.INT, MPI.SUM);
        OmpiCheck.check(blockInPlace[0] == p * 2 * me && blockInPlace[1] == p * (2 * me + 1),
            "in-place reduceScatterBlock");
        int[] scan = new int[1];
        w.scan(new int[] {me + 1}, scan, 1, MPI.INT, MPI.SUM);
        OmpiCheck.equal((me + 1) * (me + 2) / 2, scan[0], "scan");
        int[] scanIn = {me + 1};
        w.scan(scanIn, 1, MPI.INT, MPI.SUM);
        OmpiCheck.equal((me + 1) * (me + 2) / 2, scanIn[0], "in-place scan");
        int[] ex = {-5};
        w.exScan(new int[] {me + 1}, ex, 1, MPI.INT, MPI.SUM);
        OmpiCheck.equal(me == 0 ? -5 : me * (me + 1) / 2, ex[0], "exScan");
        int[] exIn = {me + 1};
        w.exScan(exIn, 1, MPI.INT, MPI.SUM);
        if (me > 0) {
            OmpiCheck.equal(me * (me + 1) / 2, exIn[0], "in-place exScan");
        }
        int[] local = {1, 2};
        int[] acc = {10, 20};
        Comm.reduceLocal(local, acc, 2, MPI.INT, MPI.SUM);
        OmpiCheck.check(acc[0] == 11 && acc[1] == 22, "reduceLocal");
    }

    private static void nonBlockingReductions() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        int sum = p * (p - 1) / 2;
        IntBuffer one = MPI.newIntBuffer(1);
        one.put(0, me);
        IntBuffer r1 = MPI.newIntBuffer(1);
        IntBuffer r2 = MPI.newIntBuffer(1);
        IntBuffer r3 = MPI.newIntBuffer(1);
        IntBuffer r4 = MPI.newIntBuffer(1);
        IntBuffer inPlace = MPI.newIntBuffer(1);
        inPlace.put(0, me);
        IntBuffer blockIn = MPI.newIntBuffer(p);
        for (int k = 0; k < p; k++) {
            blockIn.put(k, k);
        }
        IntBuffer block = MPI.newIntBuffer(1);
        IntBuffer rsv = MPI.newIntBuffer(1);
        int[] ones = new int[p];
        java.util.Arrays.fill(ones, 1);
        IntBuffer exs = MPI.newIntBuffer(1);
        Request[] r = {
            w.iReduce(one, r1, 1, MPI.INT, MPI.SUM, 0),
            w.iAllReduce(one, r2, 1, MPI.INT, MPI.SUM),
            w.iAllReduce(inPlace, 1, MPI.INT, MPI.MAX),
            w.iScan(one, r3, 1, MPI.INT, MPI.SUM),
            w.iExScan(one, exs, 1, MPI.INT, MPI.SUM),
            w.iReduceScatterBlock(blockIn, block, 1, MPI.INT, MPI.SUM),
            w.iReduceScatter(blockIn, rsv, ones, MPI.INT, MPI.SUM),
            w.iReduce(one, r4, 1, MPI.INT, MPI.MIN, p - 1)};
        Request.waitAll(r);
        if (me == 0) {
            OmpiCheck.equal(sum, r1.get(0), "iReduce");
        }
        if (me == p - 1) {
            OmpiCheck.equal(0, r4.get(0), "iReduce MIN");
        }
        OmpiCheck.equal(sum, r2.get(0), "iAllReduce");
        OmpiCheck.equal(p - 1, inPlace.get(0), "in-place iAllReduce");
        OmpiCheck.equal(me * (me + 1) / 2, r3.get(0), "iScan");
        if (me > 0) {
            OmpiCheck.equal(me * (me - 1) / 2, exs.get(0), "iExScan");
        }
        OmpiCheck.equal(p * me, block.get(0), "iReduceScatterBlock");
        OmpiCheck.equal(p * me, rsv.get(0), "iReduceScatter");
    }

    private static void predefinedOps() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        int[] bits = {1 << me, me == 0 ? 0 : 1, 1};
        int[] r = new int[3];
        w.allReduce(bits, r, 3, MPI.INT, MPI.BOR);
        OmpiCheck.equal((1 << p) - 1, r[0], "BOR");
        w.allReduce(bits, r, 3, MPI.INT, MPI.BAND);
        OmpiCheck.equal(p == 1 ? 1 : 0, r[0], "BAND");
        w.allReduce(bits, r, 3, MPI.INT, MPI.BXOR);
        OmpiCheck.equal((1 << p) - 1, r[0], "BXOR");
        boolean[] flags = {me == 0, true, me % 2 == 0};
        boolean[] fr = new boolean[3];
        w.allReduce(flags, fr, 3, MPI.BOOLEAN, MPI.LAND);
        OmpiCheck.check(fr[0] == (p == 1) && fr[1], "LAND");
        w.allReduce(flags, fr, 3, MPI.BOOLEAN, MPI.LOR);
        OmpiCheck.check(fr[0] && fr[1] && fr[2], "LOR");
        w.allReduce(flags, fr, 3, MPI.BOOLEAN, MPI.LXOR);
        OmpiCheck.check(fr[0] && fr[1] == (p % 2 == 1) && fr[2] == ((p + 1) / 2 % 2 == 1), "LXOR");
        DoubleBuffer d = MPI.newDoubleBuffer(1);
        d.put(0, me + 0.5);
        DoubleBuffer dr = MPI.newDoubleBuffer(1);
        w.allReduce(d, dr, 1, MPI.DOUBLE, MPI.SUM);
        OmpiCheck.equal(p * (p - 1) / 2.0 + p * 0.5, dr.get(0), "direct buffer SUM");
    }

    private static void locOps() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        ByteBuffer in = MPI.newByteBuffer(MPI.doubleInt.getExtent() * 2);
        ByteBuffer out = MPI.newByteBuffer(MPI.doubleInt.getExtent() * 2);
        DoubleInt.Data a = MPI.doubleInt.getData(in, 0);
        a.putValue(Math.abs(me - p / 2.0));
        a.putIndex(me);
        DoubleInt.Data b = MPI.doubleInt.getData(in, 1);
        b.putValue(me % 2);
        b.putIndex(me);
        w.allReduce(in, out, 2, MPI.DOUBLE_INT, MPI.MINLOC);
        DoubleInt.Data r0 = MPI.doubleInt.getData(out, 0);
        DoubleInt.Data r1 = MPI.doubleInt.getData(out, 1);
        OmpiCheck.equal(0.0, r0.getValue(), "MINLOC value");
        OmpiCheck.equal(p / 2, r0.getIndex(), "MINLOC index");
        OmpiCheck.check(r1.getValue() == 0 && r1.getIndex() == 0, "MINLOC ties pick the lowest index");
        w.allReduce(in, out, 2, MPI.DOUBLE_INT, MPI.MAXLOC);
        DoubleInt.Data max = MPI.doubleInt.getData(out, 1);
        OmpiCheck.equal(p > 1 ? 1 : 0, max.getValue(), "MAXLOC value");
        OmpiCheck.equal(p > 1 ? 1 : 0, max.getIndex(), "MAXLOC index");
        ByteBuffer i2 = MPI.newByteBuffer(MPI.int2.getExtent());
        Int2.Data v = MPI.int2.getData(i2);
        v.putValue(me * 10);
        v.putIndex(me);
        ByteBuffer i2r = MPI.newByteBuffer(MPI.int2.getExtent());
        w.reduce(i2, i2r, 1, MPI.INT2, MPI.MAXLOC, 0);
        if (me == 0) {
            Int2.Data res = MPI.int2.getData(i2r);
            OmpiCheck.check(res.getValue() == (p - 1) * 10 && res.getIndex() == p - 1, "INT2 MAXLOC");
        }
        for (Object[] t : new Object[][] {{MPI.shortInt, MPI.SHORT_INT}, {MPI.longInt, MPI.LONG_INT},
            {MPI.floatInt, MPI.FLOAT_INT}}) {
            Struct s = (Struct) t[0];
            ByteBuffer bb = MPI.newByteBuffer(s.getExtent());
            ByteBuffer rr = MPI.newByteBuffer(s.getExtent());
            if (s instanceof ShortInt si) {
                ShortInt.Data x = si.getData(bb);
                x.putValue((short) -me);
                x.putIndex(me);
            } else if (s instanceof LongInt li) {
                LongInt.Data x = li.getData(bb);
                x.putValue(-me * 1_000_000_000_000L);
                x.putIndex(me);
            } else {
                FloatInt.Data x = ((FloatInt) s).getData(bb);
                x.putValue(-me * 0.5f);
                x.putIndex(me);
            }
            w.allReduce(bb, rr, 1, (Datatype) t[1], MPI.MINLOC);
            int index = s instanceof ShortInt si ? si.<ShortInt.Data>getData(rr).getIndex()
                : s instanceof LongInt li ? li.<LongInt.Data>getData(rr).getIndex()
                : ((FloatInt) s).<FloatInt.Data>getData(rr).getIndex();
            OmpiCheck.equal(p - 1, index, "MINLOC over " + t[1]);
        }
    }

    /** Sum of ints, and a non-commutative op (2x2 matrix product) applied in rank order. */
    private static void userOps() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        Op sum = new Op(new UserFunction() {
            @Override
            public void call(Object in, Object inOut, int count, Datatype type) {
                int[] a = (int[]) in;
                int[] b = (int[]) inOut;
                for (int i = 0; i < count; i++) {
                    b[i] += a[i];
                }
            }
        }, true);
        int[] r = new int[2];
        w.allReduce(new int[] {me, 1}, r, 2, MPI.INT, sum);
        OmpiCheck.check(r[0] == p * (p - 1) / 2 && r[1] == p, "user SUM");
        OmpiCheck.check(sum.isCommutative(), "commutative flag");
        Datatype mat = Datatype.createContiguous(4, MPI.LONG);
        mat.commit();
        Op product = new Op(new UserFunction() {
            @Override
            public void call(ByteBuffer in, ByteBuffer inOut, int count, Datatype type) {
                for (int m = 0; m < count; m++) {
                    long[] a = new long[4];
                    long[] b = new long[4];
                    for (int k = 0; k < 4; k++) {
                        a[k] = in.getLong((m * 4 + k) * 8);
                        b[k] = inOut.getLong((m * 4 + k) * 8);
                    }
                    long[] c = {a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
                        a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3]};
                    for (int k = 0; k < 4; k++) {
                        inOut.putLong((m * 4 + k) * 8, c[k]);
                    }
                }
            }
        }, false);
        long[] mine = {me + 1, 0, 1, 1};
        long[] prod = new long[4];
        w.reduce(mine, prod, 1, mat, product, 0);
        if (me == 0) {
            long[] expected = ordered(p - 1);
            OmpiCheck.check(java.util.Arrays.equals(expected, prod), "non-commutative user op in rank order: "
                + java.util.Arrays.toString(prod));
        }
        long[] scanned = new long[4];
        w.scan(mine, scanned, 1, mat, product);
        OmpiCheck.check(java.util.Arrays.equals(ordered(me), scanned), "user op scan in rank order");
    }

    /** M0 * M1 * ... * Mr for Mi = [[i+1, 0], [1, 1]]: an order-sensitive product. */
    private static long[] ordered(int r) {
        long x = 1;
        long y = 1;
        for (int i = 1; i <= r; i++) {
            x *= i + 1;
            y = y * (i + 1) + 1;
        }
        return new long[] {x, 0, y, 1};
    }
}
