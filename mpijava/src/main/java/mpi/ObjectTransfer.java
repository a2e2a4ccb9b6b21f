package mpi;

import dev.jmpi.Communicator;
import java.util.concurrent.CompletableFuture;

/**
 * Point-to-point messages of {@link MPI#OBJECT}. A message is two core messages: a header of
 * {@code HEADER_INTS + n} ints on the communicator (so it matches, orders, probes and
 * truncates like any message of n elements; int 0 is the payload length, int 1 the payload
 * tag), and the serialized objects on the private object-payload communicator, sent to the
 * receiver's world rank with a tag unique for the sender-receiver pair. The payload is sent
 * eagerly, so a receiver that has matched the header always finds its payload.
 */
final class ObjectTransfer {

    static final int HEADER_INTS = 2;

    private ObjectTransfer() {}

    static Pending send(
            Comm c,
            Communicator core,
            Object[] buf,
            int offset,
            int count,
            int dest,
            int tag,
            boolean sync,
            boolean buffered) {
        byte[] bytes = ObjectSerializer.write(buf, offset, count);
        MPIState state = MPI.state();
        if (buffered) {
            state.checkBufferedSend(bytes.length);
        }
        if (dest == Communicator.PROC_NULL) {
            return Pending.done(Status.procNull());
        }
        int destWorld = core.group().worldRank(dest);
        int payloadTag = state.nextPayloadTag(destWorld);
        int[] header = new int[HEADER_INTS + count];
        header[0] = bytes.length;
        header[1] = payloadTag;
        dev.jmpi.Request h = sync
                ? core.issend(header, 0, header.length, dest, tag)
                : core.isend(header, 0, header.length, dest, tag);
        state.objectPayloads.send(bytes, 0, bytes.length, destWorld, payloadTag);
        int me = c.Rank();
        return new CorePending(h, s -> new Status(me, tag, count, false, false));
    }

    static Pending recv(Comm c, Communicator core, Object[] buf, int offset, int count, int source, int tag) {
        return new Receive(c, core, buf, offset, count, source, tag);
    }

    /** Header first, then the payload; decoding runs once, on whichever thread completes it. */
    private static final class Receive implements Pending {
        private final Comm comm;
        private final Communicator core;
        private final Object[] buf;
        private final int offset;
        private final int[] header;
        private final dev.jmpi.Request headerRequest;
        private final MPIState state;
        private dev.jmpi.Status headerStatus;
        private byte[] payload;
        private dev.jmpi.Request payloadRequest;
        private Status result;

        Receive(Comm comm, Communicator core, Object[] buf, int offset, int count, int source, int tag) {
            this.comm = comm;
            this.core = core;
            this.buf = buf;
            this.offset = offset;
            this.state = MPI.state();
            this.header = new int[HEADER_INTS + count];
            this.headerRequest = core.irecv(header, 0, header.length, source, tag);
        }

        /** Once the header is in: posts the payload receive (or finishes a cancelled/PROC_NULL one). */
        private synchronized void startPayload() {
            if (headerStatus != null) {
                return;
            }
            headerStatus = headerRequest.status().orElseThrow(); // called once the header is in
            if (headerStatus.isCancelled()) {
                result = new Status(MPI.ANY_SOURCE, MPI.ANY_TAG, 0, true, false);
            } else if (headerStatus.source() == Communicator.PROC_NULL) {
                result = Status.procNull();
            } else {
                payload = new byte[header[0]];
                int sourceWorld = core.group().worldRank(headerStatus.source());
                payloadRequest = state.objectPayloads.irecv(payload, 0, payload.length, sourceWorld, header[1]);
            }
        }

        private synchronized Status finish() {
            if (result == null) {
                Object[] objects = ObjectSerializer.read(payload);
                System.arraycopy(objects, 0, buf, offset, objects.length);
                result = new Status(
                        comm.fromP2p(headerStatus.source()),
                        Wildcards.tagFromCore(headerStatus.tag()),
                        objects.length,
                        false,
                        false);
            }
            return result;
        }

        @Override
        public synchronized boolean poll() {
            if (result != null) {
                return true;
            }
            if (!headerRequest.test()) {
                return false;
            }
            startPayload();
            if (result != null) {
                return true;
            }
            if (!payloadRequest.test()) {
                return false;
            }
            payloadRequest.status(); // rethrows the payload receive's failure
            finish();
            return true;
        }

        @Override
        public Status await() {
            headerRequest.await();
            dev.jmpi.Request p;
            synchronized (this) {
                startPayload();
                if (result != null) {
                    return result;
                }
                p = payloadRequest;
            }
            p.await();
            return finish();
        }

        @Override
        public boolean cancel() {
            return headerRequest.cancel();
        }

        @Override
        public CompletableFuture<?> whenDone() {
            return headerRequest.toCompletableFuture().thenCompose(s -> {
                dev.jmpi.Request p;
                synchronized (this) {
                    startPayload();
                    p = payloadRequest;
                }
                return p == null ? CompletableFuture.completedFuture(s) : p.toCompletableFuture();
            });
        }
    }
}
