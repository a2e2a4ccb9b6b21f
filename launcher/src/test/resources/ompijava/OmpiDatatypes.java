import java.nio.ByteBuffer;
import mpi.*;

/** Derived datatypes: contiguous, vector, hvector, indexed, hindexed, struct, resized, and their queries. */
final class OmpiDatatypes {

    private OmpiDatatypes() {
    }

    /** A particle: int id, three double coordinates, one boolean. */
    static final class Particle extends Struct {
        final int id = addInt();
        final int xyz = addDouble(3);
        final int alive = addBoolean();

        @Override
        protected Data newData() {
            return new Data();
        }

        final class Data extends Struct.Data {
            int id() {
                return getInt(id);
            }

            double coord(int k) {
                return getDouble(xyz, k);
            }

            boolean alive() {
                return getBoolean(alive);
            }

            void set(int i, double x, double y, double z, boolean a) {
                putInt(id, i);
                putDouble(xyz, 0, x);
                putDouble(xyz, 1, y);
                putDouble(xyz, 2, z);
                putBoolean(alive, a);
            }
        }
    }

    static void run() throws MPIException {
        queries();
        exchange();
        structs();
    }

    private static void queries() throws MPIException {
        OmpiCheck.equal(1, MPI.INT.getSize(), "INT size in elements");
        OmpiCheck.equal(1, MPI.DOUBLE.getExtent(), "DOUBLE extent in elements");
        Datatype contig = Datatype.createContiguous(3, MPI.INT);
        OmpiCheck.check(contig.getSize() == 3 && contig.getExtent() == 3 && contig.getLb() == 0, "contiguous");
        Datatype vec = Datatype.createVector(2, 3, 5, MPI.INT);
        OmpiCheck.check(vec.getSize() == 6 && vec.getExtent() == 8, "vector size 6, extent 8");
        Datatype hvec = Datatype.createHVector(2, 3, 20, MPI.INT);
        OmpiCheck.equal(8, hvec.getExtent(), "hvector extent");
        Datatype idx = Datatype.createIndexed(new int[] {1, 2}, new int[] {4, 0}, MPI.INT);
        OmpiCheck.check(idx.getSize() == 3 && idx.getExtent() == 5 && idx.getTrueLb() == 0, "indexed");
        Datatype resized = Datatype.createResized(MPI.INT, 0, 12);
        OmpiCheck.check(resized.getExtent() == 3 && resized.getSize() == 1, "resized extent in elements");
        Datatype dup = vec.dup();
        OmpiCheck.equal(vec.getExtent(), dup.getExtent(), "dup");
        dup.setName("my vector");
        OmpiCheck.check("my vector".equals(dup.getName()), "type name");
        dup.free();
        OmpiCheck.check(dup.isNull() && !vec.isNull(), "free");
        OmpiCheck.check("MPI_INT".equals(MPI.INT.getName()), "predefined name");
    }

    private static void exchange() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        int next = (me + 1) % p;
        int prev = (me + p - 1) % p;
        // A 4x4 row-major matrix: send column 1 as a vector, receive it as a row.
        double[] m = new double[16];
        for (int i = 0; i < 16; i++) {
            m[i] = me * 100 + i;
        }
        Datatype column = Datatype.createVector(4, 1, 4, MPI.DOUBLE);
        column.commit();
        double[] row = new double[4];
        w.sendRecv(MPI.slice(m, 1), 1, column, next, 1, row, 4, MPI.DOUBLE, prev, 1);
        for (int i = 0; i < 4; i++) {
            OmpiCheck.equal(prev * 100 + 4 * i + 1, row[i], "vector column " + i);
        }
        // Receive into a column: the other elements stay as they were.
        double[] target = new double[16];
        java.util.Arrays.fill(target, -1);
        w.sendRecv(row, 4, MPI.DOUBLE, next, 2, MPI.slice(target, 2), 1, column, prev, 2);
        for (int i = 0; i < 16; i++) {
            double expected = i % 4 == 2 ? (me + p - 2) % p * 100 + 4 * (i / 4) + 1 : -1;
            OmpiCheck.equal(expected, target[i], "received column element " + i);
        }
        // Two items of a resized type: every third int.
        Datatype third = Datatype.createResized(MPI.INT, 0, 12);
        int[] src = new int[9];
        for (int i = 0; i < 9; i++) {
            src[i] = me * 10 + i;
        }
        int[] got = new int[3];
        w.sendRecv(src, 3, third, next, 3, got, 3, MPI.INT, prev, 3);
        OmpiCheck.check(got[0] == prev * 10 && got[1] == prev * 10 + 3 && got[2] == prev * 10 + 6, "resized stride");
        Datatype idx = Datatype.createIndexed(new int[] {2, 1}, new int[] {3, 0}, MPI.INT);
        int[] gotIdx = new int[3];
        w.sendRecv(src, 1, idx, next, 4, gotIdx, 3, MPI.INT, prev, 4);
        OmpiCheck.check(gotIdx[0] == prev * 10 + 3 && gotIdx[1] == prev * 10 + 4 && gotIdx[2] == prev * 10,
            "indexed order follows the type map");
        Datatype hidx = Datatype.createHIndexed(new int[] {1, 1}, new int[] {8, 32}, MPI.INT);
        int[] gotH = new int[2];
        w.sendRecv(src, 1, hidx, next, 5, gotH, 2, MPI.INT, prev, 5);
        OmpiCheck.check(gotH[0] == prev * 10 + 2 && gotH[1] == prev * 10 + 8, "hindexed byte displacements");
        Datatype hvec = Datatype.createHVector(3, 1, 12, MPI.INT);
        int[] gotHv = new int[3];
        w.sendRecv(src, 1, hvec, next, 6, gotHv, 3, MPI.INT, prev, 6);
        OmpiCheck.check(gotHv[0] == prev * 10 && gotHv[2] == prev * 10 + 6, "hvector byte stride");
        Datatype pairs = Datatype.createContiguous(2, MPI.INT);
        int[] sums = new int[2];
        w.allReduce(new int[] {me, 1}, sums, 1, pairs, MPI.SUM);
        OmpiCheck.check(sums[0] == p * (p - 1) / 2 && sums[1] == p, "reduce over a contiguous type");
        int[] bc = me == 0 ? new int[] {5, 0, 0, 6, 0, 0, 7} : new int[7];
        w.bcast(bc, 3, third, 0);
        OmpiCheck.check(bc[0] == 5 && bc[3] == 6 && bc[6] == 7 && (me == 0 || bc[1] == 0), "bcast of a strided type");
        Status s = w.sendRecv(src, 2, Datatype.createContiguous(2, MPI.INT), next, 7,
            new int[8], 4, Datatype.createContiguous(2, MPI.INT), prev, 7);
        OmpiCheck.equal(2, s.getCount(Datatype.createContiguous(2, MPI.INT)), "count in items of a derived type");
        OmpiCheck.equal(MPI.UNDEFINED, s.getCount(Datatype.createContiguous(3, MPI.INT)), "count not whole");
    }

    private static void structs() throws MPIException {
        Intracomm w = MPI.COMM_WORLD;
        int me = w.getRank();
        int p = w.getSize();
        int next = (me + 1) % p;
        int prev = (me + p - 1) % p;
        Particle particle = new Particle();
        OmpiCheck.equal(4 + 24 + 1, particle.getExtent(), "struct extent");
        Datatype type = particle.getType();
        OmpiCheck.equal(29, type.getSize(), "struct size in bytes");
        ByteBuffer out = MPI.newByteBuffer(particle.getExtent() * 2);
        for (int k = 0; k < 2; k++) {
            Particle.Data d = particle.getData(out, k);
            d.set(me * 10 + k, me, k, -me, k == 1);
        }
        ByteBuffer in = MPI.newByteBuffer(particle.getExtent() * 2);
        w.sendRecv(out, 2, type, next, 20, in, 2, type, prev, 20);
        for (int k = 0; k < 2; k++) {
            Particle.Data d = particle.getData(in, k);
            OmpiCheck.check(d.id() == prev * 10 + k && d.coord(0) == prev && d.coord(1) == k && d.coord(2) == -prev
                && d.alive() == (k == 1), "struct " + k + " received");
        }
        ByteBuffer all = MPI.newByteBuffer(particle.getExtent() * p);
        w.allGather(MPI.slice(out, 0), 1, type, all, 1, type);
        for (int i = 0; i < p; i++) {
            OmpiCheck.equal(i * 10, particle.<Particle.Data>getData(all, i).id(), "allGather of structs " + i);
        }
        Datatype mixed = Datatype.createStruct(new int[] {1, 2}, new int[] {0, 8}, new Datatype[] {MPI.INT, MPI.DOUBLE});
        OmpiCheck.check(mixed.getSize() == 20 && mixed.getExtent() == 24, "createStruct size and extent in bytes");
        ByteBuffer mb = MPI.newByteBuffer(24);
        mb.putInt(0, me).putDouble(8, me + 0.5).putDouble(16, me + 0.25);
        ByteBuffer mr = MPI.newByteBuffer(24);
        w.sendRecv(mb, 1, mixed, next, 21, mr, 1, mixed, prev, 21);
        OmpiCheck.check(mr.getInt(0) == prev && mr.getDouble(8) == prev + 0.5 && mr.getDouble(16) == prev + 0.25,
            "createStruct exchange");
    }
}
