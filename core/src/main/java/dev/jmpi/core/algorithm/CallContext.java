package dev.jmpi.core.algorithm;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.core.internal.CollectiveCall;
import dev.jmpi.core.internal.CollectiveHost;
import dev.jmpi.core.internal.FutureRequest;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.DataType;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * What every collective of one communicator shares: the host, the algorithm choice, and the
 * plumbing of a call (its signature, running it asynchronously, and seeing ByteBuffer
 * arguments as arrays). Immutable; safe from any thread.
 */
final class CallContext {

    /** Set while a non-blocking collective runs its blocking twin up to the algorithm. */
    private static final ThreadLocal<Runnable[]> DEFERRED = new ThreadLocal<>();

    private final CollectiveHost host;
    private final Algorithms algorithms;

    CallContext(CollectiveHost host, Algorithms algorithms) {
        this.host = host;
        this.algorithms = algorithms;
    }

    int rank() {
        return host.rank();
    }

    int size() {
        return host.size();
    }

    CollectiveHost host() {
        return host;
    }

    Algorithms algorithms() {
        return algorithms;
    }

    CollectiveCall begin(String operation, int root, long count, Datatype type, Op op) {
        return host.begin(signature(operation, root, count, type, op));
    }

    /** The signature of a call; {@code type == null} means no data (barrier) or objects, per operation. */
    static CollectiveSignature signature(String operation, int root, long count, Datatype type, Op op) {
        return CollectiveSignature.newBuilder()
            .setOperation(operation)
            .setRoot(root)
            .setCount(count)
            .setDataType(type == null ? DataType.DATA_TYPE_UNSPECIFIED : DataType.valueOf(type.name()))
            .setOp(op == null ? "" : op.name())
            .build();
    }

    /** Runs {@code body} on the async executor; the request completes when it returns. */
    Request async(String description, int count, Datatype type, Runnable body) {
        CompletableFuture<Status> future = new CompletableFuture<>();
        String what = host.describeRank(host.rank()) + ": " + description;
        try {
            host.asyncExecutor().execute(() -> {
                try {
                    body.run();
                    future.complete(new Status(Communicator.ANY_SOURCE, Communicator.ANY_TAG, count, type, false));
                } catch (Throwable t) {
                    future.completeExceptionally(t);
                }
            });
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        }
        return new FutureRequest(future, what);
    }

    /** The algorithm's view of a send and a receive buffer: arrays and offsets. */
    @FunctionalInterface
    interface Body {
        void run(Object send, int sendOffset, Object recv, int recvOffset);
    }

    /**
     * Runs {@code body} with ByteBuffer arguments replaced by arrays (see
     * {@link ByteBufferStage}); other arguments, including IN_PLACE and {@code null}, pass through.
     */
    void staged(Object send, int sendOffset, Object recv, int recvOffset, Body body) {
        Runnable[] slot = DEFERRED.get();
        if (slot != null) {
            // A non-blocking call: the checks and begin() ran on the caller's thread (that fixes
            // the call's sequence); the algorithm runs later, on the async executor. Each
            // collective reaches its algorithm exactly once; a second time would be lost.
            if (slot[0] != null) {
                throw new IllegalStateException("a non-blocking collective reached its algorithm twice");
            }
            slot[0] = () -> stagedNow(send, sendOffset, recv, recvOffset, body);
            return;
        }
        stagedNow(send, sendOffset, recv, recvOffset, body);
    }

    /**
     * The non-blocking form of a blocking collective: runs {@code blockingCall} on this
     * thread up to the point where its algorithm would start (arguments checked, call begun),
     * then runs the algorithm on the async executor.
     */
    Request deferred(String description, Runnable blockingCall) {
        Runnable[] slot = new Runnable[1];
        DEFERRED.set(slot);
        try {
            blockingCall.run();
        } finally {
            DEFERRED.remove();
        }
        if (slot[0] == null) {
            throw new IllegalStateException(description + " never reached its algorithm");
        }
        return async(description, 0, null, slot[0]);
    }

    private void stagedNow(Object send, int sendOffset, Object recv, int recvOffset, Body body) {
        if (!(send instanceof ByteBuffer) && !(recv instanceof ByteBuffer)) {
            body.run(send, sendOffset, recv, recvOffset);
            return;
        }
        ByteBufferStage s = ByteBufferStage.of(send, false, "sendBuf", algorithms.pool());
        ByteBufferStage r = null;
        boolean succeeded = false;
        try {
            r = ByteBufferStage.of(recv, true, "recvBuf", algorithms.pool());
            body.run(ByteBufferStage.array(s, send), ByteBufferStage.offset(s, sendOffset),
                ByteBufferStage.array(r, recv), ByteBufferStage.offset(r, recvOffset));
            succeeded = true;
        } finally {
            ByteBufferStage.finish(s, false);
            ByteBufferStage.finish(r, succeeded);
        }
    }
}
