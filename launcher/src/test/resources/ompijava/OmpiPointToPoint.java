import static java.lang.Math.floorMod;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import mpi.*;

/** Environment and point-to-point: every send mode, arrays and direct buffers, requests, probes, status. */
final class OmpiPointToPoint {

    private OmpiPointToPoint() {
    }

    static void run() throws MPIException {
        environment();
        blockingModes();
        nonBlocking();
        persistent();
        probes();
        sendRecv();
        waitFamilies();
        packing();
        errors();
    }

    private static void environment() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        OmpiCheck.check(MPI.isInitialized() && !MPI.isFinalized(), "initialized, not finalized");
        OmpiCheck.check(w.getRank() >= 0 && w.getRank() < w.getSize(), "0 <= rank < size");
        OmpiCheck.equal(1, MPI.COMM_SELF.getSize(), "COMM_SELF size");
        OmpiCheck.equal(0, MPI.COMM_SELF.getRank(), "COMM_SELF rank");
        double t0 = MPI.wtime();
        OmpiCheck.check(MPI.wtime() >= t0 && MPI.wtick() > 0, "wtime advances, wtick > 0");
        OmpiCheck.check(!MPI.getProcessorName().isEmpty(), "processor name");
        OmpiCheck.check(MPI.queryThread() >= MPI.THREAD_SINGLE, "thread level");
        OmpiCheck.check(MPI.isThreadMain(), "main thread");
        OmpiCheck.check((Integer) w.getAttr(MPI.TAG_UB) >= 32767, "TAG_UB attribute");
        OmpiCheck.equal(MPI.UNDEFINED, w.getTopology(), "world has no topology");
        OmpiCheck.check("MPI_COMM_WORLD".equals(w.getName()), "world's name");
        w.setErrhandler(MPI.ERRORS_RETURN);
        OmpiCheck.check(w.getErrhandler() == MPI.ERRORS_RETURN, "errhandler set");
        int key = Comm.createKeyval();
        w.setAttr(key, "cached");
        OmpiCheck.check("cached".equals(w.getAttr(key)), "user attribute");
        w.deleteAttr(key);
        OmpiCheck.check(w.getAttr(key) == null, "attribute deleted");
        Comm.freeKeyval(key);
    }

    private static void blockingModes() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int size = w.getSize();
        int next = (me + 1) % size;
        int prev = floorMod(me - 1, size);
        MPI.attachBuffer(new byte[1 << 16]);
        for (int mode = 0; mode < 4; mode++) {
            int[] out = {me, mode, me * 10 + mode};
            int[] in = new int[3];
            if (me % 2 == 0) {
                sendIn(mode, out, next);
                w.recv(in, 3, MPI.INT, prev, 100 + mode);
            } else {
                Status s = w.recv(in, 3, MPI.INT, prev, 100 + mode);
                OmpiCheck.equal(prev, s.getSource(), "status source");
                OmpiCheck.equal(100 + mode, s.getTag(), "status tag");
                OmpiCheck.equal(3, s.getCount(MPI.INT), "status count");
                sendIn(mode, out, next);
            }
            OmpiCheck.check(in[0] == prev && in[1] == mode && in[2] == prev * 10 + mode, "mode " + mode + " data");
        }
        byte[] detached = MPI.detachBuffer();
        OmpiCheck.equal(1 << 16, detached.length, "detached buffer");
        double[] d = {me + 0.5, -me};
        double[] back = new double[2];
        w.send(d, 2, MPI.DOUBLE, MPI.PROC_NULL, 1);
        Status s = w.recv(back, 2, MPI.DOUBLE, MPI.PROC_NULL, 1);
        OmpiCheck.equal(MPI.PROC_NULL, s.getSource(), "PROC_NULL source");
        OmpiCheck.equal(0, s.getCount(MPI.DOUBLE), "PROC_NULL count");
        long[] l = {Long.MAX_VALUE - me};
        long[] lr = new long[1];
        boolean[] b = {me % 2 == 0, true};
        boolean[] br = new boolean[2];
        char[] c = "ab".toCharArray();
        char[] cr = new char[2];
        w.sendRecv(l, 1, MPI.LONG, next, 7, lr, 1, MPI.LONG, prev, 7);
        w.sendRecv(b, 2, MPI.BOOLEAN, next, 8, br, 2, MPI.BOOLEAN, prev, 8);
        w.sendRecv(c, 2, MPI.CHAR, next, 9, cr, 2, MPI.CHAR, prev, 9);
        OmpiCheck.check(lr[0] == Long.MAX_VALUE - prev && br[0] == (prev % 2 == 0) && br[1] && cr[1] == 'b',
            "long, boolean, char exchange");
        int[] big = new int[10];
        for (int i = 0; i < 10; i++) {
            big[i] = me * 100 + i;
        }
        int[] got = new int[10];
        w.sendRecv(MPI.slice(big, 4), 6, MPI.INT, next, 10, MPI.slice(got, 2), 6, MPI.INT, prev, 10);
        OmpiCheck.check(got[0] == 0 && got[1] == 0 && got[2] == prev * 100 + 4 && got[7] == prev * 100 + 9,
            "MPI.slice offsets into arrays");
    }

    private static void sendIn(int mode, int[] out, int dest) throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        switch (mode) {
            case 0 -> w.send(out, 3, MPI.INT, dest, 100);
            case 1 -> w.sSend(out, 3, MPI.INT, dest, 101);
            case 2 -> w.bSend(out, 3, MPI.INT, dest, 102);
            default -> w.rSend(out, 3, MPI.INT, dest, 103);
        }
    }

    private static void nonBlocking() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int size = w.getSize();
        int next = (me + 1) % size;
        int prev = floorMod(me - 1, size);
        IntBuffer out = MPI.newIntBuffer(4);
        IntBuffer in = MPI.newIntBuffer(4 * 4);
        for (int i = 0; i < 4; i++) {
            out.put(i, me * 4 + i);
        }
        Request[] recvs = new Request[4];
        for (int k = 0; k < 4; k++) {
            recvs[k] = w.iRecv(MPI.slice(in, k * 4), 4, MPI.INT, prev, 200 + k);
        }
        MPI.attachBuffer(new byte[1 << 12]);
        Request[] sends = {
            w.iSend(out, 4, MPI.INT, next, 200), w.isSend(out, 4, MPI.INT, next, 201),
            w.ibSend(out, 4, MPI.INT, next, 202), w.irSend(out, 4, MPI.INT, next, 203)};
        Request.waitAll(sends);
        Status[] st = Request.waitAllStatus(recvs);
        MPI.detachBuffer();
        for (int k = 0; k < 4; k++) {
            OmpiCheck.equal(200 + k, st[k].getTag(), "non-blocking tag");
            OmpiCheck.check(recvs[k].isNull(), "completed request is null");
            for (int i = 0; i < 4; i++) {
                OmpiCheck.equal(prev * 4 + i, in.get(k * 4 + i), "non-blocking data " + k + "," + i);
            }
        }
        DoubleBuffer dOut = MPI.newDoubleBuffer(2);
        dOut.put(0, me).put(1, -me);
        ByteBuffer raw = MPI.newByteBuffer(16);
        Request r = w.iRecv(raw, 2, MPI.DOUBLE, prev, 210);
        w.send(dOut, 2, MPI.DOUBLE, next, 210);
        r.waitFor();
        OmpiCheck.check(raw.getDouble(0) == prev && raw.getDouble(8) == -prev, "doubles into a ByteBuffer");
    }

    private static void persistent() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int size = w.getSize();
        int next = (me + 1) % size;
        int prev = floorMod(me - 1, size);
        IntBuffer out = MPI.newIntBuffer(1);
        IntBuffer in = MPI.newIntBuffer(1);
        Prequest send = w.sendInit(out, 1, MPI.INT, next, 300);
        Prequest recv = w.recvInit(in, 1, MPI.INT, prev, 300);
        for (int round = 0; round < 3; round++) {
            out.put(0, me * 1000 + round);
            Prequest.startAll(new Prequest[] {recv, send});
            Request.waitAll(new Request[] {send, recv});
            OmpiCheck.equal(prev * 1000 + round, in.get(0), "persistent round " + round);
            OmpiCheck.check(!send.isNull(), "persistent request stays usable");
        }
        send.free();
        recv.free();
    }

    private static void probes() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int size = w.getSize();
        int next = (me + 1) % size;
        int prev = floorMod(me - 1, size);
        w.send(new int[] {1, 2, 3, 4, 5}, 1 + me % 5, MPI.INT, next, 400);
        Status s = w.probe(MPI.ANY_SOURCE, 400);
        OmpiCheck.equal(prev, s.getSource(), "probe source");
        int n = s.getCount(MPI.INT);
        OmpiCheck.equal(1 + prev % 5, n, "probe count");
        int[] buf = new int[n];
        w.recv(buf, n, MPI.INT, s.getSource(), s.getTag());
        OmpiCheck.equal(n, buf[n - 1], "probed message");
        OmpiCheck.check(w.iProbe(MPI.ANY_SOURCE, 401) == null, "iProbe finds nothing");
        w.barrier();
        w.send(new int[] {me}, 1, MPI.INT, next, 401);
        Status found = null;
        while (found == null) {
            found = w.iProbe(prev, 401);
        }
        w.recv(new int[1], 1, MPI.INT, prev, 401);
        OmpiCheck.equal(401, found.getTag(), "iProbe tag");
        w.send(new int[] {me, me}, 2, MPI.INT, next, 402);
        Message m = new Message();
        OmpiCheck.check(m.isNull(), "empty message handle");
        Status ms = m.mProbe(prev, 402, w);
        int[] mbuf = new int[ms.getCount(MPI.INT)];
        m.mRecv(mbuf, mbuf.length, MPI.INT);
        OmpiCheck.check(mbuf.length == 2 && mbuf[1] == prev && m.isNull(), "matched probe and receive");
    }

    private static void sendRecv() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int size = w.getSize();
        int next = (me + 1) % size;
        int prev = floorMod(me - 1, size);
        float[] f = {me, me + 0.25f};
        Status s = w.sendRecvReplace(f, 2, MPI.FLOAT, next, 500, prev, 500);
        OmpiCheck.check(f[0] == prev && f[1] == prev + 0.25f, "sendRecvReplace data");
        OmpiCheck.equal(prev, s.getSource(), "sendRecvReplace source");
        short[] sh = {(short) me};
        short[] shr = new short[1];
        w.sendRecv(sh, 1, MPI.SHORT, prev, 501, shr, 1, MPI.SHORT, MPI.ANY_SOURCE, 501);
        OmpiCheck.equal(next, shr[0], "sendRecv wildcard");
    }

    private static void waitFamilies() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int size = w.getSize();
        int next = (me + 1) % size;
        int prev = floorMod(me - 1, size);
        IntBuffer in = MPI.newIntBuffer(3);
        Request[] r = new Request[3];
        for (int k = 0; k < 3; k++) {
            r[k] = w.iRecv(MPI.slice(in, k), 1, MPI.INT, prev, 600 + k);
        }
        w.send(new int[] {me + 2}, 1, MPI.INT, next, 602);
        Status any = Request.waitAnyStatus(r);
        OmpiCheck.equal(2, any.getIndex(), "waitAny index");
        OmpiCheck.check(r[2].isNull(), "waitAny made it inactive");
        w.barrier();
        w.send(new int[] {me}, 1, MPI.INT, next, 600);
        w.send(new int[] {me + 1}, 1, MPI.INT, next, 601);
        int done = 0;
        while (done < 2) {
            int[] some = Request.waitSome(r);
            done += some.length;
        }
        OmpiCheck.check(Request.waitSome(r) == null, "waitSome with no active request");
        OmpiCheck.check(Request.testAll(r), "testAll of inactive requests");
        for (int k = 0; k < 3; k++) {
            OmpiCheck.equal(prev + k, in.get(k), "wait family data " + k);
        }
        Request get = w.iRecv(MPI.newIntBuffer(1), 1, MPI.INT, prev, 603);
        w.send(new int[] {7}, 1, MPI.INT, next, 603);
        Status gs = null;
        while (gs == null) {
            gs = get.getStatus();
        }
        OmpiCheck.check(!get.isNull(), "getStatus leaves the request active");
        get.waitFor();
        OmpiCheck.equal(MPI.UNDEFINED, Request.testAny(new Request[] {MPI.REQUEST_NULL}), "testAny of REQUEST_NULL");
        Request cancel = w.iRecv(MPI.newIntBuffer(1), 1, MPI.INT, prev, 699);
        cancel.cancel();
        OmpiCheck.check(cancel.waitStatus().isCancelled(), "cancelled receive");
    }

    private static void packing() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int size = w.getSize();
        int next = (me + 1) % size;
        int prev = floorMod(me - 1, size);
        byte[] packed = new byte[w.packSize(2, MPI.INT) + w.packSize(1, MPI.DOUBLE)];
        int pos = w.pack(new int[] {me, -me}, 2, MPI.INT, packed, 0);
        pos = w.pack(new double[] {me * 1.5}, 1, MPI.DOUBLE, packed, pos);
        OmpiCheck.equal(packed.length, pos, "pack position");
        byte[] got = new byte[packed.length];
        w.sendRecv(packed, pos, MPI.PACKED, next, 700, got, got.length, MPI.PACKED, prev, 700);
        int[] ints = new int[2];
        double[] dbl = new double[1];
        int p = w.unpack(got, 0, ints, 2, MPI.INT);
        w.unpack(got, p, dbl, 1, MPI.DOUBLE);
        OmpiCheck.check(ints[0] == prev && ints[1] == -prev && dbl[0] == prev * 1.5, "pack/unpack");
    }

    private static void errors() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int size = w.getSize();
        int next = (me + 1) % size;
        int prev = floorMod(me - 1, size);
        w.send(new int[] {1, 2, 3}, 3, MPI.INT, next, 800);
        try {
            w.recv(new int[2], 2, MPI.INT, prev, 800);
            OmpiCheck.check(false, "a truncated receive throws");
        } catch (MPIException e) {
            OmpiCheck.equal(MPI.ERR_TRUNCATE, e.getErrorClass(), "truncation error class");
        }
        try {
            w.send(new double[1], 1, MPI.INT, next, 801);
            OmpiCheck.check(false, "a double[] sent as MPI.INT throws");
        } catch (MPIException e) {
            OmpiCheck.check(e.getMessage().contains("MPI_INT"), "message names the type: " + e.getMessage());
        }
        w.barrier();
    }
}
