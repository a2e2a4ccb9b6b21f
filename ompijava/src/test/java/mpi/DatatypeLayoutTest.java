package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;

/** Type maps, extents and packing, checked without any communication. */
class DatatypeLayoutTest {

    @Test
    void vectorHasOpenMpisSizeAndExtentInElements() throws MPIException {
        Datatype v = Datatype.createVector(3, 2, 4, MPI.DOUBLE);
        assertEquals(6, v.getSize());
        assertEquals(10, v.getExtent());
        assertEquals(0, v.getLb());
        assertArrayEquals(new int[] {0, 1, 4, 5, 8, 9}, v.map.displacements);
    }

    @Test
    void hvectorAndHindexedTakeBytes() throws MPIException {
        assertEquals(
                Datatype.createVector(2, 1, 3, MPI.INT).getExtent(),
                Datatype.createHVector(2, 1, 12, MPI.INT).getExtent());
        Datatype h = Datatype.createHIndexed(new int[] {1, 2}, new int[] {16, 0}, MPI.LONG);
        assertArrayEquals(new int[] {2, 0, 1}, h.map.displacements);
        assertThrows(MPIException.class, () -> Datatype.createHVector(2, 1, 6, MPI.INT));
    }

    @Test
    void resizedChangesOnlyBoundsAndStructIsInBytes() throws MPIException {
        Datatype r = Datatype.createResized(Datatype.createContiguous(2, MPI.SHORT), -4, 16);
        assertEquals(-2, r.getLb());
        assertEquals(8, r.getExtent());
        assertEquals(2, r.getSize());
        Datatype s = Datatype.createStruct(new int[] {1, 1}, new int[] {0, 8}, new Datatype[] {MPI.INT, MPI.DOUBLE});
        assertEquals(12, s.getSize());
        assertEquals(16, s.getExtent());
        assertEquals(16, s.getTrueExtent());
    }

    @Test
    void stagedPackingReadsTheTypeMapAndWritesBackOnlyItsElements() throws MPIException {
        int[] buf = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Datatype v = Datatype.createVector(2, 1, 3, MPI.INT);
        Staged s = Staged.of(MPI.slice(buf, 1), 2, v);
        // Items are one extent (4 ints: elements 0 and 3, upper bound 4) apart: 1, 4 then 5, 8.
        assertArrayEquals(new int[] {1, 4, 5, 8}, (int[]) s.array);
        ((int[]) s.array)[3] = -7;
        s.writeBack();
        assertEquals(-7, buf[8]);
        assertEquals(9, buf[9]);
        assertEquals(5, buf[5]);
    }

    @Test
    void denseArraysAreNotCopied() throws MPIException {
        int[] buf = new int[8];
        Staged s = Staged.of(MPI.slice(buf, 3), 2, Datatype.createContiguous(2, MPI.INT));
        assertTrue(s.array == buf);
        assertEquals(3, s.offset);
        assertEquals(4, s.length);
    }

    @Test
    void directBuffersAreReadFromTheirStartInNativeOrder() throws MPIException {
        IntBuffer ib = MPI.newIntBuffer(4);
        ib.put(0, 10).put(1, 11).put(2, 12).put(3, 13);
        ib.position(3);
        Staged s = Staged.of(ib, 2, MPI.INT);
        assertEquals(10, ((int[]) s.array)[0]);
        ByteBuffer raw = MPI.newByteBuffer(8);
        raw.putInt(4, 99);
        Staged r = Staged.of(raw, 2, MPI.INT);
        assertEquals(99, ((int[]) r.array)[1]);
    }

    @Test
    void wrongBufferTypeOrTooShortBufferIsRejectedWithTheExpectation() {
        MPIException e = assertThrows(MPIException.class, () -> Staged.of(new double[4], 1, MPI.INT));
        assertTrue(e.getMessage().contains("int[]"), e.getMessage());
        assertEquals(MPI.ERR_BUFFER, e.getErrorClass());
        MPIException shortBuf = assertThrows(
                MPIException.class, () -> Staged.of(new int[5], 2, Datatype.createVector(2, 1, 3, MPI.INT)));
        assertTrue(shortBuf.getMessage().contains("expected: the items fit the buffer"), shortBuf.getMessage());
    }

    @Test
    void pairTypesDecodeToValueIndexPairsAndBack() throws MPIException {
        ByteBuffer b = MPI.newByteBuffer(MPI.doubleInt.getExtent() * 2);
        DoubleInt.Data d0 = MPI.doubleInt.getData(b, 0);
        d0.putValue(2.5);
        d0.putIndex(7);
        DoubleInt.Data d1 = MPI.doubleInt.getData(b, 1);
        d1.putValue(-1);
        d1.putIndex(3);
        ReduceBuffer r = ReduceBuffer.of(b, 2, MPI.DOUBLE_INT, MPI.MINLOC);
        assertArrayEquals(new double[] {2.5, 7, -1, 3}, (double[]) r.array);
        ((double[]) r.array)[3] = 4;
        r.writeBack();
        assertEquals(4, MPI.doubleInt.<DoubleInt.Data>getData(b, 1).getIndex());
        assertEquals(16, MPI.DOUBLE_INT.getExtent());
        assertEquals(8, MPI.SHORT_INT.getExtent());
    }

    @Test
    void minlocNeedsAPairTypeAndPairTypesNeedMinlocOrMaxloc() {
        assertThrows(MPIException.class, () -> MPI.MINLOC.coreFor(MPI.INT));
        assertThrows(MPIException.class, () -> MPI.SUM.coreFor(MPI.INT2));
    }

    @Test
    void complexTypesReduceOnlyWithSum() throws MPIException {
        MPI.SUM.coreFor(Datatype.createContiguous(2, MPI.DOUBLE_COMPLEX));
        MPIException e = assertThrows(MPIException.class, () -> MPI.PROD.coreFor(MPI.FLOAT_COMPLEX));
        assertTrue(e.getMessage().contains("not supported by jmpi"), e.getMessage());
    }

    @Test
    void reduceLocalRunsUserFunctionsInEitherForm() throws MPIException {
        Op arrays = new Op(
                new UserFunction() {
                    @Override
                    public void call(Object in, Object inOut, int count, Datatype type) {
                        long[] a = (long[]) in;
                        long[] b = (long[]) inOut;
                        for (int i = 0; i < count; i++) {
                            b[i] = a[i] * 10 + b[i];
                        }
                    }
                },
                false);
        long[] acc = {1, 2};
        Comm.reduceLocal(new long[] {3, 4}, acc, 2, MPI.LONG, arrays);
        assertArrayEquals(new long[] {31, 42}, acc);
        Op buffers = new Op(
                new UserFunction() {
                    @Override
                    public void call(ByteBuffer in, ByteBuffer inOut, int count, Datatype type) {
                        for (int i = 0; i < count; i++) {
                            inOut.putInt(i * 4, Math.max(in.getInt(i * 4), inOut.getInt(i * 4)));
                        }
                    }
                },
                true);
        int[] m = {5, 1};
        Comm.reduceLocal(new int[] {2, 9}, m, 2, MPI.INT, buffers);
        assertArrayEquals(new int[] {5, 9}, m);
    }

    @Test
    void structFieldsHaveCLikeOffsetsWithoutPadding() throws MPIException {
        Struct s = new Struct() {
            final int a = addByte();
            final int b = addLong(2);

            @Override
            protected Data newData() {
                return new Data() {};
            }

            @Override
            public String toString() {
                return a + "," + b;
            }
        };
        assertEquals("0,1", s.toString());
        assertEquals(17, s.getExtent());
        assertEquals(17, s.getType().getSize());
    }
}
