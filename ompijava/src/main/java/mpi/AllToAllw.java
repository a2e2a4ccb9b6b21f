package mpi;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;

/**
 * MPI_Alltoallw over the core's byte alltoallv: each block is packed with its own datatype
 * from its byte displacement into one byte array, exchanged, and unpacked with the
 * receiver's datatype for that block.
 */
final class AllToAllw {

    final byte[] sendBytes;
    final int[] sendByteCounts;
    final int[] sendByteDispls;
    final byte[] recvBytes;
    final int[] recvByteCounts;
    final int[] recvByteDispls;
    private final Buffer recvBuf;
    private final int[] recvCount;
    private final int[] rDispls;
    private final Datatype[] recvTypes;

    private AllToAllw(
            int p,
            Buffer recvBuf,
            int[] recvCount,
            int[] rDispls,
            Datatype[] recvTypes,
            byte[] sendBytes,
            int[] sendByteCounts,
            int[] sendByteDispls) {
        this.sendBytes = sendBytes;
        this.sendByteCounts = sendByteCounts;
        this.sendByteDispls = sendByteDispls;
        this.recvBuf = recvBuf;
        this.recvCount = recvCount;
        this.rDispls = rDispls;
        this.recvTypes = recvTypes;
        recvByteCounts = new int[p];
        recvByteDispls = new int[p];
        int at = 0;
        for (int i = 0; i < p; i++) {
            recvByteCounts[i] = recvCount[i] * recvTypes[i].map.size() * recvTypes[i].baseSize;
            recvByteDispls[i] = at;
            at += recvByteCounts[i];
        }
        recvBytes = new byte[at];
    }

    static AllToAllw pack(
            int p,
            Buffer sendBuf,
            int[] sendCount,
            int[] sDispls,
            Datatype[] sendTypes,
            Buffer recvBuf,
            int[] recvCount,
            int[] rDispls,
            Datatype[] recvTypes)
            throws MPIException {
        for (int[] a : new int[][] {sendCount, sDispls, recvCount, rDispls}) {
            if (a.length < p) {
                throw Errors.arg("allToAllw count/displacement array of length " + a.length
                        + " (expected: one entry per process, " + p + ")");
            }
        }
        Staged[] blocks = new Staged[p];
        int[] counts = new int[p];
        int[] displs = new int[p];
        int total = 0;
        for (int j = 0; j < p; j++) {
            blocks[j] = Staged.of(slice(sendBuf, sDispls[j]), sendCount[j], sendTypes[j]);
            counts[j] = blocks[j].length * sendTypes[j].baseSize;
            displs[j] = total;
            total += counts[j];
        }
        byte[] bytes = new byte[total];
        for (int j = 0; j < p; j++) {
            Bytes.fromArray(
                    blocks[j].array,
                    blocks[j].offset,
                    blocks[j].length,
                    ByteBuffer.wrap(bytes, displs[j], counts[j]).slice().order(ByteOrder.nativeOrder()));
        }
        return new AllToAllw(p, recvBuf, recvCount, rDispls, recvTypes, bytes, counts, displs);
    }

    /** Unpacks every received block into the receive buffer. */
    void unpack() throws MPIException {
        for (int i = 0; i < recvCount.length && i < recvByteCounts.length; i++) {
            Staged r = Staged.of(slice(recvBuf, rDispls[i]), recvCount[i], recvTypes[i]);
            Bytes.toArray(
                    ByteBuffer.wrap(recvBytes, recvByteDispls[i], recvByteCounts[i])
                            .slice()
                            .order(ByteOrder.nativeOrder()),
                    r.array,
                    r.offset,
                    r.length);
            r.writeBack();
        }
    }

    /** The buffer from byte {@code bytes} on. */
    private static Buffer slice(Buffer buf, int bytes) throws MPIException {
        if (buf == null) {
            return null;
        }
        int unit = buf instanceof ByteBuffer
                ? 1
                : buf instanceof LongBuffer || buf instanceof DoubleBuffer
                        ? 8
                        : buf instanceof IntBuffer || buf instanceof FloatBuffer ? 4 : 2;
        if (bytes % unit != 0) {
            throw Errors.arg("displacement=" + bytes + " bytes into a "
                    + buf.getClass().getSimpleName() + " (expected: a multiple of its " + unit + "-byte elements)");
        }
        int index = bytes / unit;
        if (buf instanceof ByteBuffer b) {
            ByteOrder order = b.order();
            return b.duplicate().clear().position(index).slice().order(order);
        } else if (buf instanceof IntBuffer b) {
            return b.duplicate().clear().position(index).slice();
        } else if (buf instanceof DoubleBuffer b) {
            return b.duplicate().clear().position(index).slice();
        } else if (buf instanceof LongBuffer b) {
            return b.duplicate().clear().position(index).slice();
        } else if (buf instanceof FloatBuffer b) {
            return b.duplicate().clear().position(index).slice();
        } else if (buf instanceof ShortBuffer b) {
            return b.duplicate().clear().position(index).slice();
        }
        return ((CharBuffer) buf).duplicate().clear().position(index).slice();
    }
}
