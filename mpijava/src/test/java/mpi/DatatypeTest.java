package mpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DatatypeTest {

    @Test
    void derivedTypesReportExtentBoundsAndSizeInBufferElements() {
        Datatype contig = Datatype.Contiguous(3, MPI.INT);
        assertEquals(3, contig.Extent());
        assertEquals(3, contig.Size());
        Datatype vector = Datatype.Vector(3, 2, 4, MPI.DOUBLE);
        assertEquals(0, vector.Lb());
        assertEquals(10, vector.Ub());
        assertEquals(10, vector.Extent());
        assertEquals(6, vector.Size());
        Datatype ofContig = Datatype.Vector(2, 1, 3, contig);
        assertEquals(12, ofContig.Extent(), "Vector strides in multiples of the old type's extent");
        Datatype hvector = Datatype.Hvector(2, 1, 5, contig);
        assertEquals(8, hvector.Extent(), "Hvector strides in buffer elements");
        Datatype indexed = Datatype.Indexed(new int[] {2, 1}, new int[] {1, 5}, MPI.INT);
        assertEquals(1, indexed.Lb());
        assertEquals(6, indexed.Ub());
        assertEquals(3, indexed.Size());
        Datatype hindexed = Datatype.Hindexed(new int[] {1, 1}, new int[] {0, 7}, contig);
        assertEquals(10, hindexed.Extent());
        Datatype padded =
                Datatype.Struct(new int[] {1, 2, 1}, new int[] {-1, 0, 6}, new Datatype[] {MPI.LB, MPI.INT, MPI.UB});
        assertEquals(-1, padded.Lb());
        assertEquals(6, padded.Ub());
        assertEquals(7, padded.Extent());
        assertEquals(2, padded.Size());
        assertEquals(2, MPI.INT2.Size());
        assertEquals(1, MPI.OBJECT.Extent());
    }

    @Test
    void structOfDifferentBaseTypesIsRejectedNamingBoth() {
        MPIException e = assertThrows(
                MPIException.class,
                () -> Datatype.Struct(new int[] {1, 1}, new int[] {0, 1}, new Datatype[] {MPI.INT, MPI.DOUBLE}));
        assertTrue(e.getMessage().contains("INT") && e.getMessage().contains("DOUBLE"), e.getMessage());
        assertThrows(MPIException.class, MPI.INT::Free);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4})
    void aMatrixColumnTravelsAsAVectorAndLandsInIndexedSlots(int n) {
        MpiRanks.run(n, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            int rows = 4;
            int cols = 5;
            Datatype column = Datatype.Vector(rows, 1, cols, MPI.DOUBLE);
            column.Commit();
            Datatype slots = Datatype.Indexed(new int[] {1, 2, 1}, new int[] {0, 3, 7}, MPI.DOUBLE);
            slots.Commit();
            if (rank == 0) {
                double[] matrix = new double[rows * cols + 1];
                for (int i = 0; i < matrix.length; i++) {
                    matrix[i] = i;
                }
                for (int dest = 1; dest < n; dest++) {
                    // column `dest` of the matrix stored from offset 1
                    MPI.COMM_WORLD.Send(matrix, 1 + dest, 1, column, dest, 1);
                    MPI.COMM_WORLD.Isend(matrix, 1 + dest, 1, column, dest, 2).Wait();
                }
            } else {
                double[] got = new double[rows];
                Status s = MPI.COMM_WORLD.Recv(got, 0, rows, MPI.DOUBLE, 0, 1);
                assertEquals(rows, s.Get_count(MPI.DOUBLE));
                for (int r = 0; r < rows; r++) {
                    assertEquals(1 + rank + r * cols, got[r]);
                }
                double[] scattered = new double[10];
                java.util.Arrays.fill(scattered, -1);
                Request req = MPI.COMM_WORLD.Irecv(scattered, 1, 1, slots, 0, 2);
                Status st = req.Wait();
                assertEquals(1, st.Get_count(slots));
                assertEquals(4, st.Get_elements(slots));
                double[] expect = {
                    -1, 1 + rank, -1, -1, 1 + rank + cols, 1 + rank + 2 * cols, -1, -1, 1 + rank + 3 * cols, -1
                };
                assertArrayEquals(expect, scattered);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void collectivesPackAndUnpackStridedTypes(int n) {
        MpiRanks.run(n, () -> {
            int rank = MPI.COMM_WORLD.Rank();
            // every other element: items of 1 int with extent 2 (a padded type)
            Datatype strided = Datatype.Struct(new int[] {1, 1}, new int[] {0, 2}, new Datatype[] {MPI.INT, MPI.UB});
            int[] gathered = new int[2 * n * 2];
            MPI.COMM_WORLD.Allgather(new int[] {rank * 10, rank * 10 + 1}, 0, 2, MPI.INT, gathered, 0, 2, strided);
            for (int r = 0; r < n; r++) {
                assertEquals(r * 10, gathered[4 * r]);
                assertEquals(r * 10 + 1, gathered[4 * r + 2]);
                assertEquals(0, gathered[4 * r + 1], "gaps are left untouched");
            }
            int[] b = new int[4];
            if (rank == 0) {
                b = new int[] {7, -1, 8, -1};
            }
            MPI.COMM_WORLD.Bcast(b, 0, 2, strided, 0);
            assertEquals(7, b[0]);
            assertEquals(8, b[2]);
            int[] sum = new int[4];
            MPI.COMM_WORLD.Allreduce(new int[] {rank, 99, 1, 99}, 0, sum, 0, 2, strided, MPI.SUM);
            assertEquals(n * (n - 1) / 2, sum[0]);
            assertEquals(n, sum[2]);
            assertEquals(0, sum[1]);
        });
    }

    @Test
    void packThenUnpackRestoresEveryTypeAndObjects() {
        MpiRanks.run(2, () -> {
            Comm w = MPI.COMM_WORLD;
            byte[] packed = new byte[256];
            int pos = w.Pack(new int[] {1, 2, 3}, 0, 3, MPI.INT, packed, 0);
            assertEquals(w.Pack_size(3, MPI.INT), pos);
            pos = w.Pack(new double[] {0, 2.5}, 1, 1, MPI.DOUBLE, packed, pos);
            pos = w.Pack(new boolean[] {true, false}, 0, 2, MPI.BOOLEAN, packed, pos);
            pos = w.Pack(new Object[] {"s"}, 0, 1, MPI.OBJECT, packed, pos);
            if (w.Rank() == 0) {
                w.Send(packed, 0, pos, MPI.PACKED, 1, 0);
            } else {
                byte[] in = new byte[256];
                Status s = w.Recv(in, 0, 256, MPI.PACKED, 0, 0);
                assertEquals(pos, s.Get_count(MPI.PACKED));
                int[] ints = new int[3];
                double[] d = new double[1];
                boolean[] bs = new boolean[2];
                Object[] o = new Object[1];
                int p = w.Unpack(in, 0, ints, 0, 3, MPI.INT);
                p = w.Unpack(in, p, d, 0, 1, MPI.DOUBLE);
                p = w.Unpack(in, p, bs, 0, 2, MPI.BOOLEAN);
                p = w.Unpack(in, p, o, 0, 1, MPI.OBJECT);
                assertEquals(pos, p);
                assertArrayEquals(new int[] {1, 2, 3}, ints);
                assertEquals(2.5, d[0]);
                assertArrayEquals(new boolean[] {true, false}, bs);
                assertEquals("s", o[0]);
            }
            assertThrows(MPIException.class, () -> w.Pack_size(1, MPI.OBJECT));
        });
    }
}
